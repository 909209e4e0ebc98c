/** Goods in, adjustments, and reading stock positions and the ledger. */
import type { Queryable } from '../db/database.ts';
import {
  applyMovements,
  GuardRefused,
  incomingOf,
  listMovements as selectMovements,
  listPositions,
  positionsOfSku,
  positionsOfSkuAsOf,
  positionsOfSkus,
  quantitiesOf,
  type MovementRow,
  type PositionRow,
} from '../db/stock.ts';
import { DomainError, fail } from '../domain/errors.ts';
import { moves } from '../domain/movements.ts';
import { addQuantities, sellable, ZERO, type Quantities } from '../domain/quantities.ts';
import { requireKnown } from './catalog.ts';
import { asDamagedLines, damagedCodesOf, explainUnknownBase } from './damaged-suffix.ts';
import type { DamagedCode } from '../domain/damaged-suffix.ts';
import type { Actor, AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { readableWarehouses, requireWarehouseAccess } from './access.ts';
import { receiveIntoZone, unitsByZone, type ZoneUnitsView } from './zones.ts';

// Zones show positions too, and stock shows zones: the view lives in a leaf module both import.
import { positionView, type PositionView } from './position-view.ts';
export { positionView, type PositionView };
export type StockView = {
  sku: string;
  /** Set when `sku` is a damaged code: the positions are this SKU's damaged units. */
  damagedOf?: string;
  asOf?: string;
  /** `incoming` is current only: as of a past time it is left out. */
  positions: (PositionView & { incoming?: number; zones?: ZoneUnitsView[] })[];
  totals: Quantities & { sellable: number; incoming?: number };
};

function stockView(sku: string, rows: PositionRow[]): StockView {
  const totals = rows.map(quantitiesOf).reduce(addQuantities, { ...ZERO });
  return { sku, positions: rows.map(positionView), totals: { ...totals, sellable: sellable(totals) } };
}

/**
 * A SKU's positions, only those at the actor's warehouses for a limited operator (totals too).
 * A damaged code (351038U, under the shop's suffix rule) reads the base SKU's damaged units.
 */
export async function getStock(ctx: AppContext, sku: string, actor: Actor, asOf?: Date): Promise<StockView> {
  const damaged = await knownOrDamaged(ctx.db, sku);
  if (damaged) return damagedView(sku, damaged.base, await getStock(ctx, damaged.base, actor, asOf));
  const readable = readableWarehouses(actor);
  const mine = (rows: PositionRow[]) =>
    readable ? rows.filter((r) => readable.includes(r.warehouse)) : rows;
  if (asOf) {
    const view = stockView(sku, mine(await positionsOfSkuAsOf(ctx.db, sku, asOf)));
    const zones = await unitsByZone(ctx.db, sku, view.positions, asOf);
    const positions = view.positions.map((p) => ({ ...p, zones: zones.get(p.warehouse) ?? [] }));
    return { ...view, positions, asOf: asOf.toISOString() };
  }
  const [rows, incoming] = await Promise.all([positionsOfSku(ctx.db, sku), incomingOf(ctx.db, [sku])]);
  const view = stockView(sku, mine(rows));
  const zones = await unitsByZone(ctx.db, sku, view.positions);
  const positions = view.positions.map((p) => ({
    ...p,
    incoming: incoming.get(`${sku}@${p.warehouse}`) ?? 0,
    zones: zones.get(p.warehouse) ?? [],
  }));
  const totalIncoming = positions.reduce((sum, p) => sum + p.incoming, 0);
  return { ...view, positions, totals: { ...view.totals, incoming: totalIncoming } };
}

/** Null for a known SKU; the damaged code `sku` names; else unknown_sku (naming the base if so). */
export async function knownOrDamaged(q: Queryable, sku: string): Promise<DamagedCode | null> {
  try {
    await requireKnown(q, [sku], []);
    return null;
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'unknown_sku') throw err;
    const [damaged] = await damagedCodesOf(q, [sku]);
    if (!damaged) throw err;
    await explainUnknownBase([damaged], () => requireKnown(q, [damaged.base], []));
    return damaged;
  }
}

/**
 * The base SKU's damaged units as the positions of the damaged code: onHand and damaged are the
 * damaged units, everything else 0, so S = I - O - U - L - T + V = 0 holds as everywhere.
 */
function damagedView(code: string, base: string, of: StockView): StockView {
  const only = (damaged: number) => ({ ...ZERO, onHand: damaged, damaged, sellable: 0 });
  const positions = of.positions
    .filter((p) => p.damaged > 0)
    .map((p) => ({
      warehouse: p.warehouse,
      ...only(p.damaged),
      ...(p.incoming !== undefined && { incoming: 0 }),
    }));
  const totals = { ...only(of.totals.damaged), ...(of.totals.incoming !== undefined && { incoming: 0 }) };
  return { sku: code, damagedOf: base, ...(of.asOf && { asOf: of.asOf }), positions, totals };
}

