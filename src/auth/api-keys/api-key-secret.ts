import { createHash, randomBytes } from 'node:crypto';

const PREFIX_LENGTH = 12;

/** `sbk_` + 43 base64url characters (256 bits); the first 12 characters are shown in lists. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `sbk_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function looksLikeApiKey(value: unknown): value is string {
  return typeof value === 'string' && /^sbk_[A-Za-z0-9_-]{43}$/.test(value);
}
