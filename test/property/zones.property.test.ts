/**
 * A seeded randomized test of zones (docs/zones.md) against a small reference model: receipts
 * into any zone, orders and shipments, damage, repairs, write-offs, inspections, zone moves and
 * spot counts of a zone, sent to the HTTP API in random order at one position that has a pick
 * face, a bulk zone, a damaged cage and an inspection bench. After every step the outcome
 * (success or error code) must be the model's, the position and its units in every zone must
 * be the model's, and no command may ever be refused with `units_in_zone`: whatever a command's
 * guard allows, the units it needs are found in the zones, in the documented order (the
 * default zone, then pick before bulk; damaged and in-inspection units in no zone before those
 * in the cage or on the bench). At the end of each run the service's verify must answer ok and
 * the positions rebuilt from the ledger must equal the stored ones.
 *
 * The seed is fixed, so a failure reproduces; the failing step is named in the error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStock } from '../../src/app/verify.ts';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const SEED = 20_261_203;
const RUNS = 12;
const WAREHOUSE = 'LON';
const ZONES = [
  ['A1', 'pick'],
  ['B1', 'bulk'],
  ['DMG', 'damaged'],
  ['QC', 'qc'],
] as const;
type Named = (typeof ZONES)[number][0];
type Zone = Named | 'default';

interface State {
  onHand: number;
  reserved: number;
  damaged: number;
  qcPending: number;
  zones: Record<Named, number>;
  /** Open orders, oldest first: their units. */
  orders: { id: string; qty: number }[];
}

type Command =
  | { kind: 'receive'; zone: Zone; qty: number }
  | { kind: 'order'; qty: number }
  | { kind: 'ship' }
  | { kind: 'damage'; qty: number }
  | { kind: 'repair'; qty: number }
  | { kind: 'write-off'; qty: number }
  | { kind: 'inspect'; passed: number; failed: number }
  | { kind: 'move'; from: Zone; to: Zone; qty: number }
  | { kind: 'count'; zone: Zone; counted: number };

const qty = fc.integer({ min: 1, max: 6 });
const zone = fc.constantFrom<Zone>('default', 'A1', 'B1', 'DMG', 'QC');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), zone, qty }),
  fc.record({ kind: fc.constant('order' as const), qty }),
  fc.record({ kind: fc.constant('ship' as const) }),
  fc.record({ kind: fc.constant('damage' as const), qty }),
  fc.record({ kind: fc.constant('repair' as const), qty }),
  fc.record({ kind: fc.constant('write-off' as const), qty }),
  fc
    .record({
      kind: fc.constant('inspect' as const),
      passed: fc.integer({ min: 0, max: 3 }),
      failed: fc.integer({ min: 0, max: 3 }),
    })
    .filter((c) => c.passed + c.failed > 0),
  fc.record({ kind: fc.constant('move' as const), from: zone, to: zone, qty }).filter((m) => m.from !== m.to),
  fc.record({ kind: fc.constant('count' as const), zone, counted: fc.integer({ min: 0, max: 8 }) }),
);

const sellable = (s: State) => s.onHand - s.reserved - s.damaged - s.qcPending;
const inNamed = (s: State) => ZONES.reduce((sum, [z]) => sum + s.zones[z], 0);
const bucketOf = (z: Zone): 'damaged' | 'qcPending' | null =>
  z === 'DMG' ? 'damaged' : z === 'QC' ? 'qcPending' : null;

/**
 * The picks a movement needs after its deltas (the SQL's rule, stated plainly): in-inspection
 * units beyond qcPending leave the bench, damaged units beyond `damaged` leave the cage, and
 * what the named zones then still hold beyond onHand leaves the pick face, then bulk.
 */
function pick(s: State): void {
  s.zones.QC -= Math.max(0, s.zones.QC - s.qcPending);
  s.zones.DMG -= Math.max(0, s.zones.DMG - s.damaged);
  for (const z of ['A1', 'B1'] as const)
    s.zones[z] -= Math.min(s.zones[z], Math.max(0, inNamed(s) - s.onHand));
  if (inNamed(s) > s.onHand) throw new Error('model: the named zones hold more than onHand after picking');
}

