/** The signed-in API key lives in sessionStorage: gone when the tab closes, never in localStorage. */
import type { Ok } from './api.ts';

/** The key signed in with, and what GET /v1/session says of it. */
export type Session = Pick<Ok<'/v1/session', 'get'>, 'keyId' | 'role' | 'warehouses'> & { apiKey: string };

const KEY = 'stockroom.session';

export function loadSession(storage: Pick<Storage, 'getItem'> = sessionStorage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    return s && typeof s.apiKey === 'string' && typeof s.role === 'string' ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session, storage: Pick<Storage, 'setItem'> = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(s));
}

export function clearSession(storage: Pick<Storage, 'removeItem'> = sessionStorage): void {
  storage.removeItem(KEY);
}
