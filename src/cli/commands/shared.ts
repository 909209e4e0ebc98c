/**
 * What every stock command shares: where its database and output go (CliIo), the runner that
 * opens the database for a use case and prints a refusal, the checks of its arguments (with the
 * API's own route schemas and validation, src/http/validation.ts, never copies of its limits), and
 * the common options (--json, --idempotency-key, paging).
 *
 * An expected failure (a DomainError) prints `error <code>: <message>` and its details as
 * JSON on stderr and exits 2; the use case then changed nothing.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Command } from 'commander';
import type { Actor, AppContext, CommandOptions } from '../../app/context.ts';
import { createContext } from '../../app/create-context.ts';
import type { Page } from '../../app/paging.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { DomainError, fail } from '../../domain/errors.ts';
import { commandOptions, paged } from '../../http/requests.ts';
import { IdempotencyHeaders, Limit } from '../../http/schemas.ts';
import type { RequestPart } from '../../http/validation.ts';

/** Who the ledger says made a change from the command line. */
export const CLI_ACTOR: Actor = { id: 'cli', role: 'admin', warehouses: null };

/** The exit code of a refused command: bad input, or a change the stock does not allow. */
export const EXIT_REFUSED = 2;

// ---------------------------------------------------------------------------------------------
// Arguments. A command assembles the request the API would receive for it and checks it with
// the route's own schema, as the server does: a bad argument is refused with the API's code and
// message, and no limit of the API is copied here. What only the command line has (the
// `<sku>=<qty>` syntax, options that exclude each other) is refused with invalid_request naming
// the argument.

/**
 * One part of the request the API would receive, checked with the route's schema by the
 * server's validation (loaded when a command runs: --help needs no Ajv). Query text is coerced
 * and defaults are filled in, as for an HTTP request.
 */
export async function request<T extends TSchema>(
  part: RequestPart,
  schema: T,
  value: unknown,
): Promise<Static<T>> {
  const { validateRequest } = await import('../../http/validation.ts');
  return validateRequest(schema, part, value);
}

/** A list route's query, checked, with its page size (the schema's default when not given). */
export async function pageQuery<T extends TSchema>(
  schema: T,
  value: unknown,
): Promise<Static<T> & { limit: number }> {
  const query = (await request('querystring', schema, value)) as Static<T> & { limit?: number };
  return paged(query);
}

export function bad(argument: string, value: unknown, message: string): never {
  return fail('invalid_request', `${argument} ${message}`, { argument, value });
}

/**
 * An argument the API takes as a number: a numeral becomes one, as a JSON body would carry it;
 * anything else stays text, for the route's schema to refuse as the API would.
 */
export const numeral = (value: string): number | string =>
  /^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : value;

/** `<left>=<qty>`, split at the last `=`. */
export function pair(argument: string, value: string, left: string): [string, number | string] {
  const at = value.lastIndexOf('=');
  if (at <= 0) bad(argument, value, `"${value}" is not ${left}=<qty>`);
  return [value.slice(0, at), numeral(value.slice(at + 1))];
}

export function skuQty(argument: string, value: string): { sku: string; qty: number | string } {
  const [sku, qty] = pair(argument, value, '<sku>');
  return { sku, qty };
}

/** One of `allowed`, for an option only the command line has. */
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
    .option('--limit <n>', `at most this many (1 to ${Limit.maximum}, default ${Limit.default})`)
    .option('--cursor <cursor>', 'continue where the previous listing stopped');

/** The options of a use case that changes something: the CLI's actor and the idempotency key. */
export const commandOpts = async (o: KeyOption): Promise<CommandOptions> =>
  commandOptions({
    actor: CLI_ACTOR,
    headers: await request('headers', IdempotencyHeaders, { 'idempotency-key': o.idempotencyKey }),
  });
