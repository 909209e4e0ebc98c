/**
 * Database migrations, in two kinds (docs/database.md):
 *
 * - versioned migrations (src/db/migrations/NNN_name.sql): schema changes, each applied once in
 *   version order and recorded in `schema_migrations`;
 * - SQL functions (src/db/functions/NAME.sql, one file per function, named after it): the live
 *   definition, applied after the versioned migrations whenever the file's text changes, as
 *   Flyway's repeatable migrations are. `schema_functions` records each file's hash.
 *
 * A versioned migration that needs a function as it runs (a trigger it creates, a backfill that
 * calls it) says so on a line of its own, `-- requires function: NAME`, and gets the function
 * (and the functions it calls) applied just before it, in its transaction.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database, Transaction } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const FUNCTIONS_DIR = fileURLToPath(new URL('./functions/', import.meta.url));
/** Any fixed number: serialises migrations when several processes start at once. */
const MIGRATION_LOCK = 7_341_001;

export interface Migration {
  version: string;
  sql: string;
}

/** One file of src/db/functions/: a function (or a small group) under the name of the file. */
export interface SqlFunction {
  name: string;
  sql: string;
  /** sha256 of `sql`: the function is applied again when this differs from the recorded one. */
  hash: string;
  /** The other functions its text calls (comments left out), applied before it. */
  calls: string[];
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(dir + f, 'utf8') }));
}

/** The functions of `dir`, each after the functions it calls (then by name): the order to apply them. */
export function loadFunctions(dir = FUNCTIONS_DIR): SqlFunction[] {
  return sqlFunctions(
    readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => ({ name: f.replace(/\.sql$/, ''), sql: readFileSync(dir + f, 'utf8') })),
  );
}

/** Hashes `files`, finds which call which, and orders them so that a callee comes first. */
export function sqlFunctions(files: readonly { name: string; sql: string }[]): SqlFunction[] {
  const names = files.map((f) => f.name);
  const byName = new Map(
    files.map((f) => {
      const code = withoutComments(f.sql);
      const calls = names.filter((n) => n !== f.name && new RegExp(`\\b${n}\\b`).test(code)).sort();
      const hash = createHash('sha256').update(f.sql).digest('hex');
      return [f.name, { name: f.name, sql: f.sql, hash, calls }];
    }),
  );
  const ordered: SqlFunction[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new Error(`SQL functions call each other in a circle: ${[...path, name].join(' -> ')}`);
    }
    state.set(name, 'visiting');
    const f = byName.get(name)!;
    for (const callee of f.calls) visit(callee, [...path, name]);
    state.set(name, 'done');
    ordered.push(f);
  };
  for (const name of [...names].sort()) visit(name, []);
  return ordered;
}

/** SQL without its `--` and `/* *\/` comments (the files hold no such text inside strings). */
function withoutComments(sql: string): string {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}

/** The functions a versioned migration names on `-- requires function: NAME` lines. */
export function requiredFunctions(sql: string): string[] {
  return [...sql.matchAll(/^--\s*requires function:\s*(\w+)/gm)].map((m) => m[1]!);
}

/**
 * Applies the versioned migrations not yet applied, each in its own transaction, then the
 * functions whose text changed, in one transaction; all under one advisory lock, so that
 * processes starting together take turns. Returns what it applied, in order: migration versions
 * and `functions/NAME` for each function.
 */
export async function migrate(
  db: Database,
  migrations = loadMigrations(),
  functions = loadFunctions(),
): Promise<string[]> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())`,
    );
    await tx.query(
      `create table if not exists schema_functions (name text primary key, sha256 text not null, applied_at timestamptz not null default now())`,
    );
  });
  const applied: string[] = [];
  for (const m of migrations) {
    const needs = withCallees(requiredFunctions(m.sql), functions, m.version);
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (seen.rows.length > 0) return null;
      const fns = await applyFunctions(tx, needs);
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [m.version]);
      return fns;
    });
    if (done) applied.push(...done.map((f) => `functions/${f}`), m.version);
  }
  const last = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    return applyFunctions(tx, functions);
  });
  applied.push(...last.map((f) => `functions/${f}`));
  return applied;
}

/** `names` and every function they call, in the order of `functions` (callees first). */
function withCallees(names: string[], functions: readonly SqlFunction[], version: string): SqlFunction[] {
  const byName = new Map(functions.map((f) => [f.name, f]));
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (wanted.has(name)) return;
    const f = byName.get(name);
    if (!f) throw new Error(`migration ${version} requires function ${name}, which src/db/functions/ lacks`);
    wanted.add(name);
    f.calls.forEach(add);
  };
  names.forEach(add);
  return functions.filter((f) => wanted.has(f.name));
}

/** Applies those of `functions` whose recorded hash differs, in order; returns their names. */
async function applyFunctions(tx: Transaction, functions: readonly SqlFunction[]): Promise<string[]> {
  if (functions.length === 0) return [];
  const { rows } = await tx.query<{ name: string; sha256: string }>(
    'select name, sha256 from schema_functions where name = any($1::text[])',
    [functions.map((f) => f.name)],
  );
  const recorded = new Map(rows.map((r) => [r.name, r.sha256]));
  const applied: string[] = [];
  for (const f of functions) {
    if (recorded.get(f.name) === f.hash) continue;
    await tx.exec(f.sql);
    await tx.query(
      `insert into schema_functions (name, sha256, applied_at) values ($1, $2, now())
       on conflict (name) do update set sha256 = excluded.sha256, applied_at = excluded.applied_at`,
      [f.name, f.hash],
    );
    applied.push(f.name);
  }
  return applied;
}
