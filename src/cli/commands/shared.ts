/**
 * What every stock command shares: where its database and output go (CliIo), the runner that
 * opens the database for a use case and prints a refusal, the checks of its arguments (with the
 * API's own schemas and limits, src/http/schemas.ts, never copies of them), and the common
 * options (--json, --idempotency-key, paging).
 *
 * An expected failure (a DomainError) prints `error <code>: <message>` and its details as
 * JSON on stderr and exits 2; the use case then changed nothing.
 */
import type { TString } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Command } from 'commander';
import type { Actor, AppContext } from '../../app/context.ts';
import { createContext } from '../../app/create-context.ts';
import type { Page } from '../../app/paging.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import { Code, Cursor, IdempotencyKey, Limit, MAX_QTY, Note, Reason } from '../../http/schemas.ts';

/** Who the ledger says made a change from the command line. */
export const CLI_ACTOR: Actor = { id: 'cli', role: 'admin', warehouses: null };

/** The exit code of a refused command: bad input, or a change the stock does not allow. */
export const EXIT_REFUSED = 2;

// The API's limits, read off its schemas: checked here at the CLI's edge.
export const MAX_REASON = maxLength(Reason);
export const MAX_NOTE = maxLength(Note);
const DEFAULT_LIMIT: number = Limit.default;
const MAX_LIMIT = Limit.maximum!;

function maxLength(schema: TString): number {
  return schema.maxLength!;
}
/** RFC 3339 with a zone, as the API's date-time format: a time without one is ambiguous. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

// ---------------------------------------------------------------------------------------------
// Arguments: each checker answers the value or refuses with invalid_request naming the argument.

export function bad(argument: string, value: unknown, message: string): never {
  return fail('invalid_request', `${argument} ${message}`, { argument, value });
}

export function code(argument: string, value: string): string {
  if (!Value.Check(Code, value))
    bad(argument, value, `"${value}" is not a valid code (letters, digits and - _ . : /, at most 64)`);
  return value;
}

/** A whole number of units, at least `min` (1 unless said otherwise). */
export function units(argument: string, value: string, min = 1): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > MAX_QTY) {
    bad(argument, value, `"${value}" is not a whole number from ${min} to ${MAX_QTY}`);
  }
  return n;
}

export function text(argument: string, value: string, max: number): string {
  if (value.length === 0 || value.length > max) bad(argument, value, `must be 1 to ${max} characters`);
  return value;
}

export function timestamp(argument: string, value: string): string {
  if (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    bad(argument, value, `"${value}" is not a date-time with a zone, e.g. 2030-01-31T09:00:00Z`);
  }
  return new Date(value).toISOString();
}

/** `<left>=<qty>`, split at the last `=`; the quantity at least `min`. */
export function pair(argument: string, value: string, left: string, min = 1): [string, number] {
  const at = value.lastIndexOf('=');
  if (at <= 0) bad(argument, value, `"${value}" is not ${left}=<qty>`);
  return [value.slice(0, at), units(argument, value.slice(at + 1), min)];
}

export function skuQty(argument: string, value: string, min = 1): { sku: string; qty: number } {
  const [sku, qty] = pair(argument, value, '<sku>', min);
  return { sku: code(argument, sku), qty };
}

export function limit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = units('--limit', value);
  return n <= MAX_LIMIT ? n : bad('--limit', value, `is at most ${MAX_LIMIT}`);
}

/** One of `allowed`, e.g. a status. */
export function oneOf<T extends string>(argument: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    bad(argument, value, `"${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export const optional = <T>(value: string | undefined, check: (value: string) => T): T | undefined =>
  value === undefined ? undefined : check(value);

// ---------------------------------------------------------------------------------------------
// Running a command.

/** Where a command's database, output and exit code go: the process, or a test. */
export interface CliIo {
  /** Opens the database, migrated; each command closes it again before it ends. */
  open(): Promise<Database>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The exit code of a refused command (the process ends by itself once the command is done). */
  setExitCode(code: number): void;
}

export const processIo: CliIo = {
  // Loaded when a command reaches its use case: a refused argument or --help needs no driver.
  open: async () => (await import('../open.ts')).openForCli(loadConfig()),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

export interface Runner {
  write(text: string): void;
  print(line: string): void;
  printJson(value: unknown): void;
  /** A `(more: ...)` line when the listing has another page. */
  more(page: Page<unknown>): void;
  /** Opens the database for one use case and closes it again, whatever happens. */
  using<T>(work: (ctx: AppContext) => Promise<T>): Promise<T>;
  /**
   * The action of a command: its checks and its use case. A DomainError, from either, is
   * printed plainly and exits 2; anything else goes on to main's handler.
   */
  action<A extends unknown[]>(work: (...args: A) => Promise<void>): (...args: A) => Promise<void>;
}

export function runner(io: CliIo): Runner {
  const print = (line: string) => io.stdout(`${line}\n`);
  return {
    write: (text) => io.stdout(text),
    print,
    printJson: (value) => print(JSON.stringify(value, null, 2)),
    more: (page) => {
      if (page.nextCursor) print(`(more: repeat with --cursor ${page.nextCursor})`);
    },
    async using(work) {
      const db = await io.open();
      try {
        return await work(createContext(db));
      } finally {
        await db.close();
      }
    },
    action:
      (work) =>
      async (...args) => {
        try {
          await work(...args);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          io.stderr(`error ${err.code}: ${err.message}\n`);
          if (err.details) io.stderr(`${JSON.stringify(err.details)}\n`);
          io.setExitCode(EXIT_REFUSED);
        }
      },
  };
}

// ---------------------------------------------------------------------------------------------
// Common options.

export interface JsonOption {
  json?: boolean;
}
export interface KeyOption {
  idempotencyKey?: string;
}
export interface PageOptions extends JsonOption {
  limit?: string;
  cursor?: string;
}

export const withJson = (c: Command) => c.option('--json', "print the use case's answer as JSON");
export const withKey = (c: Command) =>
  c.option(
    '--idempotency-key <key>',
    'run at most once: a repeat with the same key returns the first answer',
  );
export const withPaging = (c: Command) =>
  withJson(c)
    .option('--limit <n>', `at most this many (1 to ${MAX_LIMIT}, default ${DEFAULT_LIMIT})`)
    .option('--cursor <cursor>', 'continue where the previous listing stopped');

/** The options of a use case that changes something: the CLI's actor and the idempotency key. */
export const commandOpts = (o: KeyOption) => ({
  actor: CLI_ACTOR,
  idempotencyKey: optional(o.idempotencyKey, (v) => text('--idempotency-key', v, maxLength(IdempotencyKey))),
});
export const cursor = (o: PageOptions) => optional(o.cursor, (v) => text('--cursor', v, maxLength(Cursor)));
