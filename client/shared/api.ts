/** REST client for the console and the dashboard: bearer token (and the httpOnly cookie), errors as ApiError. */
import { clearSession, getToken } from './session';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: { field: string; errors: string[] }[],
    /** The route itself does not exist on this server (a feature not built yet). */
    readonly notAvailable = false,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

/** Extra query parameters on every request: the super admin's company picker sets companyId here. */
export const scope: { companyId: string | null } = { companyId: null };

const listeners = new Set<() => void>();
/** Called when the server says the session is gone (401). */
export function onUnauthorized(listener: () => void): void {
  listeners.add(listener);
}

export function withQuery(path: string, query: Query = {}, scoped = true): string {
  const params = new URLSearchParams();
  const all: Query = { ...(scoped && scope.companyId ? { companyId: scope.companyId } : {}), ...query };
  for (const [key, value] of Object.entries(all)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

// Creating in a company: a super admin names it in the body (these DTOs take companyId; others refuse unknown fields).
const SCOPED_CREATES = new Set(['/api/users', '/api/api-keys', '/api/knowledge', '/api/knowledge/import', '/api/canned-responses', '/api/settings/prompts']);

export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body !== undefined || options.form ? 'POST' : 'GET');
  if (method === 'POST' && scope.companyId && SCOPED_CREATES.has(path) && options.body && typeof options.body === 'object' && !('companyId' in options.body)) {
    options = { ...options, body: { ...(options.body as object), companyId: scope.companyId } };
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.form && method === 'POST' && scope.companyId && SCOPED_CREATES.has(path) && !options.form.has('companyId')) options.form.append('companyId', scope.companyId);
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('Could not reach the server. Check your connection and try again.', 0);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const payload: any = type.includes('application/json') ? await response.json().catch(() => null) : await response.text();
  if (!response.ok) {
    const message = Array.isArray(payload?.message) ? payload.message.join(', ') : typeof payload?.message === 'string' ? payload.message : `Request failed (${response.status})`;
    // Nest answers an unknown route with "Cannot GET /api/…": that feature is not on this server yet.
    const notAvailable = response.status === 404 && /^Cannot (GET|POST|PATCH|PUT|DELETE) /.test(message);
    if (response.status === 401 && !path.startsWith('/api/auth/login')) {
      clearSession();
      for (const listener of listeners) listener();
    }
    throw new ApiError(message, response.status, payload?.details, notAvailable);
  }
  return payload as T;
}

/** A list endpoint may answer an array or {items}: both become an array. */
export function itemsOf<T>(payload: unknown): T[] {
  if (Array.isArray(payload)) return payload as T[];
  const p = payload as { items?: unknown; data?: unknown } | null;
  if (p && Array.isArray(p.items)) return p.items as T[];
  if (p && Array.isArray(p.data)) return p.data as T[];
  return [];
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
