/**
 * The staff session. The server sets an httpOnly cookie for REST, but the /staff socket needs the
 * token itself, so it is kept in localStorage (one login serves every tab) with its expiry.
 */
import type { User } from './types';

const KEY = 'switchboard.session';

interface Stored {
  token: string;
  expiresAt: number;
  user: User;
}

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Stored;
    if (!stored.token || stored.expiresAt < Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return stored;
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return read()?.token ?? null;
}

export function getUser(): User | null {
  return read()?.user ?? null;
}

export function saveSession(token: string, expiresInSeconds: number, user: User): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ token, expiresAt: Date.now() + expiresInSeconds * 1000, user }));
  } catch {
    /* storage blocked: the cookie still works for REST */
  }
}

export function updateUser(user: User): void {
  const stored = read();
  if (stored) saveSession(stored.token, (stored.expiresAt - Date.now()) / 1000, user);
}

export function clearSession(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* ignore */
  }
}