export async function listStock(
  ctx: AppContext,
  filter: { warehouse?: string | undefined; cursor?: string | undefined; limit: number },
  actor: Actor,
): Promise<Page<PositionView & { sku: string; incoming: number }>> {
  const warehouses = readableWarehouses(actor, filter.warehouse);
  if (filter.warehouse) await requireKnown(ctx.db, [], [filter.warehouse]);
  const after = filter.cursor ? decodeCursor(filter.cursor, ['text', 'text']) : undefined;
  const rows = await listPositions(ctx.db, {
    warehouse: filter.warehouse,
    warehouses,
    after,
    limit: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const incoming = await incomingOf(ctx.db, [...new Set(page.map((r) => r.sku))]);
  const items = page.map((r) => ({
    sku: r.sku,
    ...positionView(r),
    incoming: incoming.get(`${r.sku}@${r.warehouse}`) ?? 0,
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.sku, last.warehouse]) : null,
  };
}

export type MovementView = Omit<MovementRow, 'at'> & { at: string };

export async function listMovements(
  ctx: AppContext,
  filter: {
    sku?: string | undefined;
    warehouse?: string | undefined;
    orderId?: string | undefined;
    since?: Date | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
): Promise<Page<MovementView>> {
  const warehouses = readableWarehouses(actor, filter.warehouse);
  const afterId = filter.cursor ? decodeCursor(filter.cursor, ['int'])[0] : undefined;
  // A damaged code (351038U under the shop's suffix rule) reads the movements that changed its
  // base SKU's damaged units: the ledger of the damaged units, as its stock read answers them.
  const [damaged] = filter.sku ? await damagedCodesOf(ctx.db, [filter.sku]) : [];
  const rows = await selectMovements(ctx.db, {
    ...filter,
    ...(damaged && { sku: damaged.base, damagedOnly: true }),
    warehouses,
    afterId,
    limit: filter.limit + 1,
  });
  const items = rows.slice(0, filter.limit).map((m) => ({ ...m, at: m.at.toISOString() }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.id]) : null };
}

export interface ReceiptInput {
  warehouse: string;
  reference?: string | undefined;
  lines: {
    sku: string;
    qty: number;
    inspect?: boolean | undefined;
    /** Goods that were sold as virtual stock: V -= q as I += q, so S is unchanged. */
    againstVirtual?: boolean | undefined;
    /** A zone of the warehouse (docs/zones.md): the units land there. */
    zone?: string | undefined;
  }[];
}

export interface ReceiptView {
  receiptId: string;
  warehouse: string;
  reference: string | null;
  lines: ReceiptLine[];
  receivedAt: string;
  positions: (PositionView & { sku: string })[];
}

async function positionsAt(q: Queryable, skus: string[], warehouse: string) {
  const rows = await positionsOfSkus(q, skus);
  return rows.filter((r) => r.warehouse === warehouse).map((r) => ({ sku: r.sku, ...positionView(r) }));
}

export async function receiveGoods(
  ctx: AppContext,
  input: ReceiptInput,
  opts: CommandOptions,
): Promise<Outcome<ReceiptView>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  const named = receiptLines(input.lines);
  const damaged = await damagedCodesOf(
    ctx.db,
    named.map((l) => l.sku),
  );
  const lines = damagedReceiptLines(named, damaged);
  await explainUnknownBase(damaged, () =>
    requireKnown(
      ctx.db,
      lines.map((l) => l.sku),
      [input.warehouse],
    ),
  );
  return runCommand(ctx, { ...opts, request: ['receipt', input] }, async (tx) => {
    const booked = await bookReceipt(ctx, tx, {
      warehouse: input.warehouse,
      reference: input.reference ?? null,
      lines,
      reason: 'received',
      actor: opts.actor,
    });
    return {
      created: true,
      body: {
        receiptId: booked.receiptId,
        warehouse: input.warehouse,
        reference: input.reference ?? null,
        lines,
        receivedAt: booked.at.toISOString(),
        positions: booked.positions,
      },
    };
  });
}

export interface ReceiptLine {
  sku: string;
  qty: number;
  inspect: boolean;
  againstVirtual: boolean;
  /** Named under a damaged code (`code`): the units are booked damaged on `sku`, the base. */
  damaged?: boolean;
  code?: string;
  zone?: string;
}

/**
 * Lines naming damaged codes book damaged units of the base SKU. Such units are neither for
 * inspection nor goods sold as virtual stock: those lines are refused.
 */
function damagedReceiptLines(lines: ReceiptLine[], codes: DamagedCode[]): ReceiptLine[] {
  const out = asDamagedLines(lines, codes);
  const mixed = out.flatMap((l, i) => (l.damaged && (l.inspect || l.againstVirtual || l.zone) ? [i] : []));
  if (mixed.length > 0) {
    fail(
      'invalid_request',
      'a line of damaged units is neither for inspection, nor against virtual stock, nor into a zone',
      {
        issues: mixed.map((i) => ({
          in: 'body',
          path: `/lines/${i}`,
          message: `${out[i]!.code} names damaged units`,
        })),
      },
    );
  }
  return out;
}

/** Receipt lines with their flags spelled out; a line is inspected or against virtual, not both. */
export function receiptLines(lines: ReceiptInput['lines']): ReceiptLine[] {
  const out = lines.map((l) => ({
    sku: l.sku,
    qty: l.qty,
    inspect: l.inspect ?? false,
    againstVirtual: l.againstVirtual ?? false,
    ...(l.zone ? { zone: l.zone } : {}),
  }));
  const both = out.flatMap((l, i) => (l.inspect && l.againstVirtual ? [i] : []));
  if (both.length > 0) {
    fail('invalid_request', 'a receipt line is either for inspection or against virtual stock, not both', {
      issues: both.map((i) => ({ in: 'body', path: `/lines/${i}`, message: 'inspect and againstVirtual' })),
    });
  }
  return out;
}

/**
 * Books goods in, inside the caller's transaction: the movements (to qcPending when inspected,
 * against virtual stock when asked) and the receipt record. A receipt of a purchase order
 * goes through here too, so both keep one ledger shape.
 */
export async function bookReceipt(
  ctx: AppContext,
  tx: Queryable,
  receipt: {
    warehouse: string;
    reference: string | null;
    lines: ReceiptLine[];
    reason: string;
    actor: Actor;
  },
): Promise<{ receiptId: string; at: Date; positions: (PositionView & { sku: string })[] }> {
  const at = ctx.clock();
  const receiptId = ctx.newId('rcp');
  const meta = {
    at,
    reason: receipt.reason,
    reference: receipt.reference ?? receiptId,
    actor: receipt.actor.id,
  };
  const moveOf = (l: ReceiptLine) => {
    const position = { sku: l.sku, warehouse: receipt.warehouse };
    if (l.damaged) return moves.receiveDamaged(position, l.qty);
    return l.againstVirtual
      ? moves.receiveAgainstVirtual(position, l.qty)
      : moves.receive(position, l.qty, l.inspect);
  };
  try {
    if (receipt.lines.some((l) => l.zone)) {
      // A line into a zone is its own movement (its zone row names it); all lines go one by
      // one in SKU order, the order in which every writer locks positions.
      const ordered = [...receipt.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
      for (const l of ordered) {
        if (l.zone) await receiveIntoZone(tx, { ...l, zone: l.zone, warehouse: receipt.warehouse }, meta);
        else await applyMovements(tx, [moveOf(l)], meta);
      }
    } else {
      await applyMovements(tx, receipt.lines.map(moveOf), meta);
    }
  } catch (err) {
    if (!(err instanceof GuardRefused)) throw err;
    fail('insufficient_virtual', 'a line received against virtual stock is more than the virtual stock', {
      lines: err.refused.map((r) => ({ sku: r.sku, warehouse: r.warehouse, requested: r.requested })),
    });
  }
  await tx.query(
    'insert into receipts (id, warehouse, reference, lines, created_at) values ($1, $2, $3, $4, $5)',
    [receiptId, receipt.warehouse, receipt.reference, JSON.stringify(receipt.lines), at],
  );
  const skus = [...new Set(receipt.lines.map((l) => l.sku))];
  return { receiptId, at, positions: await positionsAt(tx, skus, receipt.warehouse) };
}

export interface AdjustmentInput {
  warehouse: string;
  sku: string;
  delta: number;
  reason: string;
}

export async function adjustStock(
  ctx: AppContext,
  input: AdjustmentInput,
  opts: CommandOptions,
): Promise<Outcome<AdjustmentInput & { adjustmentId: string; at: string; position: PositionView }>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['adjustment', input] },
    async (tx) => {
      const at = ctx.clock();
      const adjustmentId = ctx.newId('adj');
      try {
        await applyMovements(tx, [moves.adjust(input, input.delta)], {
          at,
          reason: input.reason,
          reference: adjustmentId,
          actor: opts.actor.id,
        });
      } catch (err) {
        if (!(err instanceof GuardRefused)) throw err;
        fail(
          'insufficient_on_hand',
          'the adjustment would take onHand below zero or below the units held as damaged, in inspection, locked or promised to transfers',
          { sku: input.sku, warehouse: input.warehouse, delta: input.delta },
        );
      }
      const [position] = await positionsAt(tx, [input.sku], input.warehouse);
      const { sku: _sku, ...view } = position!;
      return { created: true, body: { adjustmentId, ...input, at: at.toISOString(), position: view } };
    },
  );
}
