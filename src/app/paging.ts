import { fail } from '../domain/errors.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A list's page size when none is asked for, and the most one page may hold (the `Limit` schema). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Cursors are opaque to clients: the sort key of the last item, base64url-encoded. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What each element of a cursor must be before it reaches SQL: `text` (a string the database
 * can store), `int` (a non-negative safe integer, for bigint ids and counts) or `time` (an ISO
 * timestamp PostgreSQL accepts).
 */
export type CursorPart = 'text' | 'int' | 'time';
type Decoded<K extends readonly CursorPart[]> = {
  -readonly [I in keyof K]: K[I] extends 'int' ? number : string;
};

/** Longer than any key this API hands out; bounds what a forged cursor can make SQL compare. */
const MAX_TEXT = 512;
/** The years a timestamptz cast takes without a range error, and far beyond any real row. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function partOk(part: CursorPart, value: unknown): boolean {
  switch (part) {
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT && isStorableText(value);
    case 'time':
      return (
        typeof value === 'string' &&
        TIME.test(value) &&
        !Number.isNaN(Date.parse(value)) &&
        Number(value.slice(0, 4)) >= 1
      );
  }
}

/** Text PostgreSQL can store: no NUL, no lone UTF-16 surrogate. */
export function isStorableText(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** The key of a cursor of exactly this shape, or null for anything else. */
export function readCursor<const K extends readonly CursorPart[]>(
  cursor: string,
  shape: K,
): Decoded<K> | null {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  return Array.isArray(key) && key.length === shape.length && shape.every((part, i) => partOk(part, key[i]))
    ? (key as Decoded<K>)
    : null;
}

/**
 * Decodes a cursor this API handed out, checking it has exactly the shape the listing expects:
 * a forged or corrupted cursor is `invalid_cursor`, never a value that fails a cast in SQL.
 */
export function decodeCursor<const K extends readonly CursorPart[]>(cursor: string, shape: K): Decoded<K> {
  return (
    readCursor(cursor, shape) ??
    fail('invalid_cursor', 'the cursor is not one this API handed out', { cursor })
  );
}