/** The model's outcome: an error code, or null with the state changed. */
function step(s: State, c: Command, orderId: string): string | null {
  switch (c.kind) {
    case 'receive': {
      s.onHand += c.qty;
      const bucket = bucketOf(c.zone);
      if (bucket) s[bucket] += c.qty;
      if (c.zone !== 'default') s.zones[c.zone] += c.qty;
      return null;
    }
    case 'order':
      if (sellable(s) < c.qty) return 'insufficient_stock';
      s.reserved += c.qty;
      s.orders.push({ id: orderId, qty: c.qty });
      return null;
    case 'ship': {
      const order = s.orders[0]!;
      // The units must be physically there: not held as damaged or in inspection.
      if (s.onHand - order.qty < s.damaged + s.qcPending) return 'invalid_state';
      s.orders.shift();
      s.onHand -= order.qty;
      s.reserved -= order.qty;
      pick(s);
      return null;
    }
    case 'damage':
      if (s.damaged + s.qcPending + c.qty > s.onHand) return 'insufficient_on_hand';
      s.damaged += c.qty;
      return null;
    case 'repair':
    case 'write-off':
      if (s.damaged < c.qty) return 'insufficient_damaged';
      s.damaged -= c.qty;
      if (c.kind === 'write-off') s.onHand -= c.qty;
      pick(s);
      return null;
    case 'inspect':
      if (s.qcPending < c.passed + c.failed) return 'insufficient_qc_pending';
      s.qcPending -= c.passed + c.failed;
      s.damaged += c.failed;
      pick(s);
      return null;
    case 'move':
      return move(s, c);
    case 'count': {
      const held = c.zone === 'default' ? s.onHand - inNamed(s) : s.zones[c.zone];
      const variance = c.counted - held;
      const bucket = bucketOf(c.zone);
      const after = { ...s, onHand: s.onHand + variance };
      if (bucket) after[bucket] += variance;
      if (after.damaged + after.qcPending > after.onHand) return 'insufficient_on_hand';
      s.onHand = after.onHand;
      s.damaged = after.damaged;
      s.qcPending = after.qcPending;
      if (c.zone !== 'default') s.zones[c.zone] = c.counted;
      return null;
    }
  }
}

function move(s: State, c: Extract<Command, { kind: 'move' }>): string | null {
  const fromBucket = bucketOf(c.from);
  const toBucket = bucketOf(c.to);
  if (c.from !== 'default' && s.zones[c.from] < c.qty) return 'insufficient_zone_units';
  const next = { ...s };
  if (fromBucket !== toBucket) {
    if (fromBucket) next[fromBucket] -= c.qty;
    // From a sellable zone, units already in the target bucket but in no zone of it are taken
    // first (not counted twice).
    const loose = fromBucket === null && toBucket ? s[toBucket] - s.zones[c.to as Named] : 0;
    if (toBucket) next[toBucket] += fromBucket === null ? c.qty - Math.min(c.qty, Math.max(loose, 0)) : c.qty;
  }
  // Into an unsellable zone from a sellable one takes sellable units: never reserved ones.
  if (fromBucket === null && toBucket !== null && sellable(next) < 0) return 'insufficient_stock';
  if (c.from === 'default' && s.onHand - inNamed(s) < c.qty) return 'insufficient_zone_units';
  s.damaged = next.damaged;
  s.qcPending = next.qcPending;
  if (c.from !== 'default') s.zones[c.from] -= c.qty;
  if (c.to !== 'default') s.zones[c.to] += c.qty;
  return null;
}

