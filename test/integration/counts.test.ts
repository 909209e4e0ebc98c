/**
 * Cycle counts through the API: open (all, list, seeded sample), blind while counting, record
 * and overwrite, close with variances and accuracy, post as `count` movements with reasons
 * (the ledger rebuilding the positions, an oversold record when S goes negative), cancel, bad
 * input refused with nothing changed, overlapping counts, idempotent replays, operator access.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';

const MINUTE = 60_000;

interface Line {
  sku: string;
  counted: number | null;
  expected?: number | null;
  variance?: number | null;
  reason?: string | null;
}

interface Movement {
  type: string;
  sku: string;
  qty: number;
  deltas: Record<string, number>;
  reason: string | null;
  reference: string | null;
}

describe.each(backends())('cycle counts on $name', (backend) => {
  let h: Harness;
  let n = 0;
  // Each test counts at a warehouse of its own, so that "all" sees only that test's stock.
  let wh: string;
  let A: string;
  let B: string;
  let C: string;
  let D: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    n++;
    wh = `CW${n}`;
    [A, B, C, D] = ['A', 'B', 'C', 'D'].map((s) => `C${n}-${s}`) as [string, string, string, string];
    await ok(h.call('PUT', `/v1/warehouses/${wh}`, { name: wh, region: 'uk' }));
    for (const sku of [A, B, C, D]) await ok(h.call('PUT', `/v1/skus/${sku}`, { name: sku }));
  });

  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const receive = (lines: [string, number][], warehouse = wh) =>
    ok(h.call('POST', '/v1/receipts', { warehouse, lines: lines.map(([sku, qty]) => ({ sku, qty })) }));
  const open = (scope: Record<string, unknown>, headers?: Record<string, string>, warehouse = wh) =>
    h.call('POST', '/v1/counts', { warehouse, scope }, headers);
  const openList = async (skus: string[]) => (await ok(open({ kind: 'list', skus }))).body.countId as string;
  const enter = (id: string, lines: Record<string, unknown>[], headers?: Record<string, string>) =>
    h.call('POST', `/v1/counts/${id}/entries`, { lines }, headers);
  const close = (id: string, body?: unknown) => h.call('POST', `/v1/counts/${id}/close`, body);
  const post = (id: string, body?: unknown, headers?: Record<string, string>) =>
    h.call('POST', `/v1/counts/${id}/post`, body, headers);
  const get = async (id: string) => (await ok(h.call('GET', `/v1/counts/${id}`))).body;
  const position = async (sku: string) =>
    (await h.call('GET', `/v1/stock/${sku}`)).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === wh,
    );
  const countMovements = async (sku: string): Promise<Movement[]> =>
    (await h.call('GET', `/v1/movements?sku=${sku}`)).body.items.filter((m: Movement) => m.type === 'count');
  const skusOf = (body: { lines: Line[] }) => body.lines.map((l) => l.sku);
  /** Everything a refused request must leave alone. */
  const snapshot = async () => ({
    movements: (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n,
    positions: await allPositions(h.db),
    counts: (
      await h.db.query('select * from counts c join count_lines l on l.count_id = c.id order by c.id, l.sku')
    ).rows,
  });

  it('opens a count of every position, of a list, or of a seeded random sample', async () => {
    await receive([
      [A, 3],
      [B, 0 + 1],
      [C, 2],
    ]);
    // D is stocked elsewhere only: not part of "all" here.
    await receive([[D, 4]], 'LON');

    const all = await open({ kind: 'all' });
    expect(all.status).toBe(201);
    expect(all.body).toMatchObject({
      warehouse: wh,
      scope: { kind: 'all' },
      status: 'open',
      linesTotal: 3,
      linesCounted: 0,
      linesMatched: null,
      accuracy: null,
      createdAt: h.now().toISOString(),
      closedAt: null,
    });
    expect(all.body.lines).toEqual(
      [A, B, C].map((sku) => ({ sku, counted: null, countedAt: null, countedBy: null })),
    );
    await ok(h.call('POST', `/v1/counts/${all.body.countId}/cancel`));

    // A list may name a SKU the warehouse has never held: the counter may find some.
    const list = await ok(open({ kind: 'list', skus: [D, A] }));
    expect(list.body.scope).toEqual({ kind: 'list' });
    expect(skusOf(list.body)).toEqual([A, D]);
    await ok(h.call('POST', `/v1/counts/${list.body.countId}/cancel`));

    const seeded = await ok(open({ kind: 'sample', size: 2, seed: 'monday' }));
    expect(seeded.body.scope).toEqual({ kind: 'sample', size: 2, seed: 'monday' });
    expect(seeded.body.lines).toHaveLength(2);
    await ok(h.call('POST', `/v1/counts/${seeded.body.countId}/cancel`));
    const again = await ok(open({ kind: 'sample', size: 2, seed: 'monday' }));
    expect(skusOf(again.body)).toEqual(skusOf(seeded.body));
    await ok(h.call('POST', `/v1/counts/${again.body.countId}/cancel`));

    // Without a seed one is chosen and shown, so the draw can be reproduced.
    const unseeded = await ok(open({ kind: 'sample', size: 2 }));
    const seed = unseeded.body.scope.seed as string;
    expect(seed).toMatch(/.+/);
    await ok(h.call('POST', `/v1/counts/${unseeded.body.countId}/cancel`));
    const reproduced = await ok(open({ kind: 'sample', size: 2, seed }));
    expect(skusOf(reproduced.body)).toEqual(skusOf(unseeded.body));
    await ok(h.call('POST', `/v1/counts/${reproduced.body.countId}/cancel`));

    // Different seeds draw different samples (over 3 positions, 2 at a time, some seed differs).
    const draws = new Set<string>();
    for (const s of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const r = await ok(open({ kind: 'sample', size: 2, seed: s }));
      draws.add(skusOf(r.body).join());
      await ok(h.call('POST', `/v1/counts/${r.body.countId}/cancel`));
    }
    expect(draws.size).toBeGreaterThan(1);

    const big = await ok(open({ kind: 'sample', size: 50, seed: 'x' }));
    expect(skusOf(big.body)).toEqual([A, B, C]);
    expect(big.body.scope).toEqual({ kind: 'sample', size: 50, seed: 'x' });
  });

  it('is blind while open: no expected quantity until the count is closed', async () => {
    await receive([
      [A, 10],
      [B, 4],
    ]);
    const id = await openList([A, B]);
    const entered = await ok(enter(id, [{ sku: A, counted: 9 }]));
    const blind = (lines: Line[]) => lines.every((l) => !('expected' in l) && !('variance' in l));
    expect(blind(entered.body.lines)).toBe(true);
    expect(entered.body).toMatchObject({
      linesCounted: 1,
      linesMatched: null,
      netVariance: null,
      accuracy: null,
    });
    expect(entered.body.lines[0]).toEqual({
      sku: A,
      counted: 9,
      countedAt: h.now().toISOString(),
      countedBy: expect.any(String),
    });
    const read = await get(id);
    expect(blind(read.lines)).toBe(true);
    const listed = (await h.call('GET', `/v1/counts?warehouse=${wh}`)).body.items;
    expect(listed[0]).toMatchObject({ countId: id, linesCounted: 1, accuracy: null });
    expect(listed[0]).not.toHaveProperty('lines');

    await ok(enter(id, [{ sku: B, counted: 4 }]));
    const closed = await ok(close(id));
    expect(closed.body.lines).toEqual([
      expect.objectContaining({ sku: A, counted: 9, expected: 10, variance: -1, reason: null }),
      expect.objectContaining({ sku: B, counted: 4, expected: 4, variance: 0, reason: null }),
    ]);
  });

  it('records and overwrites counts; close fixes variances and accuracy', async () => {
    await receive([
      [A, 10],
      [B, 5],
      [D, 7],
    ]);
    const id = await openList([A, B, C, D]);
    await ok(
      enter(id, [
        { sku: A, counted: 10 },
        { sku: B, counted: 3 },
      ]),
    );
    h.advance(MINUTE);
    // A recount of B overwrites the first figure.
    const recount = await ok(
      enter(id, [
        { sku: B, counted: 4 },
        { sku: C, counted: 2 },
      ]),
    );
    expect(recount.body.linesCounted).toBe(3);
    expect(recount.body.lines.find((l: Line) => l.sku === B)).toMatchObject({
      counted: 4,
      countedAt: h.now().toISOString(),
    });
    await ok(enter(id, [{ sku: D, counted: 7 }]));
    h.advance(MINUTE);
    const closed = await ok(close(id));
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedAt: h.now().toISOString(),
      linesTotal: 4,
      linesCounted: 4,
      linesMatched: 2,
      linesWithVariance: 2,
      netVariance: 1,
      accuracy: 0.5,
    });
    expect(closed.body.lines.map((l: Line) => [l.sku, l.expected, l.counted, l.variance])).toEqual([
      [A, 10, 10, 0],
      [B, 5, 4, -1],
      [C, 0, 2, 2],
      [D, 7, 7, 0],
    ]);
    // Closing changes no stock.
    expect(await countMovements(B)).toEqual([]);
    expect(await get(id)).toEqual(closed.body);
  });

  it('refuses to close with uncounted lines unless told to skip them', async () => {
    await receive([
      [A, 2],
      [B, 3],
      [C, 4],
    ]);
    const id = await openList([A, B, C]);
    await ok(enter(id, [{ sku: A, counted: 2 }]));
    const refused = await close(id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'count_incomplete',
      details: { countId: id, uncounted: 2, skus: [B, C] },
    });
    expect((await get(id)).status).toBe('open');
    const closed = await ok(close(id, { skipUncounted: true }));
    expect(closed.body).toMatchObject({ linesTotal: 3, linesCounted: 1, linesMatched: 1, accuracy: 1 });
    expect(closed.body.lines.find((l: Line) => l.sku === B)).toMatchObject({
      counted: null,
      expected: null,
      variance: null,
    });
    // The skipped SKUs are free for another count; the counted one waits for posting.
    expect((await open({ kind: 'list', skus: [B, C] })).status).toBe(201);
    expect((await open({ kind: 'list', skus: [A] })).body.error.code).toBe('count_overlap');
  });

  it('compares each line with the books when it was counted, not at close or post', async () => {
    await receive([
      [A, 10],
      [B, 6],
    ]);
    const id = await openList([A, B]);
    const openedAt = h.now();
    h.advance(MINUTE);
    await ok(enter(id, [{ sku: A, counted: 10 }]));
    // Goods arrive after A was counted, before close: no false variance for them.
    h.advance(MINUTE);
    await receive([
      [A, 5],
      [B, 2],
    ]);
    // B was counted on a scanner before the receipt and synced after it.
    h.advance(MINUTE);
    const countedAt = new Date(openedAt.getTime() + 30_000).toISOString();
    await ok(enter(id, [{ sku: B, counted: 5, countedAt }]));
    const closed = await ok(close(id));
    expect(closed.body.lines.map((l: Line) => [l.sku, l.expected, l.counted, l.variance])).toEqual([
      [A, 10, 10, 0],
      [B, 6, 5, -1],
    ]);
    // More moves between close and post stay booked: the variance is a delta on the books.
    await receive([[B, 10]]);
    await ok(post(id, { defaultReason: 'miscount' }));
    expect(await position(A)).toMatchObject({ onHand: 15 });
    expect(await position(B)).toMatchObject({ onHand: 17 });

    // A countedAt in the future or before the count opened is refused.
    const other = await openList([C]);
    for (const at of [new Date(h.now().getTime() + 1).toISOString(), openedAt.toISOString()]) {
      const r = await enter(other, [{ sku: C, counted: 1, countedAt: at }]);
      expect([r.status, r.body.error.code]).toEqual([400, 'invalid_request']);
    }
  });

  it('posts each variance as a count movement with its reason; the ledger rebuilds the positions', async () => {
    await receive([
      [A, 10],
      [B, 5],
      [C, 3],
    ]);
    const id = await openList([A, B, C, D]);
    await ok(
      enter(id, [
        { sku: A, counted: 8 },
        { sku: B, counted: 6 },
        { sku: C, counted: 3 },
        { sku: D, counted: 2 },
      ]),
    );
    await ok(close(id));
    expect(await position(A)).toMatchObject({ onHand: 10, sellable: 10 });
    h.advance(MINUTE);
    const posted = await post(id, {
      reasons: [
        { sku: A, reason: 'theft' },
        { sku: C, reason: 'unused: C matched' },
      ],
      defaultReason: 'miscount',
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      status: 'posted',
      postedAt: h.now().toISOString(),
      linesMatched: 1,
      linesWithVariance: 3,
      netVariance: 1,
      accuracy: 0.25,
    });
    expect(posted.body.lines.map((l: Line) => [l.sku, l.variance, l.reason])).toEqual([
      [A, -2, 'theft'],
      [B, 1, 'miscount'],
      [C, 0, null],
      [D, 2, 'miscount'],
    ]);
    expect(posted.body.positions).toEqual([
      expect.objectContaining({ sku: A, warehouse: wh, onHand: 8, sellable: 8 }),
      expect.objectContaining({ sku: B, warehouse: wh, onHand: 6, sellable: 6 }),
      expect.objectContaining({ sku: D, warehouse: wh, onHand: 2, sellable: 2 }),
    ]);
    expect(await countMovements(A)).toEqual([
      expect.objectContaining({ qty: 2, deltas: { onHand: -2 }, reason: 'theft', reference: id }),
    ]);
    expect(await countMovements(B)).toEqual([
      expect.objectContaining({ qty: 1, deltas: { onHand: 1 }, reason: 'miscount', reference: id }),
    ]);
    expect(await countMovements(C)).toEqual([]);
    expect(await countMovements(D)).toEqual([expect.objectContaining({ deltas: { onHand: 2 } })]);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
    expect((await ok(h.call('GET', '/v1/admin/verify'))).body.ok).toBe(true);
    // Posted once: again is refused, and so are entries and cancelling.
    const before = await snapshot();
    expect((await post(id, { defaultReason: 'x' })).body.error.code).toBe('invalid_state');
    expect((await h.call('POST', `/v1/counts/${id}/cancel`)).body.error.code).toBe('invalid_state');
    expect(await snapshot()).toEqual(before);
  });

  it('books a variance that leaves S negative, with an oversold record naming the orders at risk', async () => {
    await receive([[A, 5]]);
    const orderId = `count-order-${n}`;
    await ok(h.call('POST', '/v1/orders', { orderId, lines: [{ sku: A, qty: 4, warehouse: wh }] }));
    expect(await position(A)).toMatchObject({ onHand: 5, reserved: 4, sellable: 1 });
    const id = await openList([A]);
    await ok(enter(id, [{ sku: A, counted: 2 }]));
    await ok(close(id));
    const posted = await ok(post(id, { reasons: [{ sku: A, reason: 'theft' }] }));
    expect(posted.body.positions).toEqual([
      expect.objectContaining({ sku: A, onHand: 2, reserved: 4, sellable: -2 }),
    ]);
    const oversold = (await ok(h.call('GET', `/v1/oversold?sku=${A}`))).body.items;
    expect(oversold).toEqual([
      expect.objectContaining({
        sku: A,
        warehouse: wh,
        movementType: 'count',
        reason: 'theft',
        sellableAfter: -2,
        ordersAtRisk: [orderId],
      }),
    ]);
    expect((await ok(h.call('GET', '/v1/admin/verify'))).body.ok).toBe(true);
  });

  it('refuses a variance onHand cannot take, with nothing changed', async () => {
    await receive([[A, 5]]);
    await ok(h.call('POST', '/v1/damage', { warehouse: wh, sku: A, qty: 4, reason: 'broken' }));
    const id = await openList([A]);
    await ok(enter(id, [{ sku: A, counted: 2 }]));
    await ok(close(id));
    const before = await snapshot();
    const r = await post(id, { defaultReason: 'lost' });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'insufficient_on_hand',
      details: { countId: id, warehouse: wh, lines: [{ sku: A, variance: -3, onHand: 5, held: 4 }] },
    });
    expect(await snapshot()).toEqual(before);
    expect((await get(id)).status).toBe('closed');
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    await receive([[A, 5]]);
    const empty = `EMPTY${n}`;
    await ok(h.call('PUT', `/v1/warehouses/${empty}`, { name: empty, region: 'uk' }));
    const id = await openList([A, B]);
    const before = await snapshot();
    const opens: [unknown, number, string][] = [
      [{ warehouse: 'NOPE', scope: { kind: 'all' } }, 404, 'unknown_warehouse'],
      [{ warehouse: wh, scope: { kind: 'list', skus: ['NO-SUCH-SKU'] } }, 404, 'unknown_sku'],
      [{ warehouse: empty, scope: { kind: 'all' } }, 409, 'invalid_scope'],
      [{ warehouse: empty, scope: { kind: 'sample', size: 3 } }, 409, 'invalid_scope'],
      [{ warehouse: wh, scope: { kind: 'list', skus: [A] } }, 409, 'count_overlap'],
      [{ warehouse: wh, scope: { kind: 'everything' } }, 400, 'invalid_request'],
      [{ warehouse: wh, scope: { kind: 'list', skus: [] } }, 400, 'invalid_request'],
      [{ warehouse: wh, scope: { kind: 'list', skus: [C, C] } }, 400, 'invalid_request'],
      [{ warehouse: wh, scope: { kind: 'sample', size: 0 } }, 400, 'invalid_request'],
      [{ warehouse: wh, scope: { kind: 'sample', size: 2, skus: [C] } }, 400, 'invalid_request'],
      [{ warehouse: wh, scope: { kind: 'all' }, extra: 1 }, 400, 'invalid_request'],
      [{ warehouse: wh }, 400, 'invalid_request'],
    ];
    for (const [body, status, code] of opens) {
      const r = await h.call('POST', '/v1/counts', body);
      expect([JSON.stringify(body), r.status, r.body.error?.code]).toEqual([
        JSON.stringify(body),
        status,
        code,
      ]);
    }
    const entries: [unknown, number, string][] = [
      [{ lines: [{ sku: A, counted: -1 }] }, 400, 'invalid_request'],
      [{ lines: [{ sku: A, counted: 1.5 }] }, 400, 'invalid_request'],
      [{ lines: [{ sku: A, counted: '3' }] }, 400, 'invalid_request'],
      [{ lines: [{ sku: A, counted: 3, countedAt: 'yesterday' }] }, 400, 'invalid_request'],
      [{ lines: [] }, 400, 'invalid_request'],
      [{ lines: [{ sku: A }] }, 400, 'invalid_request'],
      [
        {
          lines: [
            { sku: A, counted: 1 },
            { sku: A, counted: 2 },
          ],
        },
        400,
        'invalid_request',
      ],
      [{ lines: [{ sku: C, counted: 1 }] }, 409, 'sku_not_in_count'],
      [
        {
          lines: [
            { sku: A, counted: 1 },
            { sku: 'NO-SUCH-SKU', counted: 1 },
          ],
        },
        409,
        'sku_not_in_count',
      ],
    ];
    for (const [body, status, code] of entries) {
      const r = await h.call('POST', `/v1/counts/${id}/entries`, body);
      expect([JSON.stringify(body), r.status, r.body.error?.code]).toEqual([
        JSON.stringify(body),
        status,
        code,
      ]);
    }
    const notInCount = await enter(id, [{ sku: C, counted: 1 }]);
    expect(notInCount.body.error.details).toEqual({ countId: id, skus: [C] });

    for (const path of ['', '/entries', '/close', '/post', '/cancel']) {
      const method = path === '' ? 'GET' : 'POST';
      const body = path === '/entries' ? { lines: [{ sku: A, counted: 1 }] } : undefined;
      const r = await h.call(method, `/v1/counts/cnt_nope${path}`, body);
      expect([path, r.status, r.body.error.code]).toEqual([path, 404, 'unknown_count']);
    }
    expect((await post(id, { defaultReason: 'x' })).body.error).toMatchObject({
      code: 'invalid_state',
      details: { countId: id, status: 'open', allowed: ['closed'] },
    });
    expect((await close(id, { skipUncounted: true })).body.error.code).toBe('count_incomplete');
    expect((await close(id, { skip: true })).body.error.code).toBe('invalid_request');
    expect((await h.call('POST', `/v1/counts/${id}/cancel`, { reason: 'x' })).body.error.code).toBe(
      'invalid_request',
    );
    expect(await snapshot()).toEqual(before);

    // Once closed: no more entries, no second close; posting needs a reason for each variance.
    await ok(
      enter(id, [
        { sku: A, counted: 4 },
        { sku: B, counted: 1 },
      ]),
    );
    await ok(close(id));
    const closed = await snapshot();
    const afterClose: [Promise<Reply>, number, string][] = [
      [enter(id, [{ sku: A, counted: 5 }]), 409, 'invalid_state'],
      [close(id), 409, 'invalid_state'],
      [post(id), 400, 'reason_required'],
      [post(id, { reasons: [{ sku: A, reason: 'theft' }] }), 400, 'reason_required'],
      [post(id, { reasons: [{ sku: C, reason: 'x' }], defaultReason: 'x' }), 409, 'sku_not_in_count'],
      [post(id, { defaultReason: '' }), 400, 'invalid_request'],
      [post(id, { defaultReason: 'x', extra: 1 }), 400, 'invalid_request'],
    ];
    for (const [reply, status, code] of afterClose) {
      const r = await reply;
      expect([r.status, r.body.error?.code]).toEqual([status, code]);
    }
    const missing = await post(id);
    expect(missing.body.error.details).toEqual({ countId: id, skus: [A, B] });
    expect(await snapshot()).toEqual(closed);
  });

  it('lets one count at a time hold a SKU at a warehouse, also when opened at once', async () => {
    await receive([
      [A, 1],
      [B, 1],
      [C, 1],
    ]);
    await receive([[B, 1]], 'AMS');
    const first = await openList([A, B]);
    const overlap = await open({ kind: 'list', skus: [B, C] });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toMatchObject({
      code: 'count_overlap',
      details: { warehouse: wh, skus: [B], counts: [first] },
    });
    expect((await open({ kind: 'all' })).body.error.code).toBe('count_overlap');
    // Another warehouse's position is another count's business.
    expect((await open({ kind: 'list', skus: [B] }, undefined, 'AMS')).status).toBe(201);
    await ok(h.call('POST', `/v1/counts/${first}/cancel`));
    expect((await open({ kind: 'list', skus: [B, C] })).status).toBe(201);

    const racers = await Promise.all([0, 1, 2, 3].map(() => open({ kind: 'list', skus: [A, D] })));
    expect(racers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const r of racers.filter((r) => r.status === 409)) expect(r.body.error.code).toBe('count_overlap');
  });

  it('posts a count exactly once when two reviewers post at the same time', async () => {
    await receive([[A, 6]]);
    const id = await openList([A]);
    await ok(enter(id, [{ sku: A, counted: 4 }]));
    await ok(close(id));
    const replies = await Promise.all([0, 1, 2].map(() => post(id, { defaultReason: 'miscount' })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await countMovements(A)).toHaveLength(1);
    expect(await position(A)).toMatchObject({ onHand: 4 });
  });

  it('cancels an open or closed count without touching stock', async () => {
    await receive([
      [A, 3],
      [B, 3],
    ]);
    const openOne = await openList([A]);
    await ok(enter(openOne, [{ sku: A, counted: 1 }]));
    const before = await snapshot();
    const cancelled = await ok(h.call('POST', `/v1/counts/${openOne}/cancel`));
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: h.now().toISOString() });
    // Cancelled before it was closed: it stays blind.
    expect(cancelled.body.lines[0]).not.toHaveProperty('expected');
    expect((await h.call('POST', `/v1/counts/${openOne}/cancel`)).body.error.code).toBe('invalid_state');
    expect((await enter(openOne, [{ sku: A, counted: 2 }])).body.error.code).toBe('invalid_state');

    const closedOne = await openList([A, B]);
    await ok(
      enter(closedOne, [
        { sku: A, counted: 0 },
        { sku: B, counted: 3 },
      ]),
    );
    await ok(close(closedOne));
    const c = await ok(h.call('POST', `/v1/counts/${closedOne}/cancel`));
    expect(c.body).toMatchObject({ status: 'cancelled', closedAt: expect.any(String), accuracy: 0.5 });
    expect((await post(closedOne, { defaultReason: 'x' })).body.error.code).toBe('invalid_state');
    const after = await snapshot();
    expect(after.movements).toBe(before.movements);
    expect(after.positions).toEqual(before.positions);
  });

  it('answers a replayed Idempotency-Key with the first answer and changes nothing', async () => {
    await receive([[A, 9]]);
    const key = (k: string) => ({ 'idempotency-key': `${wh}-${k}` });
    const first = await open({ kind: 'list', skus: [A] }, key('open'));
    expect(first.status).toBe(201);
    h.advance(1000);
    expect(await open({ kind: 'list', skus: [A] }, key('open'))).toEqual(first);
    const reused = await open({ kind: 'list', skus: [B] }, key('open'));
    expect([reused.status, reused.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    expect((await h.call('GET', `/v1/counts?warehouse=${wh}`)).body.items).toHaveLength(1);

    const id = first.body.countId;
    const e1 = await enter(id, [{ sku: A, counted: 7 }], key('entries'));
    h.advance(1000);
    expect(await enter(id, [{ sku: A, counted: 7 }], key('entries'))).toEqual(e1);
    expect((await get(id)).lines[0].countedAt).toBe(e1.body.lines[0].countedAt);

    const c1 = await h.call('POST', `/v1/counts/${id}/close`, undefined, key('close'));
    expect(c1.status).toBe(200);
    expect(await h.call('POST', `/v1/counts/${id}/close`, undefined, key('close'))).toEqual(c1);

    // A refused attempt leaves no answer behind: the key can be used again.
    expect((await post(id, undefined, key('post'))).body.error.code).toBe('reason_required');
    const p1 = await post(id, { defaultReason: 'miscount' }, key('post'));
    expect(p1.status).toBe(200);
    expect(await post(id, { defaultReason: 'miscount' }, key('post'))).toEqual(p1);
    expect(await countMovements(A)).toHaveLength(1);
    expect(await position(A)).toMatchObject({ onHand: 7 });
  });

  it('honours operator warehouse access; an operator at the warehouse counts and posts', async () => {
    await receive([[A, 5]]);
    const keyFor = async (warehouses: string[]) =>
      (
        await ok(
          h.call('POST', '/v1/api-keys', { name: `op-${wh}-${warehouses}`, role: 'operator', warehouses }),
        )
      ).body.key as string;
    const elsewhere = await keyFor(['AMS']);
    const here = await keyFor([wh]);
    const shop = (await ok(h.call('POST', '/v1/api-keys', { name: `shop-${wh}`, role: 'storefront' }))).body
      .key as string;
    const as = (key: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
      h.call(method, path, body, { authorization: `Bearer ${key}` });

    expect(
      (await as(elsewhere, 'POST', '/v1/counts', { warehouse: wh, scope: { kind: 'all' } })).status,
    ).toBe(403);
    const id = (await ok(as(here, 'POST', '/v1/counts', { warehouse: wh, scope: { kind: 'all' } }))).body
      .countId as string;
    const before = await snapshot();
    for (const [path, body] of [
      ['/entries', { lines: [{ sku: A, counted: 4 }] }],
      ['/close', undefined],
      ['/post', { defaultReason: 'x' }],
      ['/cancel', undefined],
    ] as const) {
      const r = await as(elsewhere, 'POST', `/v1/counts/${id}${path}`, body);
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, 'forbidden']);
    }
    expect((await as(shop, 'GET', `/v1/counts/${id}`)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    // A count of another warehouse is not readable either (docs/access.md); its own is.
    expect((await as(elsewhere, 'GET', `/v1/counts/${id}`)).status).toBe(403);
    expect((await as(here, 'GET', `/v1/counts/${id}`)).status).toBe(200);

    await ok(as(here, 'POST', `/v1/counts/${id}/entries`, { lines: [{ sku: A, counted: 4 }] }));
    await ok(as(here, 'POST', `/v1/counts/${id}/close`));
    const posted = await ok(as(here, 'POST', `/v1/counts/${id}/post`, { defaultReason: 'miscount' }));
    expect(posted.body.postedBy).toBe(posted.body.createdBy);
    expect(await position(A)).toMatchObject({ onHand: 4 });
  });

  it('lists counts with filters and pages', async () => {
    await receive([
      [A, 1],
      [B, 1],
      [C, 1],
    ]);
    const ids: string[] = [];
    for (const sku of [A, B, C]) {
      ids.push(await openList([sku]));
      h.advance(1);
    }
    await ok(enter(ids[0]!, [{ sku: A, counted: 1 }]));
    await ok(close(ids[0]!));
    await ok(h.call('POST', `/v1/counts/${ids[1]}/cancel`));
    const byId = (items: { countId: string }[]) => items.map((i) => i.countId);
    const list = async (query: string) =>
      (await ok(h.call('GET', `/v1/counts?warehouse=${wh}${query}`))).body;
    expect(byId((await list('')).items)).toEqual(ids);
    expect(byId((await list('&status=open')).items)).toEqual([ids[2]]);
    expect((await list('&status=closed')).items).toEqual([
      expect.objectContaining({ countId: ids[0], linesCounted: 1, linesMatched: 1, accuracy: 1 }),
    ]);
    expect(byId((await list('&status=cancelled')).items)).toEqual([ids[1]]);
    const p1 = await list('&limit=2');
    expect(byId(p1.items)).toEqual(ids.slice(0, 2));
    const p2 = await list(`&limit=2&cursor=${p1.nextCursor}`);
    expect(byId(p2.items)).toEqual(ids.slice(2));
    expect(p2.nextCursor).toBeNull();
    expect((await h.call('GET', '/v1/counts?warehouse=NOPE')).body.error.code).toBe('unknown_warehouse');
    expect((await h.call('GET', '/v1/counts?status=done')).body.error.code).toBe('invalid_request');
    expect((await h.call('GET', '/v1/counts?cursor=bogus')).body.error.code).toBe('invalid_cursor');
  });

  it('describes every count route in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/openapi.json')).body;
    for (const path of [
      '/v1/counts',
      '/v1/counts/{id}',
      '/v1/counts/{id}/entries',
      '/v1/counts/{id}/close',
      '/v1/counts/{id}/post',
      '/v1/counts/{id}/cancel',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/counts'].post.requestBody).toBeDefined();
  });
});
