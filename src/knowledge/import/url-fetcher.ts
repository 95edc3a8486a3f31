import * as dns from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { formatLimit } from '../../common/interceptors/single-file.interceptor';
import { ImportInputError } from './import-document';

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Loopback, private, link-local… addresses; refused unless allowed (KNOWLEDGE_IMPORT_ALLOW_PRIVATE_URLS). */
  allowPrivate: boolean;
  maxRedirects?: number;
}

export interface FetchedPage {
  /** The URL that answered (after redirects). */
  url: string;
  kind: 'html' | 'text';
  body: string;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** The source key of a URL: scheme and host lower-cased, default port and fragment dropped. */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ImportInputError('url_not_allowed', `"${raw}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImportInputError('url_not_allowed', `Only http and https URLs can be imported, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username || url.password) throw new ImportInputError('url_not_allowed', 'URLs with a user name or password cannot be imported');
  url.hash = '';
  return url.href;
}

const v4ToInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const inV4 = (ip: string, base: string, bits: number) => bits === 0 || v4ToInt(ip) >>> (32 - bits) === v4ToInt(base) >>> (32 - bits);
const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
];

/** Eight 16-bit groups of an IPv6 address (handles `::` and a trailing dotted IPv4). */
function v6Groups(ip: string): number[] {
  let address = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const n = v4ToInt(dotted[1]);
    address = address.slice(0, -dotted[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = address.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/** Loopback, private (RFC 1918, ULA), link-local, CGNAT, documentation, multicast and unspecified addresses. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip.replace(/%.*$/, ''));
  if (family === 4) return PRIVATE_V4.some(([base, bits]) => inV4(ip, base, bits)) || ip === '255.255.255.255';
  if (family !== 6) return true; // not an address at all: never trust it
  const g = v6Groups(ip);
  const embeddedV4 = () => `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return isPrivateAddress(embeddedV4()); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b) return isPrivateAddress(embeddedV4()); // NAT64
  return (g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfe80 || (g[0] & 0xff00) === 0xff00 || (g[0] === 0x2001 && g[1] === 0x0db8);
}

const notAllowed = (host: string, address: string) =>
  new ImportInputError('url_not_allowed', `${host} points to a private or loopback address (${address}); only public web pages can be imported`);

/** dns.lookup that refuses private addresses at connect time, so a DNS answer cannot change after the check. */
function guardedLookup(allowPrivate: boolean): typeof dns.lookup {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses: dns.LookupAddress[]) => {
      if (error) return callback(error);
      const blocked = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(notAllowed(hostname, blocked.address));
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  }) as unknown as typeof dns.lookup;
}

function unreachable(url: string, error: NodeJS.ErrnoException, timeoutMs: number): ImportInputError {
  if (error instanceof ImportInputError) return error;
  const code = error.code ?? error.name;
  const reason: Record<string, string> = {
    ECONNREFUSED: 'the connection was refused', ENOTFOUND: 'the host name does not exist', EAI_AGAIN: 'the host name could not be resolved',
    ECONNRESET: 'the connection was reset', EHOSTUNREACH: 'the host is unreachable', ENETUNREACH: 'the network is unreachable',
    ETIMEDOUT: 'the connection timed out', ABORT_ERR: `it did not answer within ${Math.round(timeoutMs / 1000)} s`,
    AbortError: `it did not answer within ${Math.round(timeoutMs / 1000)} s`, TimeoutError: `it did not answer within ${Math.round(timeoutMs / 1000)} s`,
  };
  const tls = /CERT|SSL|TLS/.test(code) ? `its TLS certificate is not valid (${code})` : undefined;
  return new ImportInputError('url_unreachable', `Could not fetch ${url}: ${reason[code] ?? tls ?? error.message}`);
}

function request(url: URL, options: FetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, {
      signal,
      lookup: guardedLookup(options.allowPrivate),
      headers: {
        'user-agent': 'SwitchboardKnowledgeImport/1.0 (+https://github.com/switchboard)',
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.9',
        'accept-encoding': 'gzip, deflate, br',
      },
    }, resolve);
    req.on('error', reject);
  });
}

async function readBody(response: http.IncomingMessage, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes && !response.headers['content-encoding']) {
    response.destroy();
    throw new ImportInputError('too_large', `${url} is larger than the ${formatLimit(maxBytes)} limit`);
  }
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : null;
  const stream: Readable = decoder ? response.pipe(decoder) : response;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      // Counted after decompression, so a small compressed bomb cannot pass.
      if (size > maxBytes) throw new ImportInputError('too_large', `${url} is larger than the ${formatLimit(maxBytes)} limit`);
      chunks.push(chunk as Buffer);
    }
  } finally {
    response.destroy();
  }
  return Buffer.concat(chunks);
}

/** The charset of the Content-Type header, else of a `<meta charset>` in the page, else UTF-8. */
function decodeBody(body: Buffer, contentType: string): string {
  const declared = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1];
  let text: string;
  try {
    text = new TextDecoder(declared ?? 'utf-8').decode(body);
  } catch {
    text = new TextDecoder('utf-8').decode(body);
  }
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Fetches a web page for import: http(s) only, redirects followed by hand (each hop is checked again),
 * private addresses refused at connect time unless allowed, a deadline for the whole fetch, a size limit
 * counted after decompression, and only HTML or plain text accepted.
 */
export async function fetchPage(rawUrl: string, options: FetchOptions): Promise<FetchedPage> {
  let url = new URL(normalizeUrl(rawUrl));
  const signal = AbortSignal.timeout(options.timeoutMs);
  for (let hop = 0; ; hop++) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // IP literals skip DNS, so the connect-time guard never sees them.
    if (isIP(host) && !options.allowPrivate && isPrivateAddress(host)) throw notAllowed(host, host);
    let response: http.IncomingMessage;
    try {
      response = await request(url, options, signal);
    } catch (error) {
      throw unreachable(url.href, error as NodeJS.ErrnoException, options.timeoutMs);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (hop >= (options.maxRedirects ?? 5)) throw new ImportInputError('url_failed', `${rawUrl} redirects too many times`);
      url = new URL(normalizeUrl(new URL(location, url).href));
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new ImportInputError('url_failed', `${url.href} answered ${status} ${http.STATUS_CODES[status] ?? ''}`.trim() + ': only a page that loads can be imported');
    }
    const contentType = String(response.headers['content-type'] ?? '');
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    if (!HTML_TYPES.has(mediaType) && mediaType !== 'text/plain') {
      response.resume();
      throw new ImportInputError('unsupported_type', `${url.href} is ${mediaType || 'of no declared type'}, not a web page: import HTML or plain-text pages (upload documents as files)`);
    }
    let body: Buffer;
    try {
      body = await readBody(response, url.href, options.maxBytes);
    } catch (error) {
      throw error instanceof ImportInputError ? error : unreachable(url.href, error as NodeJS.ErrnoException, options.timeoutMs);
    }
    return { url: url.href, kind: HTML_TYPES.has(mediaType) ? 'html' : 'text', body: decodeBody(body, contentType) };
  }
}
