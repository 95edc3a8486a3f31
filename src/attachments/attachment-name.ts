/** The extensions each accepted type may carry; the first is the one a wrong name gets. */
const EXTENSIONS: Record<string, string[]> = {
  'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'], 'image/gif': ['gif'], 'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx', 'docm', 'dotx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx', 'xlsm', 'xltx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx', 'pptm', 'ppsx'],
  'application/vnd.oasis.opendocument.text': ['odt'], 'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'application/msword': ['doc', 'dot'], 'application/vnd.ms-excel': ['xls', 'xlt'], 'application/vnd.ms-powerpoint': ['ppt', 'pps', 'pot'],
  'text/plain': ['txt'],
};

// Text is text whatever it is called, except names that make a desktop run or render it.
const RISKY_TEXT_EXTENSIONS = new Set([
  'html', 'htm', 'xhtml', 'shtml', 'svg', 'xml', 'xsl', 'js', 'mjs', 'hta', 'exe', 'bat', 'cmd', 'com', 'ps1', 'psm1', 'vbs', 'vbe',
  'wsf', 'sh', 'command', 'scr', 'lnk', 'url', 'desktop', 'reg', 'jar', 'msi', 'app', 'php', 'jsp', 'asp', 'aspx',
]);

/**
 * The name an attachment is shown and downloaded under: the client's base name, cleaned, with an extension
 * that matches the sniffed type ("photo.png" holding a PDF becomes "photo.pdf"), so a download opens in
 * the application its content is for.
 */
export function displayName(raw: string | undefined, mime: string): string {
  // eslint-disable-next-line no-control-regex
  let name = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').replace(/\s+/g, ' ').trim().normalize('NFC');
  const allowed = EXTENSIONS[mime] ?? [];
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  const extension = match?.[1].toLowerCase();
  const stem = match ? name.slice(0, -match[0].length) : name;
  const fits = extension !== undefined && (mime === 'text/plain' ? !RISKY_TEXT_EXTENSIONS.has(extension) : allowed.includes(extension));
  if (!fits) name = `${(mime === 'text/plain' ? name : stem) || 'attachment'}.${allowed[0] ?? 'bin'}`;
  if (name.length > 255) {
    const tail = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, 255 - tail.length) + tail;
  }
  return name;
}

/** RFC 6266 with an ASCII fallback and the UTF-8 name in `filename*`. */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_') || 'attachment';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
