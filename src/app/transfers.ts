/**
 * Transfers between warehouses: plan (source transferReserved += q, guarded by S >= q), ship
 * in one go or in parts (the units leave the source and are counted on the transfer while in
 * transit), receive (good, damaged, and a shortfall booked as lost with a reason), cancel what
 * has not shipped. Every write locks the transfer row first and positions after it, all of a
 * step's moves in one `applyMovements` call, so positions are locked in (sku, warehouse) order.
 */
import type { Queryable, Transaction } from '../db/database.ts';
import { emitEvents } from '../db/events.ts';
import { applyMovements, GuardRefused } from '../db/stock.ts';
import { knownOrDamaged } from './stock.ts';
import { fail } from '../domain/errors.ts';
import { moves, type Move } from '../domain/movements.ts';
import {
  cancellationPlan,
  inTransitUnits,
  mergeReceiveLines,
  mergeTransferLines,
  openUnits,
  requireInTransit,
  requireNotClosed,
  requireTwoWarehouses,
  shipmentPlan,
  transferStatus,
  type ReceiveLineRequest,
  type TransferLineCounts,
  type TransferLineRequest,
  type TransferStatus,
} from '../domain/transfers.ts';
import { requireWarehouseAccess } from './access.ts';
import { failUnitsNotThere } from './shipping.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext, CommandOptions, Outcome } from './context.ts';
import { fingerprint, runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';

export interface PlanTransferInput {
  transferId?: string | undefined;
  from: string;
  to: string;
  lines: TransferLineRequest[];
  note?: string | undefined;
}

export interface TransferLineView extends TransferLineCounts {
  lossReason: string | null;
  /** Planned, not shipped and not cancelled: still held as transferReserved at the source. */
  open: number;
  /** Shipped and neither booked in nor lost: on the road, in no warehouse. */
  inTransit: number;
}

export interface TransferEvent {
  eventId: string;
  type: 'ship' | 'receive' | 'cancel';
  at: string;
  actor: string;
  lines: Record<string, unknown>[];
}

export interface TransferView {
  transferId: string;
  from: string;
  to: string;
  status: TransferStatus;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  lines: TransferLineView[];
  events: TransferEvent[];
}

interface TransferRow {
  transfer_id: string;
  from_warehouse: string;
  to_warehouse: string;
  status: TransferStatus;
  note: string | null;
  request_hash: string;
  planned_response: TransferView;
  events: TransferEvent[];
  created_at: Date;
  updated_at: Date;
}

interface LineRow extends TransferLineCounts {
  loss_reason: string | null;
}

function lineView(l: LineRow): TransferLineView {
  return {
    sku: l.sku,
    planned: l.planned,
    shipped: l.shipped,
    cancelled: l.cancelled,
    received: l.received,
    damaged: l.damaged,
    lost: l.lost,
    lossReason: l.loss_reason,
    open: openUnits(l),
    inTransit: inTransitUnits(l),
  };
}

async function linesOf(q: Queryable, transferId: string): Promise<LineRow[]> {
  const { rows } = await q.query<LineRow>(
    `select sku, planned, shipped, cancelled, received, damaged, lost, loss_reason
     from transfer_lines where transfer_id = $1 order by sku`,
    [transferId],
  );
  return rows;
}

function view(t: TransferRow, lines: LineRow[]): TransferView {
  return {
    transferId: t.transfer_id,
    from: t.from_warehouse,
    to: t.to_warehouse,
    status: t.status,
    note: t.note,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    lines: lines.map(lineView),
    events: t.events,
  };
}

async function readTransfer(q: Queryable, transferId: string): Promise<TransferView> {
  const { rows } = await q.query<TransferRow>('select * from transfers where transfer_id = $1', [transferId]);
  const t = rows[0];
  if (!t) fail('unknown_transfer', `no transfer ${transferId}`, { transferId });
  return view(t, await linesOf(q, transferId));
}

async function lockTransfer(tx: Transaction, transferId: string): Promise<TransferRow> {
  const { rows } = await tx.query<TransferRow>('select * from transfers where transfer_id = $1 for update', [
    transferId,
  ]);
  if (!rows[0]) fail('unknown_transfer', `no transfer ${transferId}`, { transferId });
  return rows[0];
}

export async function getTransfer(ctx: AppContext, transferId: string): Promise<TransferView> {
  return readTransfer(ctx.db, transferId);
}

export async function planTransfer(
  ctx: AppContext,
  input: PlanTransferInput,
  opts: CommandOptions,
): Promise<Outcome<TransferView>> {
  requireTwoWarehouses(input.from, input.to);
  requireWarehouseAccess(opts.actor, [input.from]);
  const lines = mergeTransferLines(input.lines);
  await requireKnown(
    ctx.db,
    lines.map((l) => l.sku),
    [input.from, input.to],
  );
  const requestHash = fingerprint({ from: input.from, to: input.to, lines, note: input.note });
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['transfer', input] },
    async (tx) => {
      const now = ctx.clock();
      const transferId = input.transferId ?? ctx.newId('trf');
      const planned: TransferView = {
        transferId,
        from: input.from,
        to: input.to,
        status: 'planned',
        note: input.note ?? null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        lines: lines.map((l) =>
          lineView({
            sku: l.sku,
            planned: l.qty,
            shipped: 0,
            cancelled: 0,
            received: 0,
            damaged: 0,
            lost: 0,
            loss_reason: null,
          }),
        ),
        events: [],
      };
      // The transfer row first (a twin with the same id waits here), the positions after it.
      const inserted = await tx.query(
        `insert into transfers (transfer_id, from_warehouse, to_warehouse, status, note, request_hash,
                              planned_response, created_at, updated_at)
       values ($1, $2, $3, 'planned', $4, $5, $6, $7, $7)
       on conflict (transfer_id) do nothing returning transfer_id`,
        [transferId, input.from, input.to, input.note ?? null, requestHash, JSON.stringify(planned), now],
      );
      if (inserted.rows.length === 0) {
        const existing = await lockTransfer(tx, transferId);
        if (existing.request_hash !== requestHash) {
          fail('idempotency_key_reused', `transfer ${transferId} already exists with a different request`, {
            transferId,
          });
        }
        return { created: false, body: existing.planned_response };
      }
      await tx.query(
        `insert into transfer_lines (transfer_id, sku, planned)
       select $1, t.sku, t.qty from unnest($2::text[], $3::bigint[]) as t(sku, qty)`,
        [transferId, lines.map((l) => l.sku), lines.map((l) => l.qty)],
      );
      try {
        await applyMovements(
          tx,
          lines.map((l) => moves.planTransfer({ sku: l.sku, warehouse: input.from }, l.qty)),
          { at: now, reason: 'transfer planned', reference: transferId, actor: opts.actor.id },
        );
      } catch (err) {
        if (!(err instanceof GuardRefused)) throw err;
        fail('insufficient_stock', `not enough sellable stock at ${input.from} for every line`, {
          lines: err.refused.map((r) => ({
            sku: r.sku,
            warehouse: r.warehouse,
            requested: r.requested,
            sellable: r.sellable,
          })),
        });
      }
      await emitEvents(tx, now, [
        {
          type: 'transfer.planned',
          stream: `transfer:${transferId}`,
          data: { transferId, from: input.from, to: input.to, lines },
        },
      ]);
      return { created: true, body: planned };
    },
  );
}

