/** Numbers and times as people read them. */

/** 75 → "1m 15s", 3900 → "1h 5m", 45 → "45s". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
}

/** 3723 → "01:02:03": a running clock. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** "about 3 min" for a wait estimate. */
export function waitEstimate(seconds: number | undefined): string {
  if (seconds === undefined || seconds === null) return '';
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

const rtf = typeof Intl !== 'undefined' && 'RelativeTimeFormat' in Intl ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;

/** "3 minutes ago", "yesterday". */
export function relative(iso: string | number | null | undefined, now = Date.now()): string {
  if (iso === null || iso === undefined) return '–';
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(t)) return '–';
  const diff = (t - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 45) return 'just now';
  if (!rtf) return dateTime(t);
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(diff / 86400), 'day');
  return date(t);
}

export function time(iso: string | number): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function date(iso: string | number): string {
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function dateTime(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined) return '–';
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function percent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(digits)}%`;
}

export function number(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export function initials(name: string | null | undefined): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!parts.length) return '?';
  return (parts[0][0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

/** "2024-05-01" in the browser's time zone. */
export function isoDay(t: number | Date = Date.now()): string {
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function startOfToday(now = Date.now()): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

const REASONS: Record<string, string> = {
  low_confidence: 'Low confidence',
  no_answer: 'No answer found',
  customer_request: 'Customer asked for a person',
  keyword: 'Escalation keyword',
  negative_sentiment: 'Upset customer',
  repeated_failure: 'Repeated failure',
  ai_unavailable: 'AI unavailable',
  agent_transfer: 'Transferred',
};

export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return 'Escalated';
  return REASONS[reason] ?? reason.replace(/_/g, ' ');
}

export function visitorLabel(visitor: { name?: string | null; id?: string } | null | undefined, conversationId?: string): string {
  if (visitor?.name) return visitor.name;
  const id = visitor?.id ?? conversationId ?? '';
  return `Visitor ${id.replace(/[^a-z0-9]/gi, '').slice(-4).toUpperCase() || ''}`.trim();
}
