/**
 * The service map's version (migration 046, ServiceMapCache in src/app/regions.ts): every
 * committed change to warehouses, the regions they serve, regions or the routing policy moves
 * it once, whoever made it; a process keeps the map it read while the version holds, and reads
 * it again in the first availability answer after a change made by any process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availability } from '../../src/app/availability.ts';
import { createContext } from '../../src/app/create-context.ts';
import type { Database } from '../../src/db/database.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('the service map version on $name', (backend) => {
  let h: Harness;
  const ok = async (method: 'PUT' | 'POST', url: string, body: unknown) => {
    const res = await h.call(method, url, body);
    if (res.status >= 300) throw new Error(`${url}: ${JSON.stringify(res.body)}`);
  };
  beforeAll(async () => {
    h = await startHarness(backend);
    await ok('PUT', '/v1/regions/eu', { name: 'Europe', countries: ['DE', 'NL'] });
    await ok('PUT', '/v1/warehouses/AMS', { name: 'Amsterdam', region: 'eu' });
    await ok('PUT', '/v1/warehouses/AMS/regions', { regions: [{ region: 'eu', deliveryDays: 2 }] });
    await ok('PUT', '/v1/skus/MUG', { name: 'Mug' });
    await ok('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 5 }] });
  });
  afterAll(async () => h?.close());

  const version = async () =>
    Number(
      (await h.db.query<{ version: string }>('select version from service_map_version')).rows[0]!.version,
    );

  it('moves once per committed change to the map, and not for other settings or a rollback', async () => {
    const start = await version();
    // One transaction of three statements (delete, insert, update regions): one step.
    await ok('PUT', '/v1/warehouses/AMS/regions', { regions: [{ region: 'eu', deliveryDays: 3 }] });
    expect(await version()).toBe(start + 1);
    await ok('PUT', '/v1/settings/routing', { strategy: 'fewest_shipments', allowSplit: true });
    expect(await version()).toBe(start + 2);
    await ok('PUT', '/v1/regions/eu', { name: 'Europe', countries: ['DE', 'NL', 'FR'] });
    expect(await version()).toBe(start + 3);

    await h.underlying.query(
      `insert into settings (key, value, updated_at) values ('not-the-map', '{}'::jsonb, now())`,
    );
    await expect(
      h.underlying.transaction(async (tx) => {
        await tx.query(`update warehouses set name = 'Renamed' where code = 'AMS'`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await version()).toBe(start + 3);
  });

  it("keeps the map while the version holds, and shows another process's change in the next answer", async () => {
    // A second process on the same database, whose statements are counted.
    const texts: string[] = [];
    const db = h.underlying;
    const counted: Database = {
      kind: db.kind,
      query: (text, params) => {
        texts.push(text);
        return db.query(text, params);
      },
      transaction: (work, options) => db.transaction(work, options),
      exec: (script) => db.exec(script),
      close: () => db.close(),
    };
    const reader = createContext(counted, { clock: h.ctx.clock });
    const mapReads = () => texts.filter((t) => t.includes('from warehouse_regions')).length;
    const deliveryDays = async () =>
      (await availability(reader, ['MUG'], { region: 'eu' }))[0]!.options.map((o) => [
        o.warehouse,
        o.deliveryDays,
      ]);

    expect(await deliveryDays()).toEqual([['AMS', 3]]);
    expect(mapReads()).toBe(1);
    expect(await deliveryDays()).toEqual([['AMS', 3]]);
    expect(mapReads()).toBe(1);

    // Changed through the harness's own context: another process, as far as `reader` knows.
    await ok('PUT', '/v1/warehouses/AMS/regions', { regions: [{ region: 'eu', deliveryDays: 6 }] });
    expect(await deliveryDays()).toEqual([['AMS', 6]]);
    expect(mapReads()).toBe(2);

    // A new warehouse with stock serves the region in the very next answer.
    await ok('PUT', '/v1/warehouses/BER', { name: 'Berlin', region: 'eu' });
    await ok('PUT', '/v1/warehouses/BER/regions', { regions: [{ region: 'eu', deliveryDays: 1 }] });
    await ok('POST', '/v1/receipts', { warehouse: 'BER', lines: [{ sku: 'MUG', qty: 2 }] });
    expect(await deliveryDays()).toEqual([
      ['BER', 1],
      ['AMS', 6],
    ]);
    expect(mapReads()).toBe(3);
  });
});