async function finish(
  tx: Transaction,
  t: TransferRow,
  event: TransferEvent | null,
  now: Date,
): Promise<TransferView> {
  const lines = await linesOf(tx, t.transfer_id);
  const status = transferStatus(lines);
  await tx.query(
    `update transfers set status = $2, updated_at = $3, events = events || $4::jsonb where transfer_id = $1`,
    [t.transfer_id, status, now, JSON.stringify(event ? [event] : [])],
  );
  if (event) {
    const type = (
      { ship: 'transfer.shipped', receive: 'transfer.received', cancel: 'transfer.cancelled' } as const
    )[event.type];
    await emitEvents(tx, now, [
      {
        type,
        stream: `transfer:${t.transfer_id}`,
        data: { transferId: t.transfer_id, from: t.from_warehouse, to: t.to_warehouse, status, ...event },
      },
    ]);
  }
  return readTransfer(tx, t.transfer_id);
}

export async function shipTransfer(
  ctx: AppContext,
  transferId: string,
  requested: TransferLineRequest[] | undefined,
  opts: CommandOptions,
): Promise<Outcome<TransferView>> {
  return runCommand(
    ctx,
    {
      actor: opts.actor,
      idempotencyKey: opts.idempotencyKey,
      request: ['transfer-ship', transferId, requested ?? null],
    },
    async (tx) => {
      const now = ctx.clock();
      const t = await lockTransfer(tx, transferId);
      requireWarehouseAccess(opts.actor, [t.from_warehouse]);
      requireNotClosed(transferId, t.status, 'ship');
      const plan = shipmentPlan({ transferId, status: t.status }, await linesOf(tx, transferId), requested);
      const eventId = ctx.newId('tsh');
      try {
        await applyMovements(
          tx,
          plan.map((p) => moves.shipTransfer({ sku: p.sku, warehouse: t.from_warehouse }, p.qty)),
          { at: now, reason: 'transfer shipped', reference: transferId, actor: opts.actor.id },
        );
      } catch (err) {
        if (!(err instanceof GuardRefused)) throw err;
        failUnitsNotThere(err);
      }
      await tx.query(
        `update transfer_lines l set shipped = l.shipped + t.qty
         from unnest($2::text[], $3::bigint[]) as t(sku, qty)
         where l.transfer_id = $1 and l.sku = t.sku`,
        [transferId, plan.map((p) => p.sku), plan.map((p) => p.qty)],
      );
      const event: TransferEvent = {
        eventId,
        type: 'ship',
        at: now.toISOString(),
        actor: opts.actor.id,
        lines: plan.map((p) => ({ ...p })),
      };
      return { created: true, body: await finish(tx, t, event, now) };
    },
  );
}

