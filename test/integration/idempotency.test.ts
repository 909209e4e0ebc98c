/**
 * Idempotency keys belong to the API key that sent them, answer replays for a retention
 * period (24 h by default) with `Idempotent-Replayed: true`, and are then new again and purged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { putSku, putWarehouse } from '../../src/app/catalog.ts';
import { createContext } from '../../src/app/create-context.ts';
import { fingerprint } from '../../src/app/idempotency.ts';
import { runRetention } from '../../src/app/retention.ts';
import { DEFAULT_RETENTION } from '../../src/config.ts';
import { ZERO } from '../../src/domain/quantities.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends, openMigratedBefore } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('idempotency keys on $name', (backend) => {
  let h: Harness;
  let otherKey: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    otherKey = (await createApiKey(h.ctx, { name: 'second shop', role: 'admin' })).key;
  });
  afterAll(async () => h.close());

  /** POST /v1/receipts as `key`, with an Idempotency-Key; status, body and the replay header. */
  const receive = async (key: string, idempotencyKey: string, qty: number) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/receipts',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey },
      payload: { warehouse: 'LON', reference: 'same', lines: [{ sku: 'MUG', qty }] },
    });
    return { status: res.statusCode, body: res.json(), replayed: res.headers['idempotent-replayed'] };
  };
  const onHand = async () =>
    (await h.call('GET', '/v1/stock/MUG')).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === 'LON',
    )?.onHand ?? 0;

  it('keeps two API keys with the same Idempotency-Key and body apart', async () => {
    const before = await onHand();
    const mine = await receive(h.adminKey, 'scoped-1', 5);
    const theirs = await receive(otherKey, 'scoped-1', 5);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(mine.replayed).toBeUndefined();
    expect(theirs.replayed).toBeUndefined();
    // Two receipts, each caller its own: neither is handed the other's answer.
    expect(theirs.body).not.toEqual(mine.body);
    expect(await onHand()).toBe(before + 10);

    const again = await receive(otherKey, 'scoped-1', 5);
    expect(again).toEqual({ ...theirs, replayed: 'true' });
    expect(await onHand()).toBe(before + 10);
  });

  it('refuses the same key reused by the same API key for another body, not by another API key', async () => {
    expect((await receive(h.adminKey, 'scoped-2', 1)).status).toBe(201);
    const reused = await receive(h.adminKey, 'scoped-2', 2);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    // Another caller's own request with that key is its own, not refused.
    expect((await receive(otherKey, 'scoped-2', 2)).status).toBe(201);
  });

  it('replays an answer that created nothing with its 200 and the same body', async () => {
    const put = async (idempotencyKey: string, virtual: number) => {
      const res = await h.app.inject({
        method: 'PUT',
        url: '/v1/virtual/MUG/LON',
        headers: { authorization: `Bearer ${h.adminKey}`, 'idempotency-key': idempotencyKey },
        payload: { virtual },
      });
      return { status: res.statusCode, body: res.json(), replayed: res.headers['idempotent-replayed'] };
    };
    const first = await put('virtual-1', 4);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ virtual: 4 });
    expect(await put('virtual-1', 4)).toEqual({ ...first, replayed: 'true' });
    // Back to none, so that the stock the other tests count is as they expect.
    expect((await put('virtual-2', 0)).body).toMatchObject({ virtual: 0 });
  });

  it('replays for the retention period, then treats a repeat as a new request and purges the key', async () => {
    const before = await onHand();
    const first = await receive(h.adminKey, 'expiring', 3);
    h.advance(DEFAULT_RETENTION.idempotencyTtlMs - 1);
    expect(await receive(h.adminKey, 'expiring', 3)).toEqual({ ...first, replayed: 'true' });
    expect(await onHand()).toBe(before + 3);

    h.advance(2);
    const after = await receive(h.adminKey, 'expiring', 3);
    expect(after.status).toBe(201);
    expect(after.replayed).toBeUndefined();
    expect(after.body).not.toEqual(first.body);
    expect(await onHand()).toBe(before + 6);

    // The keys made by the earlier tests are past their period now; this one was just renewed.
    const stored = async () =>
      (await h.db.query<{ n: number }>('select count(*)::int as n from idempotency_keys')).rows[0]!.n;
    expect(await stored()).toBe(7);
    const run = await runRetention(h.ctx);
    expect(run.idempotencyKeys).toBe(6);
    const { rows } = await h.db.query<{ key: string }>('select key from idempotency_keys');
    expect(rows.map((r) => r.key)).toEqual(['expiring']);
  });

  it('keeps keys for a configured period', async () => {
    h.ctx.retention = { ...DEFAULT_RETENTION, idempotencyTtlMs: 60_000 };
    try {
      const first = await receive(h.adminKey, 'short', 1);
      h.advance(59_999);
      expect((await receive(h.adminKey, 'short', 1)).replayed).toBe('true');
      h.advance(2);
      const again = await receive(h.adminKey, 'short', 1);
      expect(again.replayed).toBeUndefined();
      expect(again.body).not.toEqual(first.body);
    } finally {
      h.ctx.retention = DEFAULT_RETENTION;
    }
  });

  it('lets keys stored before they were scoped answer any API key until they expire', async () => {
    const first = await receive(h.adminKey, 'legacy', 2);
    // As migration 020 left keys stored before it: no owner.
    await h.db.query(`update idempotency_keys set actor_id = '' where key = 'legacy'`);
    expect(await receive(otherKey, 'legacy', 2)).toEqual({ ...first, replayed: 'true' });
    expect((await receive(otherKey, 'legacy', 3)).body.error.code).toBe('idempotency_key_reused');
  });
});