describe.each(backends())('zones, randomized against a model, on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
    for (const [code, kind] of ZONES) {
      const r = await h.call('PUT', `/v1/warehouses/${WAREHOUSE}/zones/${code}`, { name: code, kind });
      expect(r.status).toBe(201);
    }
  });
  afterAll(() => h.close());

  async function send(sku: string, c: Command, orderId: string, s: State) {
    const at = { warehouse: WAREHOUSE, sku };
    switch (c.kind) {
      case 'receive':
        return h.call('POST', '/v1/receipts', {
          warehouse: WAREHOUSE,
          lines: [{ sku, qty: c.qty, ...(c.zone !== 'default' && { zone: c.zone }) }],
        });
      case 'order':
        return h.call('POST', '/v1/orders', { orderId, lines: [{ sku, qty: c.qty, warehouse: WAREHOUSE }] });
      case 'ship':
        return h.call('POST', `/v1/orders/${s.orders[0]!.id}/shipments`, {});
      case 'damage':
        return h.call('POST', '/v1/damage', { ...at, qty: c.qty, reason: 'broken' });
      case 'repair':
        return h.call('POST', '/v1/repairs', { ...at, qty: c.qty });
      case 'write-off':
        return h.call('POST', '/v1/write-offs', { ...at, qty: c.qty, reason: 'binned' });
      case 'inspect':
        return h.call('POST', '/v1/inspections', {
          warehouse: WAREHOUSE,
          lines: [{ sku, passed: c.passed, failed: c.failed }],
        });
      case 'move':
        return h.call('POST', `/v1/stock/${sku}/${WAREHOUSE}/zone-moves`, {
          from: c.from,
          to: c.to,
          qty: c.qty,
          reason: 'property',
        });
      case 'count':
        return h.call('POST', `/v1/stock/${sku}/${WAREHOUSE}/zone-counts`, {
          zone: c.zone,
          counted: c.counted,
          reason: 'property',
        });
    }
  }

  it('keeps every zone where the model says, and never refuses with units_in_zone', async () => {
    let run = 0;
    let steps = 0;
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 20, maxLength: 60 }), async (commands) => {
        const sku = `ZP${String(++run).padStart(4, '0')}`;
        expect((await h.call('PUT', `/v1/skus/${sku}`, { name: sku, price: 1 })).status).toBeLessThan(300);
        const s: State = {
          onHand: 0,
          reserved: 0,
          damaged: 0,
          qcPending: 0,
          zones: { A1: 0, B1: 0, DMG: 0, QC: 0 },
          orders: [],
        };
        // The position exists from the start (a move or count of a position never touched is
        // refused before any guard is reached: not what this test is about).
        const first: Command = { kind: 'receive', zone: 'default', qty: 3 };
        for (const [i, c] of [first, ...commands].entries()) {
          if (c.kind === 'ship' && s.orders.length === 0) continue;
          const orderId = `${sku}-o${i}`;
          const before = JSON.stringify(s);
          const reply = await send(sku, c, orderId, s);
          const expected = step(s, c, orderId);
          const where = `run ${run} step ${i} ${JSON.stringify(c)} from ${before}`;
          const got = reply.status < 300 ? null : (reply.body.error?.code ?? `status ${reply.status}`);
          expect(got, where).toBe(expected);
          outcomes.add(`${c.kind}:${got ?? 'ok'}`);
          steps++;
          const position = (await h.call('GET', `/v1/stock/${sku}`)).body.positions.find(
            (p: { warehouse: string }) => p.warehouse === WAREHOUSE,
          );
          const zones = Object.fromEntries(
            (position?.zones ?? []).map((z: { zone: string; units: number }) => [z.zone, z.units]),
          );
          expect(
            {
              onHand: position?.onHand ?? 0,
              reserved: position?.reserved ?? 0,
              damaged: position?.damaged ?? 0,
              qcPending: position?.qcPending ?? 0,
              zones: { A1: zones.A1 ?? 0, B1: zones.B1 ?? 0, DMG: zones.DMG ?? 0, QC: zones.QC ?? 0 },
            },
            where,
          ).toEqual({
            onHand: s.onHand,
            reserved: s.reserved,
            damaged: s.damaged,
            qcPending: s.qcPending,
            zones: s.zones,
          });
        }
        const report = await verifyStock(h.ctx);
        expect(report.problems, `run ${run}`).toEqual([]);
        expect(await rebuildPositionsFromLedger(h.db)).toEqual(
          (await allPositions(h.db)).map((p) => ({ ...p })),
        );
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The runs must reach the interesting branches, not only the easy ones.
    for (const outcome of ['ship:ok', 'repair:ok', 'write-off:ok', 'inspect:ok', 'move:ok', 'count:ok']) {
      expect(outcomes, outcome).toContain(outcome);
    }
    for (const refusal of [
      'move:insufficient_zone_units',
      'move:insufficient_stock',
      'order:insufficient_stock',
    ]) {
      expect(outcomes, refusal).toContain(refusal);
    }
    expect(steps).toBeGreaterThan(RUNS * 15);
  });
});