export async function receiveTransfer(
  ctx: AppContext,
  transferId: string,
  requested: ReceiveLineRequest[],
  opts: CommandOptions,
): Promise<Outcome<TransferView>> {
  const lines = mergeReceiveLines(requested);
  return runCommand(
    ctx,
    {
      actor: opts.actor,
      idempotencyKey: opts.idempotencyKey,
      request: ['transfer-receive', transferId, requested],
    },
    async (tx) => {
      const now = ctx.clock();
      const t = await lockTransfer(tx, transferId);
      requireWarehouseAccess(opts.actor, [t.to_warehouse]);
      requireNotClosed(transferId, t.status, 'receive');
      requireInTransit(transferId, await linesOf(tx, transferId), lines);
      const eventId = ctx.newId('trc');
      const arriving: Move[] = lines
        .filter((l) => l.received + l.damaged > 0)
        .map((l) => moves.receiveTransfer({ sku: l.sku, warehouse: t.to_warehouse }, l.received, l.damaged));
      await applyMovements(tx, arriving, {
        at: now,
        reason: 'transfer received',
        reference: transferId,
        actor: opts.actor.id,
      });
      await tx.query(
        `update transfer_lines l set received = l.received + t.received, damaged = l.damaged + t.damaged,
           lost = l.lost + t.lost, loss_reason = coalesce(t.reason, l.loss_reason)
         from unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[])
           as t(sku, received, damaged, lost, reason)
         where l.transfer_id = $1 and l.sku = t.sku`,
        [
          transferId,
          lines.map((l) => l.sku),
          lines.map((l) => l.received),
          lines.map((l) => l.damaged),
          lines.map((l) => l.lost),
          lines.map((l) => (l.lost > 0 ? (l.lossReason ?? null) : null)),
        ],
      );
      const event: TransferEvent = {
        eventId,
        type: 'receive',
        at: now.toISOString(),
        actor: opts.actor.id,
        lines: lines.map((l) => ({ ...l })),
      };
      return { created: true, body: await finish(tx, t, event, now) };
    },
  );
}

export async function cancelTransfer(
  ctx: AppContext,
  transferId: string,
  opts: CommandOptions,
): Promise<Outcome<TransferView>> {
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['transfer-cancel', transferId] },
    async (tx) => {
      const now = ctx.clock();
      const t = await lockTransfer(tx, transferId);
      requireWarehouseAccess(opts.actor, [t.from_warehouse]);
      // Cancelling twice is a no-op: the first cancellation already released everything.
      if (t.status === 'cancelled') return { created: false, body: await readTransfer(tx, transferId) };
      const rest = cancellationPlan({ transferId, status: t.status }, await linesOf(tx, transferId));
      await applyMovements(
        tx,
        rest.map((r) => moves.cancelTransfer({ sku: r.sku, warehouse: t.from_warehouse }, r.qty)),
        { at: now, reason: 'transfer cancelled', reference: transferId, actor: opts.actor.id },
      );
      await tx.query(`update transfer_lines set cancelled = planned - shipped where transfer_id = $1`, [
        transferId,
      ]);
      const event: TransferEvent = {
        eventId: ctx.newId('tcn'),
        type: 'cancel',
        at: now.toISOString(),
        actor: opts.actor.id,
        lines: rest.map((r) => ({ ...r })),
      };
      return { created: false, body: await finish(tx, t, event, now) };
    },
  );
}

export type TransferSummary = Omit<TransferView, 'events'>;

