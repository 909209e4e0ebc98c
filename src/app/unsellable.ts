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
import type { Actor, AppContext, Outcome } from './context.ts';
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

type CommandOpts = { actor: Actor; idempotencyKey?: string | undefined };

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

export type DamageView = DamageInput & { damageId: string; at: string; position: PositionView };

/** Damage found: damaged += q. Booked even if S goes negative; the held units must fit in onHand. */
export async function markDamaged(
  ctx: AppContext,
  input: DamageInput,
  opts: CommandOpts,
): Promise<Outcome<DamageView>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(ctx, { idempotencyKey: opts.idempotencyKey, request: ['damage', input] }, async (tx) => {
    const at = ctx.clock();
    const damageId = ctx.newId('dmg');
    const before = (await lockPositions(tx, input.warehouse, [input.sku])).get(input.sku) ?? ZERO;
    const refuse = (): never =>
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
      );
    if (heldOnHand(before) + input.qty > before.onHand) refuse();
    await applyOne(
      tx,
      moves.markDamaged(input, input.qty),
      { at, reason: withNote(input.reason, input.note), reference: damageId, actor: opts.actor.id },
      refuse,
    );
    const position = await positionAt(tx, input.sku, input.warehouse);
    return { status: 201, body: { damageId, ...input, at: at.toISOString(), position } };
  });
}

export interface RepairInput {
  warehouse: string;
  sku: string;
  qty: number;
  note?: string | undefined;
}

export type RepairView = RepairInput & { repairId: string; at: string; position: PositionView };

/** Damaged units repaired: damaged -= q, so they are sellable again. */
export async function repairDamaged(
  ctx: AppContext,
  input: RepairInput,
  opts: CommandOpts,
): Promise<Outcome<RepairView>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(ctx, { idempotencyKey: opts.idempotencyKey, request: ['repair', input] }, async (tx) => {
    const at = ctx.clock();
    const repairId = ctx.newId('rpr');
    const before = (await lockPositions(tx, input.warehouse, [input.sku])).get(input.sku) ?? ZERO;
    const refuse = (): never =>
      fail('insufficient_damaged', 'fewer units are damaged than the repair asks for', {
        sku: input.sku,
        warehouse: input.warehouse,
        requested: input.qty,
        damaged: before.damaged,
      });
    if (input.qty > before.damaged) refuse();
    await applyOne(
      tx,
      moves.repair(input, input.qty),
      { at, reason: withNote('repaired', input.note), reference: repairId, actor: opts.actor.id },
      refuse,
    );
    const position = await positionAt(tx, input.sku, input.warehouse);
    return { status: 201, body: { repairId, ...input, at: at.toISOString(), position } };
  });
}

export interface WriteOffInput {
  warehouse: string;
  sku: string;
  qty: number;
  reason: string;
}

export type WriteOffView = WriteOffInput & { writeOffId: string; at: string; position: PositionView };

/** Damaged units disposed of: damaged -= q and onHand -= q; S does not change. */
export async function writeOffDamaged(
  ctx: AppContext,
  input: WriteOffInput,
  opts: CommandOpts,
): Promise<Outcome<WriteOffView>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(
    ctx,
    { idempotencyKey: opts.idempotencyKey, request: ['write_off', input] },
    async (tx) => {
      const at = ctx.clock();
      const writeOffId = ctx.newId('wof');
      const before = (await lockPositions(tx, input.warehouse, [input.sku])).get(input.sku) ?? ZERO;
      const refuse = (): never =>
        fail('insufficient_damaged', 'only damaged units can be written off, and fewer are damaged', {
          sku: input.sku,
          warehouse: input.warehouse,
          requested: input.qty,
          damaged: before.damaged,
        });
      if (input.qty > before.damaged) refuse();
      await applyOne(
        tx,
        moves.writeOff(input, input.qty),
        { at, reason: input.reason, reference: writeOffId, actor: opts.actor.id },
        refuse,
      );
      const position = await positionAt(tx, input.sku, input.warehouse);
      return { status: 201, body: { writeOffId, ...input, at: at.toISOString(), position } };
    },
  );
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
  opts: CommandOpts,
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
    { idempotencyKey: opts.idempotencyKey, request: ['inspection', input] },
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
      return { status: 201, body: { inspectionId, ...input, at: at.toISOString(), positions } };
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
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
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
  const lines = ['sku,base_sku,warehouse,damaged'];
  let cursor: string | undefined;
  do {
    const page = await listDamaged(ctx, { ...filter, cursor, limit: 1000 });
    for (const d of page.items)
      lines.push([d.sku, d.baseSku, d.warehouse, d.damaged].map(csvField).join(','));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return lines.join('\n') + '\n';
}

/** Codes are `[A-Za-z0-9-_.:/]`, so quoting is never needed; guard against formula injection anyway. */
function csvField(value: string | number): string {
  const text = String(value);
  return /^[=+\-@]/.test(text) || /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
