/** Runs one generated command against the HTTP API and the reference model, and compares them. */
import {
  NO_SUCH_COUNT,
  NO_SUCH_LOCK,
  NO_SUCH_ORDER,
  NO_SUCH_TRANSFER,
  SKUS,
  WAREHOUSES,
  type Command,
  type LockPick,
  type OrderPick,
  type TransferPick,
} from './generator.ts';
import { expect } from 'vitest';
import { releaseDueLocks } from '../../../src/app/locks.ts';
import { expireDueOrders } from '../../../src/app/orders.ts';
import { DAMAGE_REASONS } from '../../../src/app/unsellable.ts';
import { type Harness, type Reply } from '../../helpers/harness.ts';
import {
  ReferenceModel,
  sellableOf,
  transferInTransit,
  transferOpen,
  type CountScope,
  type Expected,
  type ModelCount,
  type ModelLine,
  type ModelLock,
  type ModelOrder,
  type ModelTransfer,
  type Placement,
  type PositionState,
} from '../../helpers/reference-model.ts';

// Running a command against both sides.

export const outcomeOf = (r: Reply): string => (r.status < 300 ? 'ok' : String(r.body?.error?.code));
export const expectedOutcome = (e: Expected<unknown>): string => (e.ok ? 'ok' : e.code);
export const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const sortPlacements = (ps: readonly Placement[]) =>
  ps
    .map((p) => ({ sku: p.sku, warehouse: p.warehouse, qty: p.qty }))
    .sort((a, b) => byCode(a.sku, b.sku) || byCode(a.warehouse, b.warehouse));
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const isOpen = (o: ModelOrder) => ['reserved', 'confirmed', 'partially_shipped'].includes(o.status);
export const heldOf = (p: PositionState) => p.damaged + p.qcPending + p.locked + p.transferReserved;
/** The fields of `value` named in `keys`: to compare answers on what the model can know. */
export const only = (value: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]]));

/** An order of the model, or an id no order has (which the service must not know either). */
export function pickOrder(model: ReferenceModel, pick: OrderPick): ModelOrder | undefined {
  const all = model.orderList();
  const preferred =
    pick.from === 'open'
      ? all.filter(isOpen)
      : pick.from === 'released'
        ? all.filter((o) => o.status === 'released')
        : pick.from === 'unbacked'
          ? all.filter(
              (o) => isOpen(o) && o.allocations.some((a) => sellableGap(model, a.sku, a.warehouse) > 0),
            )
          : pick.from === 'shipped'
            ? all.filter((o) => o.allocations.some((a) => a.shipped > a.returned))
            : pick.from === 'recent'
              ? all.slice(-3)
              : all;
  return pickFrom(preferred.length > 0 ? preferred : all, pick.index);
}

/** Units reserved at a position beyond its physically free units (resting on virtual stock). */
export function sellableGap(model: ReferenceModel, sku: string, warehouse: string): number {
  const p = model.view(sku, warehouse);
  return p.reserved - (p.onHand - p.damaged - p.qcPending - p.locked - p.transferReserved);
}