export async function listTransfers(
  ctx: AppContext,
  filter: {
    status?: TransferStatus | undefined;
    from?: string | undefined;
    to?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<TransferSummary>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, ['time', 'text']) : undefined;
  const { rows } = await ctx.db.query<TransferRow>(
    `select * from transfers
     where ($1::text is null or status = $1) and ($2::text is null or from_warehouse = $2)
       and ($3::text is null or to_warehouse = $3)
       and ($4::timestamptz is null or (created_at, transfer_id) > ($4::timestamptz, $5::text))
     order by created_at, transfer_id limit $6`,
    [
      filter.status ?? null,
      filter.from ?? null,
      filter.to ?? null,
      after ? String(after[0]) : null,
      after ? String(after[1]) : null,
      filter.limit + 1,
    ],
  );
  const page = rows.slice(0, filter.limit);
  const { rows: lineRows } = await ctx.db.query<LineRow & { transfer_id: string }>(
    `select transfer_id, sku, planned, shipped, cancelled, received, damaged, lost, loss_reason
     from transfer_lines where transfer_id = any($1::text[]) order by transfer_id, sku`,
    [page.map((t) => t.transfer_id)],
  );
  const items = page.map((t) => {
    const { events: _events, ...summary } = view(
      t,
      lineRows.filter((l) => l.transfer_id === t.transfer_id),
    );
    return summary;
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      rows.length > filter.limit && last
        ? encodeCursor([last.created_at.toISOString(), last.transfer_id])
        : null,
  };
}

export interface InTransitItem {
  sku: string;
  transferId: string;
  from: string;
  to: string;
  status: TransferStatus;
  inTransit: number;
}

/** Units on the road, per SKU and transfer, ordered by SKU then transfer. */
export async function listInTransit(
  ctx: AppContext,
  filter: { sku?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<InTransitItem>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, ['text', 'text']) : undefined;
  const { rows } = await ctx.db.query<InTransitItem>(
    `select l.sku, l.transfer_id as "transferId", t.from_warehouse as "from", t.to_warehouse as "to",
       t.status, l.shipped - l.received - l.damaged - l.lost as "inTransit"
     from transfer_lines l join transfers t using (transfer_id)
     where l.shipped > l.received + l.damaged + l.lost
       and ($1::text is null or l.sku = $1)
       and ($2::text is null or (l.sku, l.transfer_id) > ($2::text, $3::text))
     order by l.sku, l.transfer_id limit $4`,
    [filter.sku ?? null, after ? String(after[0]) : null, after ? String(after[1]) : null, filter.limit + 1],
  );
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.sku, last.transferId]) : null,
  };
}

export interface SystemTotals {
  sku: string;
  /** Set when `sku` is a damaged code: the figures are this SKU's damaged units. */
  damagedOf?: string;
  /** The sum of onHand over every warehouse. */
  onHand: number;
  /** Units shipped on transfers and not yet booked in or lost. */
  inTransit: number;
  onHandPlusInTransit: number;
  /** Units lost on transfers, ever. */
  lostInTransit: number;
}

/** One SKU across the whole system, read in one statement so the sums are consistent. */
export async function systemTotals(ctx: AppContext, sku: string): Promise<SystemTotals> {
  const damaged = await knownOrDamaged(ctx.db, sku);
  if (damaged) {
    // A damaged code (351038U) counts its base SKU's damaged units; none are in transit as
    // such (a transfer carries sellable units, and any found damaged are booked on receipt).
    const { rows } = await ctx.db.query<{ damaged: number }>(
      `select coalesce(sum(damaged), 0)::int as damaged from stock_positions where sku = $1`,
      [damaged.base],
    );
    const onHand = rows[0]!.damaged;
    return {
      sku,
      damagedOf: damaged.base,
      onHand,
      inTransit: 0,
      onHandPlusInTransit: onHand,
      lostInTransit: 0,
    };
  }
  const { rows } = await ctx.db.query<{ onHand: number; inTransit: number; lost: number }>(
    `select
       (select coalesce(sum(on_hand), 0) from stock_positions where sku = $1) as "onHand",
       (select coalesce(sum(shipped - received - damaged - lost), 0) from transfer_lines
        where sku = $1 and shipped > received + damaged + lost) as "inTransit",
       (select coalesce(sum(lost), 0) from transfer_lines where sku = $1) as lost`,
    [sku],
  );
  const r = rows[0]!;
  return {
    sku,
    onHand: r.onHand,
    inTransit: r.inTransit,
    onHandPlusInTransit: r.onHand + r.inTransit,
    lostInTransit: r.lost,
  };
}
