/**
 * Unsellable stock: marking units damaged, repairing them, writing them off, inspecting units
 * in qcPending, and the export of damaged units under a suffixed SKU code.
 */
import type { Queryable } from '../db/database.ts';
import {
  applyMovements,
  GuardRefused,
  positionsOfSkus,
  QUANTITY_COLUMNS,
  type PositionRow,
} from '../db/stock.ts';
import { fail } from '../domain/errors.ts';
import { moves, type Move } from '../domain/movements.ts';
import { heldOnHand, ZERO, type Quantities } from '../domain/quantities.ts';
import { requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext, CommandOptions, Outcome } from './context.ts';
import { csvLine } from './csv.ts';
import { runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { positionView, type PositionView } from './stock.ts';

export const DAMAGE_REASONS = [
  'broken',
  'wrong_label',
  'model_mixup',
  'packaging',
  'expired',
  'other',
] as const;
export type DamageReason = (typeof DAMAGE_REASONS)[number];

/** Reads the positions of `skus` at `warehouse` under row locks, in (sku) order as every writer locks. */
async function lockPositions(
  q: Queryable,
  warehouse: string,
  skus: string[],
): Promise<Map<string, Quantities>> {
  const { rows } = await q.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions
     where warehouse = $1 and sku = any($2::text[]) order by sku for update`,
    [warehouse, skus],
  );
  return new Map(rows.map((r) => [r.sku, r]));
}

async function positionAt(q: Queryable, sku: string, warehouse: string): Promise<PositionView> {
  const row = (await positionsOfSkus(q, [sku])).find((r) => r.warehouse === warehouse);
  return row ? positionView(row) : { warehouse, ...ZERO, sellable: 0 };
}

/** Applies one move; a guard refusal (a race past the pre-check) becomes `code`. */
async function applyOne(
  q: Queryable,
  move: Move,
  meta: { at: Date; reason: string; reference: string; actor: string },
  refusal: () => never,
): Promise<void> {
  try {
    await applyMovements(q, [move], meta);
  } catch (err) {
    if (err instanceof GuardRefused) refusal();
    throw err;
  }
}

const withNote = (base: string, note: string | undefined) => (note ? `${base}: ${note}` : base);

export interface DamageInput {
  warehouse: string;
  sku: string;
  qty: number;
  reason: DamageReason;
  note?: string | undefined;
}

/**
 * A command on one position: lock it, refuse with a reason the client can act on if the move
 * does not fit, apply the move (whose SQL guard stays the last word), answer the position.
 */
async function onePositionCommand<
  I extends { warehouse: string; sku: string; qty: number },
  K extends string,
>(
  ctx: AppContext,
  input: I,
  opts: CommandOptions,
  spec: {
    kind: string;
    idPrefix: string;
    idField: K;
    move: Move;
    reason: string;
    refuses: (before: Quantities) => boolean;
    refuse: (before: Quantities) => never;
  },
): Promise<Outcome<Record<K, string> & I & { at: string; position: PositionView }>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(ctx, { ...opts, request: [spec.kind, input] }, async (tx) => {
    const at = ctx.clock();
    const id = ctx.newId(spec.idPrefix);
    const before = (await lockPositions(tx, input.warehouse, [input.sku])).get(input.sku) ?? ZERO;
    if (spec.refuses(before)) spec.refuse(before);
    await applyOne(tx, spec.move, { at, reason: spec.reason, reference: id, actor: opts.actor.id }, () =>
      spec.refuse(before),
    );
    const position = await positionAt(tx, input.sku, input.warehouse);
    const body = { [spec.idField]: id, ...input, at: at.toISOString(), position };
    return { created: true, body: body as Record<K, string> & I & { at: string; position: PositionView } };
  });
}

/** Damage found: damaged += q. Booked even if S goes negative; the held units must fit in onHand. */
export function markDamaged(ctx: AppContext, input: DamageInput, opts: CommandOptions) {
  return onePositionCommand(ctx, input, opts, {
    kind: 'damage',
    idPrefix: 'dmg',
    idField: 'damageId',
    move: moves.markDamaged(input, input.qty),
    reason: withNote(input.reason, input.note),
    refuses: (before) => heldOnHand(before) + input.qty > before.onHand,
    refuse: (before) =>
      fail(
        'insufficient_on_hand',
        'more units would be damaged, in inspection, locked or in transfers than are on hand',
        {
          sku: input.sku,
          warehouse: input.warehouse,
          requested: input.qty,
          onHand: before.onHand,
          held: heldOnHand(before),
        },
      ),
  });
}

export interface RepairInput {
  warehouse: string;
  sku: string;
  qty: number;
  note?: string | undefined;
}

/** Damaged units repaired: damaged -= q, so they are sellable again. */
export function repairDamaged(ctx: AppContext, input: RepairInput, opts: CommandOptions) {
  return onePositionCommand(ctx, input, opts, {
    kind: 'repair',
    idPrefix: 'rpr',
    idField: 'repairId',
    move: moves.repair(input, input.qty),
    reason: withNote('repaired', input.note),
    refuses: (before) => input.qty > before.damaged,
    refuse: (before) => failDamagedShort('fewer units are damaged than the repair asks for', input, before),
  });
}

export interface WriteOffInput {
  warehouse: string;
  sku: string;
  qty: number;
  reason: string;
}

/** Damaged units disposed of: damaged -= q and onHand -= q; S does not change. */
export function writeOffDamaged(ctx: AppContext, input: WriteOffInput, opts: CommandOptions) {
  return onePositionCommand(ctx, input, opts, {
    kind: 'write_off',
    idPrefix: 'wof',
    idField: 'writeOffId',
    move: moves.writeOff(input, input.qty),
    reason: input.reason,
    refuses: (before) => input.qty > before.damaged,
    refuse: (before) =>
      failDamagedShort('only damaged units can be written off, and fewer are damaged', input, before),
  });
}

function failDamagedShort(
  message: string,
  input: { sku: string; warehouse: string; qty: number },
  before: Quantities,
): never {
  return fail('insufficient_damaged', message, {
    sku: input.sku,
    warehouse: input.warehouse,
    requested: input.qty,
    damaged: before.damaged,
  });
}

export interface InspectionInput {
  warehouse: string;
  lines: { sku: string; passed: number; failed: number }[];
}

export type InspectionView = InspectionInput & {
  inspectionId: string;
  at: string;
  positions: (PositionView & { sku: string })[];
};

/** Inspection of qcPending units: passed become sellable, failed become damaged; all lines or none. */
export async function inspectStock(
  ctx: AppContext,
  input: InspectionInput,
  opts: CommandOptions,
): Promise<Outcome<InspectionView>> {
  const empty = input.lines.flatMap((l, i) => (l.passed + l.failed === 0 ? [i] : []));
  if (empty.length > 0) {
    fail('invalid_request', 'each inspection line needs passed or failed above zero', {
      issues: empty.map((i) => ({
        in: 'body',
        path: `/lines/${i}`,
        message: 'passed and failed are both 0',
      })),
    });
  }
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  const skus = [...new Set(input.lines.map((l) => l.sku))].sort();
  await requireKnown(ctx.db, skus, [input.warehouse]);
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['inspection', input] },
    async (tx) => {
      const at = ctx.clock();
      const inspectionId = ctx.newId('insp');
      const before = await lockPositions(tx, input.warehouse, skus);
      // Lines of the same SKU draw on the same qcPending, in order.
      const used = new Map<string, number>();
      const short = input.lines.flatMap((l, line) => {
        const pending = before.get(l.sku)?.qcPending ?? 0;
        const requested = l.passed + l.failed;
        const drawn = (used.get(l.sku) ?? 0) + requested;
        used.set(l.sku, drawn);
        return drawn > pending
          ? [{ line, sku: l.sku, requested, qcPending: Math.max(0, pending - drawn + requested) }]
          : [];
      });
      const refuse = (lines: unknown[]): never =>
        fail(
          'insufficient_qc_pending',
          'an inspection line asks for more units than are waiting for inspection',
          {
            warehouse: input.warehouse,
            lines,
          },
        );
      if (short.length > 0) refuse(short);
      try {
        await applyMovements(
          tx,
          input.lines.map((l) =>
            moves.inspect({ sku: l.sku, warehouse: input.warehouse }, l.passed, l.failed),
          ),
          { at, reason: 'inspected', reference: inspectionId, actor: opts.actor.id },
        );
      } catch (err) {
        if (err instanceof GuardRefused) {
          refuse(err.refused.map((r) => ({ sku: r.sku, requested: r.requested })));
        }
        throw err;
      }
      const rows = await positionsOfSkus(tx, skus);
      const positions = rows
        .filter((r) => r.warehouse === input.warehouse)
        .map((r) => ({ sku: r.sku, ...positionView(r) }));
      return { created: true, body: { inspectionId, ...input, at: at.toISOString(), positions } };
    },
  );
}

export interface DamagedUnit {
  sku: string;
  baseSku: string;
  warehouse: string;
  damaged: number;
}

/**
 * Damaged units listed under a suffixed code (`351038` -> `351038U`), for merchants who keep
 * damaged goods as their own SKU. The model keeps one SKU; only this view renames it.
 */
export async function listDamaged(
  ctx: AppContext,
  filter: { warehouse?: string | undefined; suffix: string; cursor?: string | undefined; limit: number },
): Promise<Page<DamagedUnit>> {
  if (filter.warehouse) await requireKnown(ctx.db, [], [filter.warehouse]);
  const after = filter.cursor ? decodeCursor(filter.cursor, ['text', 'text']) : undefined;
  const { rows } = await ctx.db.query<{ sku: string; warehouse: string; damaged: number }>(
    `select sku, warehouse, damaged from stock_positions
     where damaged > 0 and ($1::text is null or warehouse = $1)
       and ($2::text is null or (sku, warehouse) > ($2, $3))
     order by sku, warehouse limit $4`,
    [filter.warehouse ?? null, after?.[0] ?? null, after?.[1] ?? null, filter.limit + 1],
  );
  const items = rows.slice(0, filter.limit).map((r) => ({
    sku: `${r.sku}${filter.suffix}`,
    baseSku: r.sku,
    warehouse: r.warehouse,
    damaged: Number(r.damaged),
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.baseSku, last.warehouse]) : null,
  };
}

/** All damaged units as CSV (`sku,base_sku,warehouse,damaged`), read page by page. */
export async function damagedCsv(
  ctx: AppContext,
  filter: { warehouse?: string | undefined; suffix: string },
): Promise<string> {
  const lines = [csvLine(['sku', 'base_sku', 'warehouse', 'damaged'])];
  let cursor: string | undefined;
  do {
    const page = await listDamaged(ctx, { ...filter, cursor, limit: 1000 });
    for (const d of page.items) lines.push(csvLine([d.sku, d.baseSku, d.warehouse, d.damaged]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return lines.join('');
}
