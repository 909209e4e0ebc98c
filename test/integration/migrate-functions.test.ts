/**
 * SQL functions as repeatable migrations (src/db/migrate.ts, docs/database.md): each file of
 * src/db/functions/ is what the database runs, applied after the versioned migrations whenever
 * its text changes, and never twice for the same text, also when processes migrate together.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import {
  loadFunctions,
  loadMigrations,
  migrate,
  requiredFunctions,
  sqlFunctions,
  type SqlFunction,
} from '../../src/db/migrate.ts';
import { openTestPglite } from '../helpers/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { backends, createThrowawayDatabase, pgAdminUrl, type Backend } from '../helpers/backends.ts';

const TIMEOUT = 120_000;

/** An empty database, nothing migrated, and a second connection pool to it (PostgreSQL). */
async function openEmpty(
  backend: Backend,
): Promise<{ db: Database; other: Database; drop: () => Promise<void> }> {
  if (backend.name === 'pglite') {
    const db = await openTestPglite();
    return { db, other: db, drop: () => db.close() };
  }
  const throwaway = await createThrowawayDatabase(pgAdminUrl()!, { empty: true });
  const db = openPostgres(throwaway.url, { max: 4 });
  const other = openPostgres(throwaway.url, { max: 4 });
  return {
    db,
    other,
    drop: async () => {
      await db.close();
      await other.close();
      await throwaway.drop();
    },
  };
}

/** The body between the first pair of `$$` (what PostgreSQL stores as prosrc). */
const bodyOf = (sql: string) => sql.split('$$')[1]!;

async function definitions(db: Database): Promise<Map<string, { body: string; xmin: string }>> {
  const { rows } = await db.query<{ name: string; body: string; xmin: string }>(
    `select p.proname as name, p.prosrc as body, p.xmin::text as xmin
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.proname like 'stockroom\\_%' order by 1`,
  );
  return new Map(rows.map((r) => [r.name, { body: r.body, xmin: r.xmin }]));
}

const changed = (fns: SqlFunction[], name: string, edit: (sql: string) => string) =>
  sqlFunctions(fns.map((f) => ({ name: f.name, sql: f.name === name ? edit(f.sql) : f.sql })));

describe('the order SQL functions are applied in', () => {
  it('puts every function after those it calls, ignores names in comments, and refuses a circle', () => {
    const order = loadFunctions().map((f) => f.name);
    expect(order.indexOf('stockroom_apply_movements')).toBeLessThan(order.indexOf('stockroom_place_orders'));
    const fns = sqlFunctions([
      { name: 'b_caller', sql: 'create function b_caller() ... $$ select a_callee() $$;' },
      { name: 'a_callee', sql: '-- b_caller uses this\ncreate function a_callee() ... $$ select 1 $$;' },
      { name: 'c_alone', sql: '/* not a_callee */ create function c_alone() ... $$ select 2 $$;' },
    ]);
    expect(fns.map((f) => [f.name, f.calls])).toEqual([
      ['a_callee', []],
      ['b_caller', ['a_callee']],
      ['c_alone', []],
    ]);
    expect(() =>
      sqlFunctions([
        { name: 'x_one', sql: '$$ select y_two() $$' },
        { name: 'y_two', sql: '$$ select x_one() $$' },
      ]),
    ).toThrow(/circle: x_one -> y_two -> x_one/);
  });

  it('reads the functions a versioned migration requires', () => {
    const all = loadMigrations();
    const core = all.find((m) => m.version.startsWith('001_'))!;
    expect(requiredFunctions(core.sql)).toEqual(['stockroom_forbid_change']);
    const names = new Set(loadFunctions().map((f) => f.name));
    for (const m of all)
      for (const f of requiredFunctions(m.sql)) expect(names, `${m.version}: ${f}`).toContain(f);
    // A versioned migration defines no function of its own: each lives in one file.
    for (const m of all) expect(m.sql, m.version).not.toMatch(/create\s+(or\s+replace\s+)?function/i);
  });
});