describe.each(backends())('idempotency keys stored before migration 039 on $name', (backend) => {
  it('replay as they were: a stored 201 as created, a stored 200 as not', async () => {
    const { db, drop } = await openMigratedBefore(backend, '039');
    try {
      const now = new Date('2030-01-01T00:00:00Z');
      const ctx = createContext(db, { clock: () => now });
      await putWarehouse(ctx, 'LON', { name: 'LON', region: 'uk' });
      await putSku(ctx, 'MUG', { name: 'MUG' });
      const { key, id } = await createApiKey(ctx, { name: 'admin', role: 'admin' });
      const receipt = { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 2 }] };
      const virtual = { virtual: 3 };
      // Answers as the table held them before 039: the HTTP status of the first answer.
      const position = { warehouse: 'LON', ...ZERO, onHand: 2, sellable: 2 };
      const receiptAnswer = {
        receiptId: 'rcp_old',
        warehouse: 'LON',
        reference: null,
        lines: [{ sku: 'MUG', qty: 2, inspect: false, againstVirtual: false }],
        receivedAt: now.toISOString(),
        positions: [{ sku: 'MUG', ...position }],
      };
      const virtualAnswer = {
        sku: 'MUG',
        warehouse: 'LON',
        virtual: 3,
        supplier: null,
        leadTimeDays: 0,
        position: { ...position, virtual: 3, sellable: 5 },
      };
      const stored = [
        ['old-receipt', ['receipt', receipt], 201, receiptAnswer],
        ['old-virtual', ['virtual', { ...virtual, sku: 'MUG', warehouse: 'LON' }], 200, virtualAnswer],
      ] as const;
      for (const [k, request, status, response] of stored) {
        await db.query(
          `insert into idempotency_keys (actor_id, key, request_hash, status_code, response, created_at)
           values ($1, $2, $3, $4, $5, $6)`,
          [id, k, fingerprint(request), status, JSON.stringify(response), now],
        );
      }
      await migrate(db);

      const app = await buildServer(ctx);
      try {
        const send = async (method: 'POST' | 'PUT', url: string, k: string, payload: object) => {
          const res = await app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${key}`, 'idempotency-key': k },
            payload,
          });
          return { status: res.statusCode, body: res.json(), replayed: res.headers['idempotent-replayed'] };
        };
        expect(await send('POST', '/v1/receipts', 'old-receipt', receipt)).toEqual({
          status: 201,
          body: receiptAnswer,
          replayed: 'true',
        });
        expect(await send('PUT', '/v1/virtual/MUG/LON', 'old-virtual', virtual)).toEqual({
          status: 200,
          body: virtualAnswer,
          replayed: 'true',
        });
        // Nothing was booked again: the replays are the stored answers.
        const { rows } = await db.query<{ n: number }>('select count(*)::int as n from movements');
        expect(rows[0]!.n).toBe(0);
      } finally {
        await app.close();
      }
    } finally {
      await drop();
    }
  });
});
