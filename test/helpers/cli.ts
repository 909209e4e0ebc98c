import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerStockCommands, type CliIo } from '../../src/cli/commands/index.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open.ts';
import { createThrowawayDatabase, pgAdminUrl, seededDataDir, type Backend } from './backends.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/stockroom.mjs <args>` with exactly the database settings given in `env`. */
export function runStockroom(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<CliRun> {
  // Never inherit the developer's database settings, nor the test runner's NODE_OPTIONS.
  const { DATABASE_URL: _url, STOCKROOM_DATA: _data, NODE_OPTIONS: _options, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/stockroom.mjs', ...args],
      { cwd: ROOT, env: { ...inherited, ...env }, timeout: timeoutMs },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs `stockroom <args>` on the stock commands in this process, on `db`, with the output
 * captured: milliseconds a command, where a child process costs seconds.
 */
export function inProcessStockroom(
  db: Database,
  register: (program: Command, io: CliIo) => void = registerStockCommands,
): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let code = 0;
    const program = new Command('stockroom')
      .exitOverride()
      .configureOutput({ writeOut: (t) => void stdout.push(t), writeErr: (t) => void stderr.push(t) });
    register(program, {
      // The commands close what they open: hand them a view of the database that stays open.
      open: async () => ({
        kind: db.kind,
        query: (text, params) => db.query(text, params),
        transaction: (work) => db.transaction(work),
        exec: (script) => db.exec(script),
        close: async () => {},
      }),
      stdout: (t) => void stdout.push(t),
      stderr: (t) => void stderr.push(t),
      setExitCode: (c) => {
        code = c;
      },
    });
    try {
      await program.parseAsync(args, { from: 'user' });
    } catch (err) {
      if (!(err instanceof CommanderError)) throw err;
      code = err.exitCode;
    }
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  };
}

/**
 * A database on `backend` that this process and a child CLI can both open: a PGlite folder
 * (seeded with the run's migrated template) inside `dir`, or a throwaway PostgreSQL database.
 * A PGlite folder is used by one process at a time: close what `open` gave before a child runs.
 */
export interface CliDatabase {
  /** The child's database settings, exactly (see runStockroom). */
  env: Record<string, string>;
  /** The same settings as the CLI reads them. */
  config: Config;
  /** Opens it as the CLI does (on PGlite: claiming the folder); the caller closes it. */
  open(): Promise<Database>;
  /** Drops the PostgreSQL database (the caller removes `dir`). */
  drop(): Promise<void>;
}

export async function cliDatabase(backend: Backend, dir: string): Promise<CliDatabase> {
  let env: Record<string, string>;
  let drop = async () => {};
  if (backend.name === 'postgres') {
    const throwaway = await createThrowawayDatabase(pgAdminUrl()!);
    drop = throwaway.drop;
    env = { DATABASE_URL: throwaway.url, STOCKROOM_DATA: join(dir, 'unused') };
  } else {
    env = { DATABASE_URL: '', STOCKROOM_DATA: seededDataDir(join(dir, 'data')) };
  }
  const config = loadConfig(env);
  // The template is migrated already: nothing for migrate to do, as in the CLI's own open.
  return { env, config, open: () => openDatabase(config), drop };
}