describe.each(backends())('SQL functions as repeatable migrations on $name', (backend) => {
  let drop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await drop?.();
    drop = null;
  });

  it(
    'a fresh database runs exactly the text of each function file, and records its hash',
    async () => {
      const empty = await openEmpty(backend);
      drop = empty.drop;
      const applied = await migrate(empty.db);
      const fns = loadFunctions();
      const isFunction = (a: string) => a.startsWith('functions/');
      expect(applied.filter((a) => !isFunction(a))).toEqual(loadMigrations().map((m) => m.version));
      expect(applied.filter(isFunction).sort()).toEqual(fns.map((f) => `functions/${f.name}`).sort());
      // The trigger function 001 needs comes just before it; the write path just before the
      // first migration that requires it (044, whose daily counts it keeps from then on).
      expect(applied.slice(0, 2)).toEqual([
        'functions/stockroom_forbid_change',
        loadMigrations()[0]!.version,
      ]);
      const migrations = loadMigrations();
      const first = migrations.findIndex((m) =>
        requiredFunctions(m.sql).includes('stockroom_apply_movements'),
      );
      expect(first).toBeGreaterThan(0);
      const writePath = applied.indexOf('functions/stockroom_apply_movements');
      expect(writePath).toBeGreaterThan(applied.indexOf(migrations[first - 1]!.version));
      expect(writePath).toBeLessThan(applied.indexOf(migrations[first]!.version));
      const live = await definitions(empty.db);
      expect([...live.keys()].sort()).toEqual(fns.map((f) => f.name).sort());
      for (const f of fns) expect(live.get(f.name)!.body, f.name).toBe(bodyOf(f.sql));
      const { rows } = await empty.db.query<{ name: string; sha256: string }>(
        'select name, sha256 from schema_functions',
      );
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      expect(rows.sort(byName)).toEqual(fns.map((f) => ({ name: f.name, sha256: f.hash })).sort(byName));
      expect(await migrate(empty.db), 'nothing left to apply').toEqual([]);
    },
    TIMEOUT,
  );

  it(
    're-applies a function whose text changed, and only it; unchanged text is not applied again',
    async () => {
      const { db, drop: close } = await backend.open();
      drop = close;
      const before = await definitions(db);
      const edited = changed(loadFunctions(), 'stockroom_full_xid', (sql) =>
        sql.replace('select next -', 'select /* edited */ next -'),
      );
      expect(await migrate(db, loadMigrations(), edited)).toEqual(['functions/stockroom_full_xid']);
      const after = await definitions(db);
      expect(after.get('stockroom_full_xid')!.body).toContain('/* edited */');
      for (const [name, d] of before) {
        if (name !== 'stockroom_full_xid') expect(after.get(name), name).toEqual(d);
      }
      const { rows } = await db.query<{ x: string }>(`select stockroom_full_xid('5'::xid, 4294967301) as x`);
      expect(Number(rows[0]!.x)).toBe(4294967301);

      expect(await migrate(db, loadMigrations(), edited)).toEqual([]);
      expect(await definitions(db)).toEqual(after);
      // Back to the file's text: applied again.
      expect(await migrate(db)).toEqual(['functions/stockroom_full_xid']);
      expect((await definitions(db)).get('stockroom_full_xid')!.body).toBe(
        before.get('stockroom_full_xid')!.body,
      );
    },
    TIMEOUT,
  );

  it(
    'a database migrated before functions had files gets every function applied once, and works',
    async () => {
      const { db, drop: close } = await backend.open();
      drop = close;
      // What such a database looks like: every versioned migration applied, no hashes, and the
      // functions as the migrations of the time left them (here: an older body).
      await db.query('drop table schema_functions');
      await db.exec(
        `create or replace function stockroom_full_xid(x xid, next bigint) returns bigint
           language sql immutable strict parallel safe as $$ select 0::bigint $$`,
      );
      const applied = await migrate(db);
      expect(applied.sort()).toEqual(
        loadFunctions()
          .map((f) => `functions/${f.name}`)
          .sort(),
      );
      const { rows } = await db.query<{ x: string }>(`select stockroom_full_xid('5'::xid, 4294967301) as x`);
      expect(Number(rows[0]!.x)).toBe(4294967301);
      expect(await migrate(db)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'two processes migrating one empty database at once apply each migration and function once',
    async () => {
      const empty = await openEmpty(backend);
      drop = empty.drop;
      const [a, b] = await Promise.all([migrate(empty.db), migrate(empty.other)]);
      const all = [...a, ...b].sort();
      const expected = [
        ...loadMigrations().map((m) => m.version),
        ...loadFunctions().map((f) => `functions/${f.name}`),
      ].sort();
      expect(all).toEqual(expected);
      const live = await definitions(empty.db);
      for (const f of loadFunctions()) expect(live.get(f.name)!.body, f.name).toBe(bodyOf(f.sql));
      const { rows } = await empty.db.query<{ n: number }>(
        'select count(*)::int as n from schema_migrations',
      );
      expect(rows[0]!.n).toBe(loadMigrations().length);
    },
    TIMEOUT,
  );

  it(
    'a migration that requires a function gets it before it runs, with what it calls',
    async () => {
      // A migrated copy of the run's template: the new migration is the only one left to run,
      // so its functions can only come first by being required (an empty database costs a
      // whole migration more and proves nothing more).
      const { db, drop: close } = await backend.open();
      drop = close;
      const fns = sqlFunctions([
        ...loadFunctions().map((f) => ({ name: f.name, sql: f.sql })),
        {
          name: 'stockroom_test_twice',
          sql: `create or replace function stockroom_test_twice(n bigint) returns bigint
                  language sql immutable as $$ select stockroom_test_once(n) * 2 $$;`,
        },
        {
          name: 'stockroom_test_once',
          sql: `create or replace function stockroom_test_once(n bigint) returns bigint
                  language sql immutable as $$ select n $$;`,
        },
      ]);
      const migrations = [
        ...loadMigrations(),
        {
          version: '999_test_backfill',
          sql: `-- requires function: stockroom_test_twice
                create table test_backfill as select stockroom_test_twice(21) as v;`,
        },
      ];
      const applied = await migrate(db, migrations, fns);
      expect(applied.indexOf('functions/stockroom_test_once')).toBeLessThan(
        applied.indexOf('999_test_backfill'),
      );
      expect(applied.indexOf('functions/stockroom_test_twice')).toBeLessThan(
        applied.indexOf('999_test_backfill'),
      );
      const { rows } = await db.query<{ v: string }>('select v from test_backfill');
      expect(Number(rows[0]!.v)).toBe(42);
      await expect(
        migrate(db, [{ version: '998_test_missing', sql: '-- requires function: stockroom_nowhere\n' }], fns),
      ).rejects.toThrow(/998_test_missing requires function stockroom_nowhere/);
    },
    TIMEOUT,
  );
});
