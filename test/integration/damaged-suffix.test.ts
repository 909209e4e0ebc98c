/**
 * Damaged stock by SKU suffix: off by default (a code ending in U is an ordinary SKU); once a
 * shop sets ["U"], 351038U names the damaged units of 351038. Receipts, imports and counts of
 * 351038U book damaged units of 351038 (or are refused without changing anything), orders for
 * it are refused whole, and reads of it answer 351038's damaged units. See
 * docs/unsellable-stock.md, "Damaged stock by SKU suffix".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan, planFromCsv } from '../../src/app/stock-import.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { allPositions } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { inProcessStockroom } from '../helpers/cli.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';

type Position = Record<string, number> & { warehouse: string };

const ok = async (reply: Promise<Reply>) => {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
};

/** What a refused request must leave alone. */
async function snapshot(h: Harness) {
  return {
    movements: (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n,
    positions: await allPositions(h.db),
    skus: (await h.db.query('select sku from skus order by sku')).rows,
    orders: (await h.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n,
    settings: (await h.call('GET', '/v1/settings/damaged-suffix')).body,
  };
}

/**
 * S = I - O - U - L - T + V on every position as answered, and every position rebuilt from the
 * ledger equals the stored one (the model's invariants, GET /v1/admin/verify).
 */
async function expectModelHolds(h: Harness) {
  const listed = (await h.call('GET', '/v1/stock?limit=1000')).body.items as Position[];
  expect(listed.length).toBeGreaterThan(0);
  const stored = new Map((await allPositions(h.db)).map((p) => [`${p.sku}@${p.warehouse}`, p]));
  for (const p of listed) {
    const q = stored.get(`${p.sku}@${p.warehouse}`)!;
    expect(p.sellable, JSON.stringify(p)).toBe(
      q.onHand - q.reserved - q.damaged - q.qcPending - q.locked - q.transferReserved + q.virtual,
    );
  }
  const verify = await ok(h.call('GET', '/v1/admin/verify'));
  expect([verify.body.ok, verify.body.problems]).toEqual([true, []]);
}

describe.each(backends())('damaged stock by SKU suffix on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['351038', 'MUG']);
  });
  afterAll(() => h.close());

  const stock = async (sku: string) => (await ok(h.call('GET', `/v1/stock/${sku}`))).body;
  const at = async (sku: string, warehouse = 'LON') =>
    (await stock(sku)).positions.find((p: Position) => p.warehouse === warehouse) as Position;

  it('is off by default: a code ending in U is an ordinary, sellable SKU', async () => {
    expect((await h.call('GET', '/v1/settings/damaged-suffix')).body).toEqual({ suffixes: [] });
    expect((await h.call('PUT', '/v1/skus/CAPU', { name: 'Cap U', price: 5 })).status).toBe(201);
    await ok(h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'CAPU', qty: 5 }] }));
    expect(await at('CAPU')).toMatchObject({ onHand: 5, damaged: 0, sellable: 5 });
    const order = await h.call('POST', '/v1/orders', { orderId: 'capu-1', lines: [{ sku: 'CAPU', qty: 2 }] });
    expect(order.status).toBe(201);
    expect(await at('CAPU')).toMatchObject({ onHand: 5, reserved: 2, sellable: 3 });
  });

  it('refuses to turn on while SKUs end with the suffix, naming them, and changes nothing', async () => {
    const before = await snapshot(h);
    const r = await h.call('PUT', '/v1/settings/damaged-suffix', { suffixes: ['U'] });
    expect([r.status, r.body.error.code, r.body.error.details?.skus]).toEqual([
      409,
      'damaged_suffix_conflict',
      ['CAPU'],
    ]);
    expect(await snapshot(h)).toEqual(before);
  });

  it('refuses bad settings and non-admin keys, changing nothing', async () => {
    const before = await snapshot(h);
    for (const [body, code] of [
      [{ suffixes: ['u'] }, 'invalid_request'],
      [{ suffixes: ['DAMAG'] }, 'invalid_request'],
      [{ suffixes: [''] }, 'invalid_request'],
      [{ suffixes: ['U-'] }, 'invalid_request'],
      [{ suffixes: ['A', 'B', 'C', 'D', 'E'] }, 'invalid_request'],
      [{ suffixes: 'U' }, 'invalid_request'],
      [{}, 'invalid_request'],
      [{ suffixes: ['X'], extra: true }, 'invalid_request'],
      [{ suffixes: ['X', 'X'] }, 'invalid_damaged_suffix'],
      [{ suffixes: ['X', 'BX'] }, 'invalid_damaged_suffix'],
    ] as const) {
      const r = await h.call('PUT', '/v1/settings/damaged-suffix', body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([400, code]);
    }
    const key = (await h.call('POST', '/v1/api-keys', { name: 'ops', role: 'operator' })).body.key;
    const denied = await h.call(
      'PUT',
      '/v1/settings/damaged-suffix',
      { suffixes: ['X'] },
      { authorization: `Bearer ${key}` },
    );
    expect(denied.status).toBe(403);
    expect(await snapshot(h)).toEqual(before);
  });

  it('once on, a receipt line under 351038U books damaged units of 351038 (S unchanged)', async () => {
    // Another suffix than U: CAPU stays an ordinary SKU.
    const set = await h.call('PUT', '/v1/settings/damaged-suffix', { suffixes: ['DMG', 'X'] });
    expect([set.status, set.body]).toEqual([200, { suffixes: ['DMG', 'X'] }]);
    const r = await ok(
      h.call('POST', '/v1/receipts', {
        warehouse: 'LON',
        lines: [
          { sku: '351038', qty: 6 },
          { sku: '351038DMG', qty: 4 },
        ],
      }),
    );
    expect(r.body.lines).toEqual([
      { sku: '351038', qty: 6, inspect: false, againstVirtual: false },
      { sku: '351038', qty: 4, inspect: false, againstVirtual: false, damaged: true, code: '351038DMG' },
    ]);
    expect(r.body.positions).toEqual([
      expect.objectContaining({ sku: '351038', warehouse: 'LON', onHand: 10, damaged: 4, sellable: 6 }),
    ]);
    const ledger = (await h.call('GET', '/v1/movements?sku=351038')).body.items;
    expect(ledger.map((m: { type: string; deltas?: unknown }) => m.type)).toEqual(['receipt', 'receipt']);
    // The damaged code's ledger is the base's movements that changed its damaged units.
    expect((await h.call('GET', '/v1/movements?sku=351038DMG')).body.items).toEqual([ledger[1]]);
    expect((await h.call('GET', '/v1/stock/damaged?suffix=DMG')).body.items).toEqual([
      { sku: '351038DMG', baseSku: '351038', warehouse: 'LON', damaged: 4 },
    ]);
    await expectModelHolds(h);
  });

  it('refuses a damaged line whose base SKU does not exist, or that is inspected, changing nothing', async () => {
    const before = await snapshot(h);
    const unknown = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: '351038', qty: 1 },
        { sku: 'NOPEDMG', qty: 1 },
      ],
    });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.details]).toEqual([
      404,
      'unknown_sku',
      { skus: ['NOPE'], damagedCodes: ['NOPEDMG'] },
    ]);
    const inspected = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [{ sku: '351038DMG', qty: 1, inspect: true }],
    });
    expect([inspected.status, inspected.body.error.code]).toEqual([400, 'invalid_request']);
    const asSku = await h.call('PUT', '/v1/skus/MUGX', { name: 'Mug X' });
    expect([asSku.status, asSku.body.error.code, asSku.body.error.details.baseSku]).toEqual([
      409,
      'damaged_suffix_conflict',
      'MUG',
    ]);
    expect(await snapshot(h)).toEqual(before);
  });

  it('refuses orders naming a damaged code, whole, reserving nothing (channel orders too)', async () => {
    await ok(h.call('PUT', '/v1/channels/web', { name: 'web' }));
    const before = await snapshot(h);
    for (const [body, headers] of [
      [
        {
          orderId: 'd-1',
          lines: [
            { sku: '351038', qty: 1 },
            { sku: '351038DMG', qty: 1 },
          ],
        },
        {},
      ],
      [
        { orderId: 'd-2', lines: [{ sku: '351038X', qty: 1, warehouse: 'LON' }] },
        { 'idempotency-key': 'k-d2' },
      ],
      [{ orderId: 'd-3', channel: 'web', lines: [{ sku: '351038DMG', qty: 1 }] }, {}],
    ] as const) {
      const r = await h.call('POST', '/v1/orders', body, headers);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([409, 'damaged_sku_not_sellable']);
      expect(r.body.error.details.baseSkus).toEqual(['351038']);
      expect((await h.call('GET', `/v1/orders/${body.orderId}`)).status).toBe(404);
    }
    expect(await snapshot(h)).toEqual(before);
    expect(await at('351038')).toMatchObject({ reserved: 0, damaged: 4, sellable: 6 });
  });

  it('reads a damaged code as the damaged units of its base, marked, never sellable', async () => {
    const view = await stock('351038DMG');
    expect(view).toEqual({
      sku: '351038DMG',
      damagedOf: '351038',
      positions: [
        {
          warehouse: 'LON',
          onHand: 4,
          reserved: 0,
          damaged: 4,
          qcPending: 0,
          locked: 0,
          transferReserved: 0,
          virtual: 0,
          sellable: 0,
          incoming: 0,
        },
      ],
      totals: {
        onHand: 4,
        reserved: 0,
        damaged: 4,
        qcPending: 0,
        locked: 0,
        transferReserved: 0,
        virtual: 0,
        sellable: 0,
        incoming: 0,
      },
    });
    const asOf = await ok(
      h.call('GET', `/v1/stock/351038DMG?asOf=${encodeURIComponent(h.now().toISOString())}`),
    );
    expect(asOf.body).toMatchObject({ damagedOf: '351038', totals: { damaged: 4, sellable: 0 } });
    const one = await ok(h.call('GET', '/v1/availability/351038DMG'));
    expect(one.body).toEqual({
      sku: '351038DMG',
      damagedOf: '351038',
      region: null,
      sellable: 0,
      inStock: false,
      committed: 0,
      promisable: 0,
      committedDays: 7,
      options: [],
    });
    const many = await ok(h.call('POST', '/v1/availability', { skus: ['351038', '351038X'] }));
    expect(many.body.items.map((a: { sku: string; sellable: number }) => [a.sku, a.sellable])).toEqual([
      ['351038', 6],
      ['351038X', 0],
    ]);
    const totals = await ok(h.call('GET', '/v1/totals/351038DMG'));
    expect(totals.body).toEqual({
      sku: '351038DMG',
      damagedOf: '351038',
      onHand: 4,
      inTransit: 0,
      onHandPlusInTransit: 4,
      lostInTransit: 0,
    });
    // The ledger of a damaged code: the base's movements that changed its damaged units.
    const ledger = await ok(h.call('GET', '/v1/movements?sku=351038DMG'));
    const all = await ok(h.call('GET', '/v1/movements?sku=351038'));
    expect(ledger.body.items.length).toBeGreaterThan(0);
    expect(ledger.body.items).toEqual(
      all.body.items.filter((m: { deltas: { damaged?: number } }) => (m.deltas.damaged ?? 0) !== 0),
    );
    expect(
      ledger.body.items.reduce(
        (sum: number, m: { deltas: { damaged?: number } }) => sum + (m.deltas.damaged ?? 0),
        0,
      ),
    ).toBe(4);
    for (const path of [
      '/v1/stock/NOPEDMG',
      '/v1/availability/NOPEDMG',
      '/v1/stock/NOPE',
      '/v1/totals/NOPEDMG',
    ]) {
      const r = await h.call('GET', path);
      expect([r.status, r.body.error.code, r.body.error.details.skus], path).toEqual([
        404,
        'unknown_sku',
        ['NOPE'],
      ]);
    }
  });

  it("counts a damaged code against the base's damaged units, and posts the variance to them", async () => {
    const opened = await ok(
      h.call('POST', '/v1/counts', { warehouse: 'LON', scope: { kind: 'list', skus: ['351038DMG'] } }),
    );
    const id = opened.body.countId as string;
    // Counting a SKU and its damaged code at once would book a missing damaged unit twice.
    const before = await snapshot(h);
    for (const skus of [['351038'], ['351038X'], ['MUG', 'MUGDMG']]) {
      const r = await h.call('POST', '/v1/counts', { warehouse: 'LON', scope: { kind: 'list', skus } });
      expect([r.status, r.body.error.code], skus.join()).toEqual([409, 'count_overlap']);
    }
    expect(await snapshot(h)).toEqual(before);

    // 3 damaged units found where the books say 4.
    await ok(h.call('POST', `/v1/counts/${id}/entries`, { lines: [{ sku: '351038DMG', counted: 3 }] }));
    const closed = await ok(h.call('POST', `/v1/counts/${id}/close`));
    expect(closed.body.lines).toEqual([
      expect.objectContaining({ sku: '351038DMG', counted: 3, expected: 4, variance: -1 }),
    ]);
    const posted = await ok(
      h.call('POST', `/v1/counts/${id}/post`, { defaultReason: 'lost in the damaged bay' }),
    );
    expect(posted.body.positions).toEqual([
      expect.objectContaining({ sku: '351038', onHand: 9, damaged: 3, sellable: 6 }),
    ]);
    const counted = (await h.call('GET', '/v1/movements?sku=351038')).body.items.filter(
      (m: { type: string }) => m.type === 'count',
    );
    expect(counted).toHaveLength(1);
    expect(counted[0]).toMatchObject({ qty: 1, reason: 'lost in the damaged bay', reference: id });
    expect(await at('351038')).toMatchObject({ onHand: 9, damaged: 3, sellable: 6 });
    await expectModelHolds(h);
  });

  it('imports a CSV row under a damaged code as damaged units of its base, all or nothing', async () => {
    const csv = [
      'sku,name,price,warehouse,qty',
      'TEE,Tee,12,LON,5',
      'TEEDMG,Tee (damaged),,LON,2',
      '351038X,Mug (damaged),,AMS,1',
    ].join('\n');
    const { plan, errors } = planFromCsv(csv);
    expect(errors).toEqual([]);
    await applyPlan(h.db, plan, { reference: 'import:test.csv', keyPrefix: 'import' });
    expect((await h.call('GET', '/v1/skus/TEEDMG')).status).toBe(404);
    expect((await h.call('GET', '/v1/skus/351038X')).status).toBe(404);
    expect(await at('TEE')).toMatchObject({ onHand: 7, damaged: 2, sellable: 5 });
    expect(await at('351038', 'AMS')).toMatchObject({ onHand: 1, damaged: 1, sellable: 0 });

    const before = await snapshot(h);
    const orphan = planFromCsv('sku,name,warehouse,qty\nCAP,Cap,LON,3\nNOPEDMG,Nope (damaged),LON,1').plan;
    await expect(
      applyPlan(h.db, orphan, { reference: 'import:bad.csv', keyPrefix: 'import' }),
    ).rejects.toThrow(DomainError);
    expect(await snapshot(h)).toEqual(before);
    await expectModelHolds(h);
  });

  it('is shown, set and turned off from the CLI', async () => {
    const cli = inProcessStockroom(h.db);
    expect((await cli('damaged-suffix')).stdout).toBe('damaged-stock suffixes: DMG, X\n');
    const received = await cli('receive', 'LON', '351038X', '2');
    expect([received.code, received.stderr]).toEqual([0, '']);
    expect(await at('351038')).toMatchObject({ onHand: 11, damaged: 5, sellable: 6 });
    expect((await cli('stock', '351038X')).stdout).toContain(
      '351038X (the damaged units of 351038, never sellable): sellable 0',
    );
    // A lowercase suffix fails the route's schema, as it does through the API (the table above).
    const bad = await cli('damaged-suffix', 'u');
    expect([bad.code, bad.stderr.split(':')[0]]).toEqual([2, 'error invalid_request']);
    const twice = await cli('damaged-suffix', 'X', 'X');
    expect([twice.code, twice.stderr.split(':')[0]]).toEqual([2, 'error invalid_damaged_suffix']);
    const conflict = await cli('damaged-suffix', 'U');
    expect([conflict.code, conflict.stderr.split(':')[0]]).toEqual([2, 'error damaged_suffix_conflict']);
    expect(JSON.parse((await cli('damaged-suffix', '--off', '--json')).stdout)).toEqual({ suffixes: [] });
    // Off again: a code ending in X is an ordinary (unknown) SKU, and may be created.
    expect((await h.call('GET', '/v1/stock/351038X')).body.error.code).toBe('unknown_sku');
    expect((await h.call('PUT', '/v1/skus/MUGX', { name: 'Mug X' })).status).toBe(201);
  });
});
