/**
 * Zones (docs/zones.md) on both back ends: CRUD, receipts into a zone, moves between zones as
 * ledger movements with actor and reason, units in unsellable zones counted in U, refusals
 * that change nothing, verify and rebuild agreeing with the zone ledger, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { verifyStock } from '../../src/app/verify.ts';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { inProcessStockroom } from '../helpers/cli.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

type ZoneUnits = { zone: string; kind: string; sellable: boolean; units: number };

describe.each(backends())('zones on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP', 'HAT', 'BAG', 'PEN', 'INK', 'BOX', 'JAR', 'CUP', 'LID']);
    for (const [code, name, kind] of [
      ['A1', 'Pick face A1', 'pick'],
      ['DMG', 'Damaged cage', 'damaged'],
      ['QC', 'Inspection bench', 'qc'],
      ['RET', 'Returns shelf', 'returns'],
    ]) {
      const r = await h.call('PUT', `/v1/warehouses/LON/zones/${code}`, { name, kind });
      expect(r.status).toBe(201);
    }
  });
  afterAll(() => h.close());

  const position = async (sku: string, warehouse = 'LON') =>
    (await h.call('GET', `/v1/stock/${sku}`)).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === warehouse,
    );
  const units = (zones: ZoneUnits[]) => Object.fromEntries(zones.map((z) => [z.zone, z.units]));
  const move = (sku: string, body: object, headers?: Record<string, string>) =>
    h.call('POST', `/v1/stock/${sku}/LON/zone-moves`, body, headers);
  const snapshot = async () => ({
    movements: (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n,
    zoneMovements: (await h.db.query<{ n: number }>('select count(*)::int as n from zone_movements')).rows[0]!
      .n,
    positions: await allPositions(h.db),
    zones: (await h.db.query('select * from zone_stock order by sku, warehouse, zone')).rows,
  });

  it('creates, lists, renames and deletes zones; the default zone is implicit', async () => {
    const list = await h.call('GET', '/v1/warehouses/LON/zones');
    expect(list.status).toBe(200);
    expect(list.body.items.map((z: { code: string; sellable: boolean }) => [z.code, z.sellable])).toEqual([
      ['A1', true],
      ['DMG', false],
      ['QC', false],
      ['RET', false],
    ]);
    const renamed = await h.call('PUT', '/v1/warehouses/LON/zones/A1', { name: 'Aisle 1', kind: 'pick' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      warehouse: 'LON',
      code: 'A1',
      name: 'Aisle 1',
      kind: 'pick',
      sellable: true,
    });

    expect((await h.call('PUT', '/v1/warehouses/LON/zones/TMP', { name: 'Tmp', kind: 'bulk' })).status).toBe(
      201,
    );
    expect((await h.call('DELETE', '/v1/warehouses/LON/zones/TMP')).status).toBe(204);
    const gone = await h.call('DELETE', '/v1/warehouses/LON/zones/TMP');
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('unknown_zone');
    expect((await h.call('GET', '/v1/warehouses/AMS/zones')).body.items).toEqual([]);

    const reserved = await h.call('PUT', '/v1/warehouses/LON/zones/default', { name: 'x', kind: 'pick' });
    expect(reserved.status).toBe(400);
    const noWarehouse = await h.call('PUT', '/v1/warehouses/NOPE/zones/Z', { name: 'x', kind: 'pick' });
    expect(noWarehouse.body.error.code).toBe('unknown_warehouse');
    const badKind = await h.call('PUT', '/v1/warehouses/LON/zones/Z', { name: 'x', kind: 'attic' });
    expect(badKind.status).toBe(400);
  });

  it('receives into zones: into an unsellable zone the units are damaged or qcPending (in U)', async () => {
    const r = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 10 },
        { sku: 'MUG', qty: 3, zone: 'DMG' },
        { sku: 'MUG', qty: 2, zone: 'QC' },
        { sku: 'MUG', qty: 4, zone: 'A1' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.lines[1]).toEqual({
      sku: 'MUG',
      qty: 3,
      inspect: false,
      againstVirtual: false,
      zone: 'DMG',
    });
    const p = await position('MUG');
    expect(p).toMatchObject({ onHand: 19, damaged: 3, qcPending: 2, sellable: 14 });
    expect(units(p.zones)).toEqual({ default: 10, A1: 4, DMG: 3, QC: 2, RET: 0 });
    expect(p.zones[0]).toMatchObject({ zone: 'default', kind: 'default', sellable: true });

    const inspectIntoDamaged = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [{ sku: 'MUG', qty: 1, zone: 'DMG', inspect: true }],
    });
    expect(inspectIntoDamaged.status).toBe(400);
    const unknown = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [{ sku: 'MUG', qty: 1, zone: 'NOPE' }],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_zone');
    expect((await position('MUG')).onHand).toBe(19);
  });

  it('moves units between zones as a zone_move movement with actor and reason', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'TEE', qty: 10 }] });
    const { id: operatorId, key } = await createApiKey(h.ctx, { name: 'floor', role: 'operator' });
    const toDamaged = await move(
      'TEE',
      { from: 'default', to: 'DMG', qty: 3, reason: 'crushed pallet' },
      { authorization: `Bearer ${key}` },
    );
    expect(toDamaged.status).toBe(201);
    expect(toDamaged.body).toMatchObject({
      sku: 'TEE',
      warehouse: 'LON',
      from: 'default',
      to: 'DMG',
      qty: 3,
    });
    expect(toDamaged.body.position).toMatchObject({ onHand: 10, damaged: 3, sellable: 7 });
    expect(units(toDamaged.body.position.zones)).toMatchObject({ default: 7, DMG: 3 });

    // Between two unsellable zones of different buckets: damaged to qcPending, S unchanged.
    const toQc = await move('TEE', { from: 'DMG', to: 'QC', qty: 1, reason: 'check it' });
    expect(toQc.body.position).toMatchObject({ damaged: 2, qcPending: 1, sellable: 7 });
    // Back to a sellable zone: the units are sellable again (a repair, an inspection pass).
    const back = await move('TEE', { from: 'QC', to: 'A1', qty: 1, reason: 'passed' });
    expect(back.body.position).toMatchObject({ damaged: 2, qcPending: 0, sellable: 8 });
    expect(units(back.body.position.zones)).toEqual({ default: 7, A1: 1, DMG: 2, QC: 0, RET: 0 });

    const ledger = (await h.call('GET', '/v1/movements?sku=TEE&warehouse=LON')).body.items;
    expect(
      ledger.map((m: { type: string; reason: string; actor: string; deltas: object }) => [
        m.type,
        m.reason,
        m.actor,
        m.deltas,
      ]),
    ).toEqual([
      ['receipt', 'received', expect.any(String), { onHand: 10 }],
      ['zone_move', 'crushed pallet', operatorId, { damaged: 3 }],
      ['zone_move', 'check it', expect.any(String), { damaged: -1, qcPending: 1 }],
      ['zone_move', 'passed', expect.any(String), { qcPending: -1 }],
    ]);
    const zoneRows = await h.db.query<{ zone: string; d_units: string }>(
      `select zone, d_units::int as d_units from zone_movements where sku = 'TEE' order by movement_id, zone`,
    );
    expect(zoneRows.rows.map((r) => [r.zone, Number(r.d_units)])).toEqual([
      ['DMG', 3],
      ['DMG', -1],
      ['QC', 1],
      ['A1', 1],
      ['QC', -1],
    ]);
  });

  it('takes units already marked damaged first when they are moved to the damaged zone', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'CAP', qty: 10 }] });
    await h.call('POST', '/v1/damage', { warehouse: 'LON', sku: 'CAP', qty: 2, reason: 'broken' });
    const r = await move('CAP', { from: 'default', to: 'DMG', qty: 3, reason: 'to the cage' });
    expect(r.status).toBe(201);
    // Two were damaged already: only the third is newly unsellable.
    expect(r.body.position).toMatchObject({ onHand: 10, damaged: 3, sellable: 7 });
    expect(units(r.body.position.zones)).toMatchObject({ default: 7, DMG: 3 });
  });

  it('refuses a move that would oversell or that the zone cannot cover, and changes nothing', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'HAT', qty: 5 }] });
    const order = await h.call('POST', '/v1/orders', {
      orderId: 'zone-1',
      lines: [{ sku: 'HAT', qty: 4, warehouse: 'LON' }],
    });
    expect(order.status).toBe(201);
    const before = await snapshot();

    const oversell = await move('HAT', { from: 'default', to: 'DMG', qty: 2, reason: 'x' });
    expect(oversell.status).toBe(409);
    expect(oversell.body.error.code).toBe('insufficient_stock');
    const tooMany = await move('HAT', { from: 'A1', to: 'default', qty: 1, reason: 'x' });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('insufficient_zone_units');
    const fromDefault = await move('HAT', { from: 'default', to: 'A1', qty: 6, reason: 'x' });
    expect(fromDefault.body.error.code).toBe('insufficient_zone_units');
    const unknown = await move('HAT', { from: 'default', to: 'NOPE', qty: 1, reason: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_zone');
    const same = await move('HAT', { from: 'A1', to: 'A1', qty: 1, reason: 'x' });
    expect(same.body.error.code).toBe('same_zone');
    for (const body of [
      { from: 'default', to: 'A1', qty: 0, reason: 'x' },
      { from: 'default', to: 'A1', qty: 1 },
      { from: 'default', to: 'A1', qty: 1, reason: 'x', extra: 1 },
      { from: 'default', to: 'A1', qty: 1.5, reason: 'x' },
    ]) {
      const r = await move('HAT', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    expect((await move('NOPE', { from: 'default', to: 'A1', qty: 1, reason: 'x' })).body.error.code).toBe(
      'unknown_sku',
    );
    expect(await snapshot()).toEqual(before);

    // The one unreserved unit may go: S reaches 0, not below.
    expect((await move('HAT', { from: 'default', to: 'DMG', qty: 1, reason: 'dented' })).status).toBe(201);
    expect(await position('HAT')).toMatchObject({ onHand: 5, reserved: 4, damaged: 1, sellable: 0 });
  });

  it('takes damaged units a repair or write-off needs from the zones that hold them', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'BAG', qty: 4, zone: 'DMG' }] });
    const repair = await h.call('POST', '/v1/repairs', { warehouse: 'LON', sku: 'BAG', qty: 1 });
    expect(repair.status).toBe(201);
    // The repaired unit left the cage for the default zone, where it is sellable.
    expect(await position('BAG')).toMatchObject({ onHand: 4, damaged: 3, sellable: 1 });
    expect(units((await position('BAG')).zones)).toMatchObject({ default: 1, DMG: 3 });
    const writeOff = await h.call('POST', '/v1/write-offs', {
      warehouse: 'LON',
      sku: 'BAG',
      qty: 2,
      reason: 'binned',
    });
    expect(writeOff.status).toBe(201);
    expect(await position('BAG')).toMatchObject({ onHand: 2, damaged: 1, sellable: 1 });
    expect(units((await position('BAG')).zones)).toMatchObject({ default: 1, DMG: 1 });
    const ledger = (await h.call('GET', '/v1/movements?sku=BAG&warehouse=LON')).body.items;
    const zoneRows = (
      await h.db.query<{ type: string; zone: string; d_units: number }>(
        `select m.type, z.zone, z.d_units::int as d_units from zone_movements z
         join movements m on m.id = z.movement_id where z.sku = 'BAG' order by z.movement_id`,
      )
    ).rows;
    expect(zoneRows).toEqual([
      { type: 'receipt', zone: 'DMG', d_units: 4 },
      { type: 'repair', zone: 'DMG', d_units: -1 },
      { type: 'write_off', zone: 'DMG', d_units: -2 },
    ]);
    expect(ledger.map((m: { type: string }) => m.type)).toEqual(['receipt', 'repair', 'write_off']);
    expect((await verifyStock(h.ctx)).ok).toBe(true);
  });

  it('ships and transfers units put away in sellable bins, pick faces before bulk', async () => {
    expect(
      (await h.call('PUT', '/v1/warehouses/LON/zones/B1', { name: 'Bulk B1', kind: 'bulk' })).status,
    ).toBe(201);
    expect(
      (await h.call('PUT', '/v1/warehouses/LON/zones/A2', { name: 'Pick A2', kind: 'pick' })).status,
    ).toBe(201);
    await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'BOX', qty: 2 },
        { sku: 'BOX', qty: 3, zone: 'B1' },
        { sku: 'BOX', qty: 2, zone: 'A2' },
        { sku: 'BOX', qty: 1, zone: 'A1' },
        { sku: 'BOX', qty: 2, zone: 'DMG' },
      ],
    });
    expect(await position('BOX')).toMatchObject({ onHand: 10, damaged: 2, sellable: 8 });
    const order = await h.call('POST', '/v1/orders', {
      orderId: 'zone-pick-1',
      lines: [{ sku: 'BOX', qty: 6, warehouse: 'LON' }],
    });
    expect(order.status).toBe(201);
    const shipped = await h.call('POST', '/v1/orders/zone-pick-1/shipments', {});
    expect(shipped.status).toBe(201);
    // 6 shipped: the 2 loose units cover 2, then pick faces A1 (1) and A2 (2), then bulk B1 (1).
    expect(await position('BOX')).toMatchObject({ onHand: 4, reserved: 0, damaged: 2, sellable: 2 });
    expect(units((await position('BOX')).zones)).toMatchObject({ default: 0, A1: 0, A2: 0, B1: 2, DMG: 2 });

    const transfer = await h.call('POST', '/v1/transfers', {
      transferId: 'zone-pick-t1',
      from: 'LON',
      to: 'AMS',
      lines: [{ sku: 'BOX', qty: 2 }],
    });
    expect(transfer.status).toBe(201);
    expect((await h.call('POST', '/v1/transfers/zone-pick-t1/ship', {})).status).toBe(201);
    expect(await position('BOX')).toMatchObject({ onHand: 2, damaged: 2, transferReserved: 0, sellable: 0 });
    expect(units((await position('BOX')).zones)).toMatchObject({ default: 0, B1: 0, DMG: 2 });
    expect(await rebuildPositionsFromLedger(h.db)).toEqual((await allPositions(h.db)).map((p) => ({ ...p })));
    expect((await verifyStock(h.ctx)).ok).toBe(true);
  });

  it('refuses, changing nothing, what only units in an unsellable zone could cover', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'JAR', qty: 3, zone: 'QC' }] });
    expect(await position('JAR')).toMatchObject({ onHand: 3, qcPending: 3, sellable: 0 });
    const before = await snapshot();
    const order = await h.call('POST', '/v1/orders', {
      orderId: 'zone-pick-2',
      lines: [{ sku: 'JAR', qty: 1, warehouse: 'LON' }],
    });
    expect(order.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    // A passed inspection takes the units out of the inspection zone: they become sellable.
    const passed = await h.call('POST', '/v1/inspections', {
      warehouse: 'LON',
      lines: [{ sku: 'JAR', passed: 2, failed: 1 }],
    });
    expect(passed.status).toBe(201);
    expect(await position('JAR')).toMatchObject({ onHand: 3, qcPending: 0, damaged: 1, sellable: 2 });
    expect(units((await position('JAR')).zones)).toMatchObject({ default: 3, QC: 0 });
  });

  it('keeps a zone that holds units, and its kind, until it is emptied', async () => {
    const del = await h.call('DELETE', '/v1/warehouses/LON/zones/DMG');
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('zone_not_empty');
    const kind = await h.call('PUT', '/v1/warehouses/LON/zones/DMG', { name: 'Cage', kind: 'pick' });
    expect(kind.status).toBe(409);
    expect(kind.body.error.code).toBe('zone_not_empty');
    expect(
      (await h.call('PUT', '/v1/warehouses/LON/zones/DMG', { name: 'Cage', kind: 'damaged' })).status,
    ).toBe(200);
  });

  it('counts one zone: the variance is a count movement in that zone, in its bucket', async () => {
    await h
      .call('POST', '/v1/receipts', {
        warehouse: 'AMS',
        lines: [
          { sku: 'MUG', qty: 8 },
          { sku: 'MUG', qty: 3, zone: 'D1' },
        ],
      })
      .then((r) => expect(r.status).toBe(404)); // AMS has no zone D1 yet
    expect((await h.call('PUT', '/v1/warehouses/AMS/zones/D1', { name: 'D1', kind: 'damaged' })).status).toBe(
      201,
    );
    await h.call('POST', '/v1/receipts', {
      warehouse: 'AMS',
      lines: [
        { sku: 'MUG', qty: 8 },
        { sku: 'MUG', qty: 3, zone: 'D1' },
      ],
    });
    const count = (body: object) => h.call('POST', '/v1/stock/MUG/AMS/zone-counts', body);
    const lower = await count({ zone: 'D1', counted: 1, reason: 'cage audit' });
    expect(lower.status).toBe(201);
    expect(lower.body).toMatchObject({ zone: 'D1', counted: 1, expected: 3, variance: -2 });
    expect(lower.body.position).toMatchObject({ onHand: 9, damaged: 1, sellable: 8 });
    expect(units(lower.body.position.zones)).toEqual({ default: 8, D1: 1 });

    const higher = await count({ zone: 'default', counted: 10, reason: 'found a box' });
    expect(higher.body).toMatchObject({ expected: 8, variance: 2 });
    expect(higher.body.position).toMatchObject({ onHand: 11, damaged: 1, sellable: 10 });
    const same = await count({ zone: 'D1', counted: 1, reason: 'recount' });
    expect(same.body).toMatchObject({ expected: 1, variance: 0 });

    const ledger = (await h.call('GET', '/v1/movements?sku=MUG&warehouse=AMS')).body.items;
    expect(
      ledger.filter((m: { type: string }) => m.type === 'count').map((m: { deltas: object }) => m.deltas),
    ).toEqual([{ onHand: -2, damaged: -2 }, { onHand: 2 }]);
    for (const body of [
      { zone: 'D1', counted: -1, reason: 'x' },
      { zone: 'D1', counted: 1 },
      { zone: 'D1', counted: 1, reason: 'x', bin: 'y' },
    ]) {
      expect((await count(body)).status).toBe(400);
    }
    expect((await count({ zone: 'NOPE', counted: 1, reason: 'x' })).body.error.code).toBe('unknown_zone');
    expect((await verifyStock(h.ctx)).ok).toBe(true);
  });

  it('counts a zone in a cycle count: lines expect the zone, posting books the variance in it', async () => {
    expect(
      (await h.call('PUT', '/v1/warehouses/LON/zones/C9', { name: 'Pick C9', kind: 'pick' })).status,
    ).toBe(201);
    await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'CUP', qty: 2 },
        { sku: 'CUP', qty: 5, zone: 'C9' },
        { sku: 'LID', qty: 3, zone: 'DMG' },
      ],
    });
    const cycle = async (zone: string, scope: object, counted: Record<string, number>) => {
      const opened = await h.call('POST', '/v1/counts', { warehouse: 'LON', zone, scope });
      expect(opened.status).toBe(201);
      expect(opened.body.zone).toBe(zone);
      const id = opened.body.countId;
      const lines = Object.entries(counted).map(([sku, n]) => ({ sku, counted: n }));
      expect((await h.call('POST', `/v1/counts/${id}/entries`, { lines })).status).toBe(200);
      const closed = await h.call('POST', `/v1/counts/${id}/close`, {});
      expect(closed.status).toBe(200);
      const posted = await h.call('POST', `/v1/counts/${id}/post`, { defaultReason: 'bin audit' });
      expect(posted.status).toBe(200);
      return { opened: opened.body, closed: closed.body, posted: posted.body };
    };

    const c9 = await cycle('C9', { kind: 'all' }, { CUP: 4 });
    expect(c9.opened.lines.map((l: { sku: string }) => l.sku)).toEqual(['CUP']);
    expect(c9.closed.lines).toEqual([
      expect.objectContaining({ sku: 'CUP', expected: 5, counted: 4, variance: -1 }),
    ]);
    expect(await position('CUP')).toMatchObject({ onHand: 6, sellable: 6 });
    expect(units((await position('CUP')).zones)).toMatchObject({ default: 2, C9: 4 });

    const dmg = await cycle('DMG', { kind: 'list', skus: ['LID'] }, { LID: 1 });
    expect(dmg.closed.lines).toEqual([expect.objectContaining({ expected: 3, variance: -2 })]);
    expect(await position('LID')).toMatchObject({ onHand: 1, damaged: 1, sellable: 0 });
    expect(units((await position('LID')).zones)).toMatchObject({ default: 0, DMG: 1 });

    const loose = await cycle('default', { kind: 'list', skus: ['CUP'] }, { CUP: 3 });
    expect(loose.closed.lines).toEqual([expect.objectContaining({ expected: 2, variance: 1 })]);
    expect(await position('CUP')).toMatchObject({ onHand: 7 });
    expect(units((await position('CUP')).zones)).toMatchObject({ default: 3, C9: 4 });

    const zoneRows = (
      await h.db.query<{ sku: string; zone: string; d_units: number; reason: string }>(
        `select z.sku, z.zone, z.d_units::int as d_units, m.reason from zone_movements z
         join movements m on m.id = z.movement_id
         where z.sku in ('CUP', 'LID') and m.type = 'count' order by z.movement_id`,
      )
    ).rows;
    expect(zoneRows).toEqual([
      { sku: 'CUP', zone: 'C9', d_units: -1, reason: 'bin audit' },
      { sku: 'LID', zone: 'DMG', d_units: -2, reason: 'bin audit' },
    ]);
    const unknown = await h.call('POST', '/v1/counts', {
      warehouse: 'LON',
      zone: 'NOPE',
      scope: { kind: 'all' },
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown_zone']);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual((await allPositions(h.db)).map((p) => ({ ...p })));
    expect((await verifyStock(h.ctx)).ok).toBe(true);
  });

  it('answers units by zone as of a past time, and verify and rebuild agree with the zone ledger', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'PEN', qty: 6 }] });
    h.advance(60_000);
    const between = h.now().toISOString();
    h.advance(60_000);
    await move('PEN', { from: 'default', to: 'RET', qty: 2, reason: 'customer returns shelf' });
    const past = await h.call('GET', `/v1/stock/PEN?asOf=${encodeURIComponent(between)}`);
    const then = past.body.positions.find((p: { warehouse: string }) => p.warehouse === 'LON');
    expect(then).toMatchObject({ onHand: 6, damaged: 0 });
    expect(units(then.zones)).toMatchObject({ default: 6, RET: 0 });
    expect(units((await position('PEN')).zones)).toMatchObject({ default: 4, RET: 2 });

    expect(await rebuildPositionsFromLedger(h.db)).toEqual((await allPositions(h.db)).map((p) => ({ ...p })));
    const report = await verifyStock(h.ctx);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports zone units the zone ledger does not explain', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'INK', qty: 2, zone: 'RET' }] });
    await h.db.query(`update zone_stock set units = units + 1 where sku = 'INK' and zone = 'RET'`);
    const report = await verifyStock(h.ctx);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        invariant: 3,
        sku: 'INK',
        warehouse: 'LON',
        details: expect.objectContaining({ zone: null, stored: 2, rebuilt: 3 }),
      }),
      expect.objectContaining({
        invariant: 3,
        sku: 'INK',
        warehouse: 'LON',
        details: expect.objectContaining({ zone: 'RET', stored: 3, rebuilt: 2 }),
      }),
    ]);
    await h.db.query(`update zone_stock set units = units - 1 where sku = 'INK' and zone = 'RET'`);
    expect((await verifyStock(h.ctx)).ok).toBe(true);
  });

  it('lists zones, moves and counts through the CLI, with the same use cases', async () => {
    const run = inProcessStockroom(h.db);
    const listed = await run('zones', 'LON');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('DMG\tdamaged\tunsellable\tCage');
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'TEE', qty: 5 }] });
    const moved = await run('zone-move', 'AMS', 'TEE', 'default', 'D1', '2', '--reason', 'cli', '--json');
    expect(moved.stderr).toBe('');
    const body = JSON.parse(moved.stdout);
    expect(body.position).toMatchObject({ onHand: 5, damaged: 2, sellable: 3 });
    const counted = await run('zone-count', 'AMS', 'TEE', 'D1', '0', '--reason', 'binned');
    expect(counted.code).toBe(0);
    expect(counted.stdout).toContain('expected 2, variance -2');
    expect(await position('TEE', 'AMS')).toMatchObject({ onHand: 3, damaged: 0, sellable: 3 });
    const refused = await run('zone-move', 'AMS', 'TEE', 'D1', 'default', '1', '--reason', 'x');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('insufficient_zone_units');
    const last = (await h.call('GET', '/v1/movements?sku=TEE&warehouse=AMS')).body.items.at(-1);
    expect(last).toMatchObject({ type: 'count', actor: 'cli', reason: 'binned' });
  });

  it('keeps zones from storefront keys and limited operators of other warehouses', async () => {
    const { key: shop } = await createApiKey(h.ctx, { name: 'shop', role: 'storefront' });
    const { key: ams } = await createApiKey(h.ctx, { name: 'ams', role: 'operator', warehouses: ['AMS'] });
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    expect((await h.call('GET', '/v1/warehouses/LON/zones', undefined, as(shop))).status).toBe(403);
    expect((await h.call('GET', '/v1/warehouses/LON/zones', undefined, as(ams))).status).toBe(403);
    expect((await h.call('GET', '/v1/warehouses/AMS/zones', undefined, as(ams))).status).toBe(200);
    expect((await move('PEN', { from: 'default', to: 'A1', qty: 1, reason: 'x' }, as(ams))).status).toBe(403);
  });
});