export const pickFrom = <T>(items: readonly T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[index % items.length];

export function pickPosition(
  model: ReferenceModel,
  index: number | undefined,
  wanted: (p: PositionState) => boolean,
): PositionState | undefined {
  return index === undefined ? undefined : pickFrom(model.snapshot().filter(wanted), index);
}

export function pickLock(model: ReferenceModel, pick: LockPick): ModelLock | undefined {
  const all = model.locks;
  const preferred =
    pick.from === 'active' || pick.from === 'released'
      ? all.filter((l) => l.locked > 0 === (pick.from === 'active'))
      : pick.from === 'recent'
        ? all.slice(-3)
        : all;
  return pickFrom(preferred.length > 0 ? preferred : all, pick.index);
}

export function pickTransfer(model: ReferenceModel, pick: TransferPick): ModelTransfer | undefined {
  const all = model.transferList();
  const preferred =
    pick.from === 'open'
      ? all.filter((t) => t.lines.some((l) => transferOpen(l) > 0))
      : pick.from === 'transit'
        ? all.filter((t) => t.lines.some((l) => transferInTransit(l) > 0))
        : pick.from === 'closed' || pick.from === 'cancelled'
          ? all.filter((t) => t.status === 'cancelled' || (pick.from === 'closed' && t.status === 'received'))
          : pick.from === 'recent'
            ? all.slice(-3)
            : all;
  return pickFrom(preferred.length > 0 ? preferred : all, pick.index);
}

/** A lock as GET /v1/locks/{id} and the lock answers show it. */
export function lockView(l: ModelLock) {
  return {
    lockId: l.lockId,
    sku: l.sku,
    warehouse: l.warehouse,
    reason: l.reason,
    qty: l.qty,
    locked: l.locked,
    released: l.qty - l.locked,
    active: l.releasedAt === null,
    until: iso(l.until),
    createdAt: iso(l.createdAt),
    releasedAt: iso(l.releasedAt),
    waves: l.waves.map((w) => ({ ...w, at: iso(w.at), releasedAt: iso(w.releasedAt) })),
  };
}

export function transferLines(t: ModelTransfer) {
  return t.lines.map((l) => ({ ...l, open: transferOpen(l), inTransit: transferInTransit(l) }));
}

export const COUNT_FIELDS = [
  'countId',
  'warehouse',
  'status',
  'linesTotal',
  'linesCounted',
  'linesMatched',
  'linesWithVariance',
  'netVariance',
  'accuracy',
] as const;
export const COUNT_LINE_FIELDS = ['sku', 'counted', 'countedAt', 'expected', 'variance', 'reason'] as const;

/** A count as its answers show it: blind (no expected, variance or reason) until closed. */
export function countView(c: ModelCount) {
  const f = c.figures;
  return {
    countId: c.countId,
    warehouse: c.warehouse,
    status: c.status,
    linesTotal: c.lines.length,
    linesCounted: f?.linesCounted ?? c.lines.filter((l) => l.counted !== null).length,
    linesMatched: f?.linesMatched ?? null,
    linesWithVariance: f?.linesWithVariance ?? null,
    netVariance: f?.netVariance ?? null,
    accuracy: f?.accuracy ?? null,
    lines: c.lines.map((l) => ({
      sku: l.sku,
      counted: l.counted,
      countedAt: iso(l.countedAt),
      ...(f === null
        ? {}
        : {
            expected: l.expected,
            variance: l.counted === null ? null : l.counted - l.expected!,
            reason: l.reason,
          }),
    })),
  };
}

export const countAnswer = (body: Record<string, unknown>) => ({
  ...only(body, COUNT_FIELDS),
  lines: (body.lines as Record<string, unknown>[]).map((l) => only(l, COUNT_LINE_FIELDS)),
});

export interface RunState {
  nextOrderId: () => string;
  nextTransferId: () => string;
  nextCountSeed: () => string;
  /** Counts whose posting was refused: the next step cancels them. */
  refusedPosts: Set<ModelCount>;
}

export async function runCommand(
  h: Harness,
  model: ReferenceModel,
  cmd: Command,
  state: RunState,
  label: string,
  seen: Map<string, number>,
  nested = false,
): Promise<void> {
  const note = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
  const oversoldBefore = model.oversold.length;
  /**
   * Compares outcomes (and the refusal details the model states), notes `name:outcome`, and
   * says whether both succeeded with the expected HTTP status.
   */
  const same = (
    actual: Reply,
    expected: Expected<unknown>,
    name: string,
    status: number,
    variant = '',
  ): boolean => {
    expect(outcomeOf(actual), `${label}: outcome (${JSON.stringify(actual.body)})`).toBe(
      expectedOutcome(expected),
    );
    if (!expected.ok && expected.details) {
      expect(actual.body.error.details, `${label}: refusal details`).toEqual(expected.details);
    }
    note(`${name}:${outcomeOf(actual)}${variant}`);
    // An unknown count, whichever step asked for it.
    if (outcomeOf(actual) === 'unknown_count') note('count:unknown_count');
    if (!expected.ok) return false;
    expect(actual.status, `${label}: status`).toBe(status);
    return true;
  };

  await runOne();
  if (!nested) for (const o of model.oversold.slice(oversoldBefore)) note(`oversold:${o.movementType}`);

  async function runOne(): Promise<void> {
    switch (cmd.kind) {
      case 'receive': {
        const lines = cmd.lines.map((l) => ({ ...l, againstVirtual: false }));
        const expected = model.receive({ warehouse: cmd.warehouse, lines });
        const actual = await h.call('POST', '/v1/receipts', { warehouse: cmd.warehouse, lines: cmd.lines });
        const name = cmd.lines.some((l) => l.inspect) ? 'receive(inspect)' : 'receive';
        if (same(actual, expected, name, 201) && expected.ok) {
          expect(actual.body.positions, `${label}: positions`).toEqual(expected.value.positions);
        }
        return;
      }
      case 'receiveVirtual': {
        const found = pickPosition(model, cmd.at, (p) => p.virtual > 0);
        const at = found ?? cmd;
        const qty = !found ? cmd.qty : cmd.over ? found.virtual + cmd.qty : Math.min(cmd.qty, found.virtual);
        const lines = [
          { sku: at.sku, qty, inspect: false, againstVirtual: true },
          ...(cmd.plain ? [{ ...cmd.plain, inspect: false, againstVirtual: false }] : []),
        ];
        const expected = model.receive({ warehouse: at.warehouse, lines });
        const actual = await h.call('POST', '/v1/receipts', { warehouse: at.warehouse, lines });
        if (same(actual, expected, 'receive(virtual)', 201) && expected.ok) {
          expect(actual.body.positions, `${label}: positions`).toEqual(expected.value.positions);
        }
        return;
      }
      case 'order': {
        const orderId = state.nextOrderId();
        const supplied = pickPosition(model, cmd.onVirtual, (p) => p.virtual > 0);
        const [first, ...others] = cmd.lines;
        const lines = supplied
          ? [
              {
                sku: supplied.sku,
                warehouse: supplied.warehouse,
                qty:
                  Math.max(0, sellableOf(supplied) - supplied.virtual) +
                  Math.min(first!.qty, supplied.virtual),
              },
              ...others,
            ]
          : cmd.lines;
        const fence = cmd.onFence === undefined ? undefined : pickFrom(model.fences, cmd.onFence);
        if (fence) {
          lines[0] = {
            sku: fence.sku,
            warehouse: first!.warehouse === undefined ? undefined : fence.warehouse,
            qty: Math.min(first!.qty, fence.locked),
          };
        }
        const channel = fence?.channel ?? cmd.channel;
        const input = { orderId, lines, expiresInSeconds: cmd.expiresInSeconds, channel };
        const expected = model.placeOrder(input);
        const actual = await h.call('POST', '/v1/orders', input);
        const named = lines.filter((l) => l.warehouse).length;
        const variant = named === lines.length ? '(named)' : named === 0 ? '(unnamed)' : '(mixed)';
        if (channel !== undefined) {
          note(`order:${expectedOutcome(expected) === 'unknown_channel' ? 'unknown_channel' : 'channel'}`);
        }
        if (same(actual, expected, `order${variant}`, 201) && expected.ok) {
          const skus = expected.value.allocations.map((a) => a.sku);
          if (named === 0 && new Set(skus).size < skus.length) note('order:split');
          if (input.expiresInSeconds !== undefined) note('order:expiring');
          if (expected.value.ringFenced > 0) note('order:ring-fence');
          // Reserved beyond what is physically free there: resting on virtual stock.
          if (expected.value.allocations.some((a) => sellableGap(model, a.sku, a.warehouse) > 0)) {
            note('order:on-virtual');
          }
          expect(sortPlacements(actual.body.allocations), `${label}: allocations`).toEqual(
            expected.value.allocations,
          );
          expect(actual.body.expiresAt, `${label}: expiresAt`).toBe(iso(expected.value.expiresAt));
        }
        return;
      }
      case 'channel': {
        const sells = (w: string) => cmd.warehouses === null || cmd.warehouses.includes(w);
        // Unless sent raw, only ring-fences the service can take: at the channel's warehouses,
        // each position once.
        const stocked = pickPosition(model, cmd.at, (p) => sellableOf(p) > 0 && sells(p.warehouse));
        const asked =
          cmd.ringFenced && cmd.ringFenced.length > 0 && stocked
            ? [
                {
                  sku: stocked.sku,
                  warehouse: stocked.warehouse,
                  qty: Math.min(cmd.ringFenced[0]!.qty, sellableOf(stocked)),
                },
                ...cmd.ringFenced.slice(1),
              ]
            : cmd.ringFenced;
        const ringFenced =
          asked === undefined || cmd.raw
            ? asked
            : [
                ...new Map(
                  asked.filter((f) => sells(f.warehouse)).map((f) => [`${f.sku} ${f.warehouse}`, f]),
                ).values(),
              ];
        const settings = {
          warehouses: cmd.warehouses,
          bufferUnits: cmd.bufferUnits,
          bufferPercent: cmd.bufferPercent,
          cap: cmd.cap,
        };
        const expected = model.putChannel(cmd.code, { ...settings, ringFenced });
        const actual = await h.call('PUT', `/v1/channels/${cmd.code}`, {
          name: `channel ${cmd.code}`,
          ...settings,
          ...(ringFenced === undefined ? {} : { ringFenced }),
        });
        const status = expected.ok && expected.value.created ? 201 : 200;
        if (same(actual, expected, 'channel', status) && expected.ok) {
          if (expected.value.ringFenced.length > 0) note('channel:ok(fenced)');
          expect(sortPlacements(actual.body.ringFenced), `${label}: ring-fences`).toEqual(
            sortPlacements(expected.value.ringFenced),
          );
        }
        return;
      }
      case 'replay': {
        const order = pickOrder(model, cmd.order);
        if (!order) return;
        const lines: ModelLine[] = order.lines.map((l, i) =>
          cmd.lines === 'more' && i === 0 ? { ...l, qty: l.qty + 1 } : { ...l },
        );
        if (cmd.lines === 'reordered') lines.reverse();
        const input = {
          orderId: order.orderId,
          lines,
          expiresInSeconds: order.expiresInSeconds,
          channel: order.channel,
        };
        const expected = model.placeOrder(input);
        const actual = await h.call('POST', '/v1/orders', input);
        // A replay answers the first answer, with 200.
        if (same(actual, expected, 'replay', 200) && expected.ok) {
          expect(sortPlacements(actual.body.allocations), `${label}: replayed allocations`).toEqual(
            expected.value.allocations,
          );
          expect(actual.body.expiresAt, `${label}: replayed expiresAt`).toBe(iso(expected.value.expiresAt));
        }
        return;
      }
      case 'confirm':
      case 'cancel': {
        const orderId = pickOrder(model, cmd.order)?.orderId ?? NO_SUCH_ORDER;
        const expected = cmd.kind === 'confirm' ? model.confirm(orderId) : model.cancel(orderId);
        const actual = await h.call('POST', `/v1/orders/${orderId}/${cmd.kind}`);
        if (same(actual, expected, cmd.kind, 200) && expected.ok) {
          expect(actual.body.status, `${label}: status`).toBe(expected.value.status);
        }
        return;
      }
      case 'ship': {
        const order = pickOrder(model, cmd.order);
        const orderId = order?.orderId ?? NO_SUCH_ORDER;
        const allocations = order?.allocations ?? [];
        // Picked for units resting where they are not all physically there: a part shipment asks
        // for all that is open at those positions.
        const unbacked = allocations.filter(
          (a) => a.qty > a.shipped + a.released && sellableGap(model, a.sku, a.warehouse) > 0,
        );
        const lines =
          cmd.order.from === 'unbacked' && cmd.lines && unbacked.length > 0
            ? unbacked.map((a) => ({
                sku: a.sku,
                qty: a.qty - a.shipped - a.released,
                warehouse: a.warehouse,
              }))
            : cmd.lines?.map((spec): ModelLine => {
                const a = allocations[spec.allocation % Math.max(1, allocations.length)];
                return {
                  sku: spec.sku ?? a?.sku ?? SKUS[0],
                  qty: spec.qty,
                  warehouse: spec.named ? a?.warehouse : undefined,
                };
              });
        const expected = model.ship(orderId, lines);
        const actual = await h.call('POST', `/v1/orders/${orderId}/shipments`, lines ? { lines } : undefined);
        // Units that are not physically there: invalid_state with details, named apart from a
        // shipment refused for the order's status.
        const notThere = !expected.ok && expected.details !== undefined ? '(not-there)' : '';
        const name = `ship${lines ? '(part)' : '(rest)'}`;
        if (same(actual, expected, name, 201, notThere) && expected.ok) {
          expect(actual.body.status, `${label}: status after shipping`).toBe(expected.value.status);
          expect(sortPlacements(actual.body.lines), `${label}: shipped lines`).toEqual(expected.value.lines);
        }
        return;
      }
      case 'return': {
        const order = cmd.order ? pickOrder(model, cmd.order) : undefined;
        const orderId = cmd.order ? (order?.orderId ?? NO_SUCH_ORDER) : undefined;
        const allocations = order?.allocations ?? [];
        const lines = cmd.lines.map((spec) => ({
          sku:
            spec.sku ??
            allocations[spec.allocation % Math.max(1, allocations.length)]?.sku ??
            SKUS[spec.allocation % SKUS.length]!,
          qty: spec.qty,
          condition: spec.condition,
        }));
        const input = { orderId, warehouse: cmd.warehouse, lines };
        const expected = model.recordReturn(input);
        const actual = await h.call('POST', '/v1/returns', input);
        same(actual, expected, orderId === undefined ? 'return' : 'return(order)', 201);
        return;
      }
      case 'adjust': {
        const at = pickPosition(model, cmd.reservedAt, (p) => p.reserved > 0);
        const input = at
          ? {
              warehouse: at.warehouse,
              sku: at.sku,
              delta: -Math.abs(cmd.delta),
              reason: 'damaged in storage',
            }
          : { warehouse: cmd.warehouse, sku: cmd.sku, delta: cmd.delta, reason: 'stock count' };
        const expected = model.adjust(input);
        const actual = await h.call('POST', '/v1/adjustments', input);
        if (same(actual, expected, input.delta > 0 ? 'adjust(in)' : 'adjust(out)', 201) && expected.ok) {
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'damage': {
        const at =
          pickPosition(model, cmd.at, (p) => p.onHand > heldOf(p) && p.reserved > 0) ??
          pickPosition(model, cmd.at, (p) => p.onHand > heldOf(p)) ??
          cmd;
        const reason = DAMAGE_REASONS[cmd.qty % DAMAGE_REASONS.length]!;
        const input = { warehouse: at.warehouse, sku: at.sku, qty: cmd.qty, reason };
        const expected = model.damage(input);
        const actual = await h.call('POST', '/v1/damage', input);
        if (same(actual, expected, 'damage', 201) && expected.ok) {
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'repair':
      case 'writeOff': {
        const at = pickPosition(model, cmd.at, (p) => p.damaged > 0) ?? cmd;
        const input = { warehouse: at.warehouse, sku: at.sku, qty: cmd.qty };
        const expected =
          cmd.kind === 'repair' ? model.repair(input) : model.writeOff({ ...input, reason: 'disposed of' });
        const actual =
          cmd.kind === 'repair'
            ? await h.call('POST', '/v1/repairs', input)
            : await h.call('POST', '/v1/write-offs', { ...input, reason: 'disposed of' });
        if (same(actual, expected, cmd.kind === 'repair' ? 'repair' : 'write-off', 201) && expected.ok) {
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'inspect': {
        const at = pickPosition(model, cmd.at, (p) => p.qcPending > 0);
        const warehouse = at?.warehouse ?? cmd.warehouse;
        const lines = cmd.lines.map((l, i) => ({
          sku: l.sku ?? at?.sku ?? SKUS[i % SKUS.length]!,
          passed: l.passed + l.failed === 0 ? 1 : l.passed,
          failed: l.failed,
        }));
        const expected = model.inspect({ warehouse, lines });
        const actual = await h.call('POST', '/v1/inspections', { warehouse, lines });
        if (same(actual, expected, 'inspect', 201) && expected.ok) {
          expect(actual.body.positions, `${label}: positions`).toEqual(expected.value.positions);
        }
        return;
      }
      case 'virtual': {
        const at =
          pickPosition(model, cmd.at, (p) => p.virtual > 0 && sellableGap(model, p.sku, p.warehouse) > 0) ??
          pickPosition(model, cmd.at, (p) => p.virtual > 0);
        const where = at ?? cmd;
        const before = model.view(where.sku, where.warehouse).virtual;
        // Where there is capacity, a cut (to nothing, or by some): under reservations resting on
        // it, S goes negative.
        const virtual = at ? (cmd.virtual % 2 === 0 ? 0 : Math.min(cmd.virtual, before - 1)) : cmd.virtual;
        const input = { sku: where.sku, warehouse: where.warehouse, virtual };
        const expected = model.setVirtual(input);
        const actual = await h.call('PUT', `/v1/virtual/${input.sku}/${input.warehouse}`, {
          virtual: input.virtual,
        });
        const change = input.virtual > before ? '(up)' : input.virtual < before ? '(down)' : '(same)';
        if (same(actual, expected, `virtual${change}`, 200) && expected.ok) {
          expect(actual.body.virtual, `${label}: virtual`).toBe(expected.value.virtual);
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'lock': {
        const onVirtual = cmd.onVirtual
          ? pickPosition(model, cmd.at, (p) => p.virtual > 0 && sellableOf(p) > p.onHand - heldOf(p))
          : undefined;
        const at = onVirtual ?? pickPosition(model, cmd.at, (p) => sellableOf(p) > 0) ?? cmd;
        // On virtual stock: one unit more than is physically free, though no more than is sellable.
        const qty = onVirtual ? Math.max(0, onVirtual.onHand - heldOf(onVirtual)) + 1 : cmd.qty;
        const now = model.clock;
        const until = cmd.untilIn === undefined ? undefined : now + cmd.untilIn * 1000;
        let t = now;
        const waves = cmd.waves?.map((w) => ({ at: (t += w.gap * 1000), qty: w.qty }));
        const input = { warehouse: at.warehouse, sku: at.sku, qty, reason: 'promotion' };
        const expected = model.lock({ ...input, until, waves });
        const actual = await h.call('POST', '/v1/locks', {
          ...input,
          ...(until === undefined ? {} : { until: iso(until) }),
          ...(waves ? { waves: waves.map((w) => ({ at: iso(w.at), qty: w.qty })) } : {}),
        });
        // Refused although S >= q: the units are sellable only on virtual stock, not physically free.
        const notFree = !expected.ok && Number(expected.details?.sellable) >= qty ? '(not-free)' : '';
        if (same(actual, expected, 'lock', 201, notFree) && expected.ok) {
          const lock = expected.value.lock;
          lock.lockId = actual.body.lockId;
          if (waves) note('lock:ok(waves)');
          if (until !== undefined) note('lock:ok(until)');
          const { position, ...view } = actual.body;
          expect(view, `${label}: lock`).toEqual(lockView(lock));
          expect(position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'unlock': {
        const lock = pickLock(model, cmd.lock);
        const expected = model.unlock(lock, cmd.qty);
        const actual = await h.call(
          'POST',
          `/v1/locks/${lock?.lockId ?? NO_SUCH_LOCK}/unlock`,
          cmd.qty === undefined ? undefined : { qty: cmd.qty },
        );
        const name = lock ? `unlock${cmd.qty === undefined ? '(all)' : '(part)'}` : 'unlock';
        if (same(actual, expected, name, 200) && expected.ok) {
          const { position, unlocked, ...view } = actual.body;
          expect(unlocked, `${label}: unlocked`).toBe(expected.value.unlocked);
          expect(view, `${label}: lock`).toEqual(lockView(expected.value.lock));
          expect(position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'plan': {
        const [first, ...others] = cmd.lines;
        const sellableAt = (warehouse: string) => sellableOf(model.view(first!.sku, warehouse));
        const free = (warehouse: string) => {
          const p = model.view(first!.sku, warehouse);
          return p.onHand - p.damaged - p.qcPending - p.locked - p.transferReserved;
        };
        const onVirtual = WAREHOUSES.find(
          (w) => model.view(first!.sku, w).virtual > 0 && sellableAt(w) > free(w),
        );
        const from =
          cmd.source === 'best'
            ? [...WAREHOUSES].sort((a, b) => sellableAt(b) - sellableAt(a) || byCode(a, b))[0]!
            : cmd.source === 'virtual' && onVirtual
              ? onVirtual
              : cmd.from;
        // From virtual stock: one unit more than is physically free, though no more than is sellable.
        const lines =
          cmd.source === 'virtual' && onVirtual
            ? [{ sku: first!.sku, qty: Math.max(0, free(onVirtual)) + 1 }, ...others]
            : cmd.lines;
        const i = WAREHOUSES.indexOf(from as (typeof WAREHOUSES)[number]);
        const step = { next: 1, previous: WAREHOUSES.length - 1, same: 0 }[cmd.to];
        const to = WAREHOUSES[(i + step) % WAREHOUSES.length]!;
        const input = { transferId: state.nextTransferId(), from, to, lines };
        const expected = model.planTransfer(input);
        const actual = await h.call('POST', '/v1/transfers', input);
        const refused =
          (!expected.ok && (expected.details?.lines as { requested: number; sellable: number }[])) || [];
        const notFree = refused.some((l) => l.sellable >= l.requested) ? '(not-free)' : '';
        if (same(actual, expected, 'plan', 201, notFree) && expected.ok) {
          expect(actual.body.status, `${label}: status`).toBe('planned');
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'replan': {
        const t = pickTransfer(model, cmd.transfer);
        if (!t) return;
        const lines = t.lines.map((l, i) => ({
          sku: l.sku,
          qty: l.planned + (cmd.lines === 'more' && i === 0 ? 1 : 0),
        }));
        if (cmd.lines === 'reordered') lines.reverse();
        const input = { transferId: t.transferId, from: t.from, to: t.to, lines };
        const expected = model.planTransfer(input);
        const actual = await h.call('POST', '/v1/transfers', input);
        // A replay answers the transfer as it was planned, with 200.
        if (same(actual, expected, 'plan(replay)', 200)) {
          expect(actual.body.status, `${label}: status as planned`).toBe('planned');
          expect(
            actual.body.lines.map((l: { sku: string; planned: number; open: number }) => [
              l.sku,
              l.planned,
              l.open,
            ]),
            `${label}: lines as planned`,
          ).toEqual(t.lines.map((l) => [l.sku, l.planned, l.planned]));
        }
        return;
      }
      case 'transferNext': {
        const open = model.transferList().filter((t) => t.lines.some((l) => transferOpen(l) > 0));
        const onTheRoad = model.transferList().filter((t) => t.lines.some((l) => transferInTransit(l) > 0));
        const ship: Command = {
          kind: 'transferShip',
          transfer: { index: cmd.index, from: 'open' },
          lines: cmd.part,
        };
        const receive: Command = {
          kind: 'transferReceive',
          transfer: { index: cmd.index, from: 'transit' },
          exact: true,
          lines: [{ line: cmd.index, received: 0, ...cmd.arrival }],
        };
        // Ship first, or book in first (by the index's parity), whichever has something to do.
        const order = cmd.index % 2 === 0 ? [ship, receive] : [receive, ship];
        const next =
          order.find((c) => (c.kind === 'transferShip' ? open.length > 0 : onTheRoad.length > 0)) ?? cmd.plan;
        return runCommand(h, model, next, state, label, seen, true);
      }
      case 'transferShip': {
        const t = pickTransfer(model, cmd.transfer);
        const lines = cmd.lines?.map((spec) => {
          const carried = t?.lines ?? [];
          const foreign = SKUS.filter((s) => !carried.some((l) => l.sku === s));
          const sku =
            spec.foreign && foreign.length > 0
              ? foreign[spec.line % foreign.length]!
              : (carried[spec.line % Math.max(1, carried.length)]?.sku ?? SKUS[0]);
          return { sku, qty: spec.qty };
        });
        const transferId = t?.transferId ?? NO_SUCH_TRANSFER;
        const expected = model.shipTransfer(transferId, lines);
        const actual = await h.call(
          'POST',
          `/v1/transfers/${transferId}/ship`,
          lines ? { lines } : undefined,
        );
        const name = `transfer-ship${lines ? '(part)' : '(rest)'}`;
        const notThere = !expected.ok && expected.details !== undefined ? '(not-there)' : '';
        if (same(actual, expected, name, 201, notThere) && expected.ok) {
          expect(actual.body.status, `${label}: status`).toBe(expected.value.transfer.status);
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'transferReceive': {
        const t = pickTransfer(model, cmd.transfer);
        const specs = cmd.exact
          ? cmd.lines.filter(
              (spec, i) =>
                cmd.lines.findIndex(
                  (x) =>
                    x.line % Math.max(1, t?.lines.length ?? 1) ===
                    spec.line % Math.max(1, t?.lines.length ?? 1),
                ) === i,
            )
          : cmd.lines;
        const lines = specs.map((spec) => {
          const line = t?.lines[spec.line % Math.max(1, t.lines.length)];
          const sku = line?.sku ?? SKUS[spec.line % SKUS.length]!;
          let { received, damaged, lost } = spec;
          const inTransit = line ? transferInTransit(line) : 0;
          if (cmd.exact && inTransit > 0) {
            damaged = Math.min(damaged, inTransit);
            lost = Math.min(lost, inTransit - damaged);
            received = inTransit - damaged - lost;
          }
          if (received + damaged + lost === 0) received = 1;
          return {
            sku,
            received,
            ...(damaged > 0 ? { damaged } : {}),
            ...(lost > 0 ? { lost, lossReason: 'missing on arrival' } : {}),
          };
        });
        const transferId = t?.transferId ?? NO_SUCH_TRANSFER;
        const expected = model.receiveTransfer(
          transferId,
          lines.map((l) => ({ damaged: 0, lost: 0, ...l })),
        );
        const actual = await h.call('POST', `/v1/transfers/${transferId}/receive`, { lines });
        if (same(actual, expected, 'transfer-receive', 201) && expected.ok) {
          if (lines.some((l) => l.damaged)) note('transfer-receive:ok(damaged)');
          if (lines.some((l) => l.lost)) note('transfer-receive:ok(lost)');
          if (expected.value.transfer.status === 'received') note('transfer:received');
          expect(actual.body.status, `${label}: status`).toBe(expected.value.transfer.status);
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'transferCancel': {
        const t = pickTransfer(model, cmd.transfer);
        const again = t?.status === 'cancelled';
        const transferId = t?.transferId ?? NO_SUCH_TRANSFER;
        const expected = model.cancelTransfer(transferId);
        const actual = await h.call('POST', `/v1/transfers/${transferId}/cancel`);
        if (
          same(actual, expected, again ? 'transfer-cancel(again)' : 'transfer-cancel', 200) &&
          expected.ok
        ) {
          expect(actual.body.status, `${label}: status`).toBe(expected.value.transfer.status);
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'count': {
        let stage = cmd.stage;
        const active = model.counts.filter((c) => c.status === 'open' || c.status === 'closed').at(-1);
        // Closing early: the latest count in progress; the other stages: any of the run's counts.
        let count =
          stage === 'close'
            ? (active ?? pickFrom(model.counts, cmd.index))
            : pickFrom(model.counts, cmd.index);
        if (stage === 'next') {
          count = active;
          stage = !count
            ? 'open'
            : count.status === 'open'
              ? count.lines.some((l) => l.counted === null)
                ? 'entries'
                : 'close'
              : state.refusedPosts.has(count)
                ? 'cancel'
                : 'post';
        }
        switch (stage) {
          case 'open':
            return countOpen(cmd.open);
          case 'entries':
            return countEntries(count, cmd.entries);
          case 'close':
            return countClose(count, cmd.skipUncounted);
          case 'post':
            return countPost(count, cmd.reasons);
          default:
            return countCancel(count);
        }
      }
      case 'expire': {
        h.advance(cmd.ms);
        model.advance(cmd.ms);
        if (cmd.sweep) {
          const expected = model.expireDue();
          expect(expected.length, `${label}: at most one batch is due`).toBeLessThanOrEqual(100);
          const expired = await expireDueOrders(h.ctx);
          expect([...expired].sort(byCode), `${label}: expired orders`).toEqual(expected);
          note(expired.length > 0 ? 'expire:released' : 'expire:none');
        }
        if (cmd.release) {
          // The lock release pass, as every server process's background loop runs it.
          const expected = model.releaseDueLocks();
          const { releases } = await releaseDueLocks(h.ctx);
          expect(releases, `${label}: lock releases`).toEqual(expected);
          for (const r of releases) note(r.reason === 'lock expired' ? 'release:until' : 'release:wave');
        }
        return;
      }
    }
  }

  async function countOpen(spec: Extract<Command, { kind: 'count' }>['open']): Promise<void> {
    const at = pickPosition(model, spec.at, (p) => (spec.focus === 'reserved' ? p.reserved : heldOf(p)) > 0);
    const warehouse = at?.warehouse ?? spec.warehouse;
    // Where orders hold reservations, that SKU alone: a shortfall found there can oversell.
    const skus = !at
      ? spec.skus
      : spec.focus === 'reserved'
        ? [at.sku]
        : spec.skus.includes(at.sku)
          ? spec.skus
          : [at.sku, ...spec.skus.slice(1)];
    const scope: CountScope =
      spec.scope === 'list'
        ? { kind: 'list', skus }
        : spec.scope === 'all'
          ? { kind: 'all' }
          : { kind: 'sample', size: spec.size, seed: state.nextCountSeed() };
    const expected = model.openCount(warehouse, scope);
    const actual = await h.call('POST', '/v1/counts', { warehouse, scope });
    if (same(actual, expected, 'count-open', 201) && expected.ok) {
      expected.value.count.countId = actual.body.countId;
      if (scope.kind === 'sample') note('count-open:ok(sample)');
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }

  async function countEntries(
    count: ModelCount | undefined,
    spec: Extract<Command, { kind: 'count' }>['entries'],
  ): Promise<void> {
    const countedAt =
      count && spec.late !== undefined
        ? count.createdAt + Math.floor((model.clock - count.createdAt) * spec.late)
        : undefined;
    const lines: { sku: string; counted: number; countedAt?: string }[] = [];
    const uncounted = count?.lines.filter((l) => l.counted === null).length ?? 0;
    // Every line not counted yet; or, when all are (or for a few lines), a recount of some.
    const specs =
      spec.every && uncounted > 0
        ? [
            ...count!.lines.flatMap((l, i) =>
              l.counted === null ? [{ ...spec.lines[i % spec.lines.length]!, line: i, foreign: false }] : [],
            ),
            ...spec.lines.filter((l) => l.foreign),
          ]
        : spec.lines;
    for (const s of specs) {
      const held = count?.lines ?? [];
      const outside = SKUS.filter((sku) => !held.some((l) => l.sku === sku));
      const sku =
        s.foreign && outside.length > 0
          ? outside[s.line % outside.length]!
          : (held[s.line % Math.max(1, held.length)]?.sku ?? SKUS[s.line % SKUS.length]!);
      if (lines.some((l) => l.sku === sku)) continue;
      // What a counter would find: the books' quantity then, give or take a few.
      const warehouse = count?.warehouse ?? 'AMS';
      const books = model.onHandAt(sku, warehouse, countedAt ?? model.clock);
      const p = model.view(sku, warehouse);
      // -100: one unit more missing than is sellable, but not below the held units (which a
      // posting could not take), so that the posting oversells where reservations exceed V.
      const counted =
        s.delta === -100
          ? Math.max(
              books - Math.max(0, p.sellable) - 1,
              p.damaged + p.qcPending + p.locked + p.transferReserved,
            )
          : books + s.delta;
      lines.push({
        sku,
        counted: Math.max(0, counted),
        ...(countedAt === undefined ? {} : { countedAt: iso(countedAt)! }),
      });
    }
    const expected = model.recordCount(
      count,
      lines.map((l) => ({ sku: l.sku, counted: l.counted, countedAt })),
    );
    const actual = await h.call('POST', `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/entries`, { lines });
    if (same(actual, expected, 'count-entries', 200) && expected.ok) {
      if (countedAt !== undefined) note('count-entries:ok(late)');
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }

  async function countClose(count: ModelCount | undefined, skipUncounted: boolean): Promise<void> {
    const expected = model.closeCount(count, skipUncounted);
    const actual = await h.call(
      'POST',
      `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/close`,
      skipUncounted ? { skipUncounted: true } : undefined,
    );
    if (same(actual, expected, 'count-close', 200) && expected.ok) {
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }

  async function countPost(
    count: ModelCount | undefined,
    reasons: 'default' | 'per-sku' | 'none',
  ): Promise<void> {
    const varying = (count?.lines ?? []).filter((l) => l.counted !== null && l.counted !== l.expected);
    const body =
      reasons === 'default'
        ? { defaultReason: 'unrecorded breakage' }
        : reasons === 'per-sku'
          ? { reasons: varying.map((l, i) => ({ sku: l.sku, reason: i % 2 ? 'theft' : 'miscount' })) }
          : {};
    const expected = model.postCount(count, body.reasons ?? [], body.defaultReason);
    const actual = await h.call('POST', `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/post`, body);
    if (count && !expected.ok && expected.code === 'insufficient_on_hand') state.refusedPosts.add(count);
    if (same(actual, expected, 'count-post', 200) && expected.ok) {
      if (varying.length > 0) note('count-post:ok(variance)');
      const { positions, ...view } = actual.body;
      expect(countAnswer(view), `${label}: count`).toEqual(countView(expected.value.count));
      expect(positions, `${label}: positions`).toEqual(expected.value.positions);
    }
  }

  async function countCancel(count: ModelCount | undefined): Promise<void> {
    const expected = model.cancelCount(count);
    const actual = await h.call('POST', `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/cancel`);
    if (same(actual, expected, 'count-cancel', 200) && expected.ok) {
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }
}
