/**
 * The database port's transactions: `queryLast`, the statement written together with the
 * commit on a PostgreSQL server, keeps every guarantee of an ordinary last statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionAsDatabase, type Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { backends } from '../helpers/backends.ts';

describe.each(backends())('transactions on $name', (backend) => {
  let db: Database;
  let url: string | null;
  let drop: () => Promise<void>;
  let next = 0;

  beforeAll(async () => {
    ({ db, url, drop } = await backend.open());
    await db.query('create table tx_probe (id integer primary key)');
  });
  afterAll(() => drop());

  const ids = async () =>
    (await db.query<{ id: number }>('select id from tx_probe order by id')).rows.map((r) => r.id);

  it('commits the last statement with everything before it, and answers its rows', async () => {
    const [a, b] = [++next, ++next];
    const answered = await db.transaction(async (tx) => {
      await tx.query('insert into tx_probe values ($1)', [a]);
      return tx.queryLast<{ id: number }>('insert into tx_probe values ($1) returning id', [b]);
    });
    expect(answered.rows).toEqual([{ id: b }]);
    expect(await ids()).toEqual(expect.arrayContaining([a, b]));
  });

  it('rolls everything back when the last statement fails, and the connection serves on', async () => {
    const [a, b] = [++next, ++next];
    await db.query('insert into tx_probe values ($1)', [b]);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values ($1)', [a]);
        // A duplicate key: the statement fails after the commit was already written behind it.
        return tx.queryLast('insert into tx_probe values ($1)', [b]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).not.toContain(a);
    // Every pooled connection still works (none was left inside an aborted transaction).
    const c = ++next;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => db.transaction((tx) => tx.query('select $1::int as i', [i]))),
    );
    await db.transaction((tx) => tx.queryLast('insert into tx_probe values ($1)', [c]));
    expect(await ids()).toContain(c);
  });

  it('runs the first statement inside the transaction though BEGIN is not awaited before it', async () => {
    const [a, b] = [++next, ++next];
    await db.query('insert into tx_probe values ($1)', [b]);
    // The first statement written right behind BEGIN, then a failure: both statements undone.
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values ($1)', [a]);
        await tx.query('insert into tx_probe values ($1)', [b]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).not.toContain(a);
    // A first statement that fails, and a transaction that runs none: each connection serves on.
    await expect(
      db.transaction((tx) => tx.query('insert into tx_probe values ($1)', [b])),
    ).rejects.toMatchObject({
      code: '23505',
    });
    await Promise.all(Array.from({ length: 8 }, () => db.transaction(async () => 'nothing')));
    // The first and the second statement run under one transaction id: not the first in a
    // transaction of its own (autocommit) and the rest in another.
    const [first, second] = await db.transaction(async (tx) => {
      const inserted = await tx.query<{ xid: string }>(
        'insert into tx_probe values ($1) returning txid_current()::text as xid',
        [a],
      );
      const read = await tx.query<{ xid: string }>('select txid_current()::text as xid');
      return [inserted.rows[0]!.xid, read.rows[0]!.xid];
    });
    expect(second).toBe(first);
    expect(await ids()).toContain(a);
  });

  it('refuses a statement after the last one', async () => {
    const a = ++next;
    await expect(
      db.transaction(async (tx) => {
        await tx.queryLast('insert into tx_probe values ($1)', [a]);
        await tx.query('select 1');
      }),
    ).rejects.toThrow(/after the last one/);
    // A programmer's error. On a server it is found too late to undo (the commit went out with
    // the last statement); PGlite had not committed yet and rolls back.
    if (backend.name === 'postgres') expect(await ids()).toContain(a);
    else expect(await ids()).not.toContain(a);
  });

  it('in a joined transaction, is an ordinary statement: the caller can still roll back', async () => {
    const a = ++next;
    await expect(
      db.transaction(async (outer) => {
        const joined = transactionAsDatabase(db, outer);
        await joined.transaction((tx) => tx.queryLast('insert into tx_probe values ($1)', [a]));
        await outer.query('select 1/0');
      }),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await ids()).not.toContain(a);
  });

  it.runIf(backend.name === 'postgres')(
    'on a server, has committed by the time it answers (the commit went out with it)',
    async () => {
      const a = ++next;
      // Another connection, outside the pool the transaction uses.
      const other = openPostgres(url!, { max: 1 });
      try {
        await db.transaction(async (tx) => {
          await tx.queryLast('insert into tx_probe values ($1)', [a]);
          const seen = await other.query('select 1 from tx_probe where id = $1', [a]);
          expect(seen.rows).toHaveLength(1);
        });
      } finally {
        await other.close();
      }
    },
  );
});
