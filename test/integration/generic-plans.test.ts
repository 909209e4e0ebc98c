/**
 * `genericPlans` transactions (src/db/database.ts): their prepared statements run the plan made
 * once per connection instead of a plan made for each call's values. The reservation batcher's
 * transactions are such: through the server, the placement's lock-and-read was planned again
 * for 87% of its runs, about half a millisecond each. PostgreSQL only: PGlite prepares nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlacementRequest } from '../../src/app/placement.ts';
import { ReservationBatcher } from '../../src/app/reservation-batcher.ts';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { pgAdminUrl, postgres } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const order = (id: string, skus: string[]): PlacementRequest => ({
  orderId: id,
  lines: skus.map((sku) => ({ sku, qty: 1, warehouse: 'LON' })),
  region: null,
  channel: null,
  routing: undefined,
  requestHash: `hash-${id}`,
  expiresAt: null,
  actor: 'test',
  warehouses: null,
});

describe.skipIf(!pgAdminUrl())('generic plans on PostgreSQL', () => {
  let h: Harness;
  /** One connection, so that what the batcher prepared is what the test reads. */
  let oneConnection: Database;

  beforeAll(async () => {
    h = await startHarness(postgres);
    await seedCatalogue(h);
    const r = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: ['MUG', 'TEE', 'CAP'].map((sku) => ({ sku, qty: 100 })),
    });
    expect(r.status).toBe(201);
    oneConnection = openPostgres(h.url!, { max: 1 });
  });
  afterAll(async () => {
    await oneConnection?.close();
    await h?.close();
  });

  const planCacheMode = (db: Database, options?: { genericPlans?: boolean }) =>
    db.transaction(async (tx) => {
      const { rows } = await tx.query<{ mode: string }>(`select current_setting('plan_cache_mode') as mode`);
      return rows[0]!.mode;
    }, options);

  it('holds for the transaction only: the connection plans as before afterwards', async () => {
    expect(await planCacheMode(oneConnection, { genericPlans: true })).toBe('force_generic_plan');
    expect(await planCacheMode(oneConnection)).toBe('auto');
    // Rolled back, it ends with its transaction too.
    await expect(
      oneConnection.transaction(
        async (tx) => {
          await tx.query('select 1');
          throw new Error('rolled back');
        },
        { genericPlans: true },
      ),
    ).rejects.toThrow('rolled back');
    expect(await planCacheMode(oneConnection)).toBe('auto');
  });

  it('the batcher runs the lock-and-read on one plan, whatever the batch holds', async () => {
    const batcher = new ReservationBatcher(oneConnection, () => h.now());
    // Batches of different sizes and SKUs: each would be a new plan for its values.
    for (let i = 0; i < 12; i++) {
      const outcomes = await Promise.all(
        Array.from({ length: 1 + (i % 4) }, (_, j) =>
          batcher.place(order(`generic-${i}-${j}`, ['MUG', 'TEE', 'CAP'].slice(0, 1 + ((i + j) % 3)))),
        ),
      );
      expect(outcomes.map((o) => o.outcome)).toEqual(outcomes.map(() => 'placed'));
    }
    const { rows } = await oneConnection.transaction((tx) =>
      tx.query<{ generic: number; custom: number }>(
        `select generic_plans::int as generic, custom_plans::int as custom from pg_prepared_statements
         where statement like '%from stock_positions where sku = any%for update%'`,
      ),
    );
    expect(rows).toEqual([{ generic: 12, custom: 0 }]);
  });
});
