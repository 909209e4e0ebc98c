import { fail } from '../domain/errors.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Cursors are opaque to clients: the sort key of the last item, base64url-encoded. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  return fail('invalid_request', 'the cursor is not one this API handed out', { cursor });
}
