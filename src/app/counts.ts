/**
 * Cycle counts (audits): open a count for some SKUs at a warehouse, record what counters find
 * (blind: the books' quantity is not shown until the count is closed), close it to review
 * variances and accuracy, then post the variances as `count` movements with reasons, or cancel.
 *
 * A line's expected quantity is the books' onHand at the moment it was counted, read in the
 * SQL statement that records the count, and its variance is fixed then. Posting books that
 * variance as a delta on the current onHand, so whatever moved between counting and posting
 * (shipments, receipts) stays booked: I := counted, as of when it was counted.
 *
 * Lock order: the count row first, then positions in (sku, warehouse) order, as orders do.
 */
import type { Queryable, Transaction } from '../db/database.ts';
import { isPgError } from '../db/database.ts';
import {
  applyMovements,
  GuardRefused,
  positionsOfSkus,
  QUANTITY_COLUMNS,
  quantitiesOf,
  type PositionRow,
} from '../db/stock.ts';
import {
  MAX_COUNT_LINES,
  requireCountStatus,
  requireDistinctSkus,
  refusedVariances,
  resolveReasons,
  sampleSkus,
  summarize,
  varianceMoves,
  variancesToPost,
  type CountLine,
  type CountScopeKind,
  type CountStatus,
  type RefusedVariance,
} from '../domain/counts.ts';
import { fail } from '../domain/errors.ts';
import { heldOnHand, ZERO, type Quantities } from '../domain/quantities.ts';
import { requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import { explainUnknownBase, getDamagedSuffixes } from './damaged-suffix.ts';
import { damagedCodes } from '../domain/damaged-suffix.ts';
import type { Actor, AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { positionView, type PositionView } from './stock.ts';
import { DEFAULT_ZONE, type ZoneBucket } from '../domain/zones.ts';
import { bookZoneVariance, resolveZone } from './zones.ts';

export type CountScopeInput =
  | { kind: 'all' }
  | { kind: 'list'; skus: string[] }
  | { kind: 'sample'; size: number; seed?: string | undefined };

export interface OpenCountInput {
  warehouse: string;
  /** Count one zone of the warehouse (a named zone or `default`): docs/counts.md. */
  zone?: string | undefined;
  scope: CountScopeInput;
}

export interface EntriesInput {
  lines: { sku: string; counted: number; countedAt?: string | undefined }[];
}

export interface CloseCountInput {
  /** Close with lines still uncounted: they are left out of the figures and never posted. */
  skipUncounted?: boolean | undefined;
}

export interface PostCountInput {
  reasons?: { sku: string; reason: string }[] | undefined;
  defaultReason?: string | undefined;
}

export interface CountLineView {
  sku: string;
  counted: number | null;
  countedAt: string | null;
  countedBy: string | null;
  /** Only once the count is closed: the books' onHand when the line was counted. */
  expected?: number | null;
  variance?: number | null;
  reason?: string | null;
}

export interface CountView {
  countId: string;
  warehouse: string;
  /** The zone counted, or null when the count counts whole positions. */
  zone: string | null;
  scope: { kind: CountScopeKind; size?: number; seed?: string };
  status: CountStatus;
  createdAt: string;
  createdBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  postedAt: string | null;
  postedBy: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  linesTotal: number;
  /** Lines counted so far; fixed at close. */
  linesCounted: number;
  /** The figures below are null until the count is closed. */
  linesMatched: number | null;
  linesWithVariance: number | null;
  netVariance: number | null;
  accuracy: number | null;
}

export type CountDetail = CountView & { lines: CountLineView[] };
export type PostedCount = CountDetail & { positions: (PositionView & { sku: string })[] };

interface CountRow {
  id: string;
  warehouse: string;
  zone: string | null;
  scope: CountScopeKind;
  sample_size: number | null;
  seed: string | null;
  status: CountStatus;
  created_at: Date;
  created_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  posted_at: Date | null;
  posted_by: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  lines_total: number;
  lines_counted: number | null;
  lines_matched: number | null;
  lines_with_variance: number | null;
  net_variance: number | null;
  accuracy: number | null;
  counted_now: number;
}

interface LineRow {
  /** The code counted: the SKU, or a damaged code of it (`code` in count_lines). */
  sku: string;
  /** The SKU whose position the line counts, and whether it counts its damaged units alone. */
  base: string;
  damaged: boolean;
  counted: number | null;
  expected_on_hand: number | null;
  variance: number | null;
  counted_at: Date | null;
  counted_by: string | null;
  reason: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A count row with the number of lines counted so far (live while open, the same once closed). */
const SELECT_COUNT = `select c.*,
  (select count(*) from count_lines l where l.count_id = c.id and l.counted is not null) as counted_now
  from counts c`;

function countView(row: CountRow): CountView {
  const scope: CountView['scope'] =
    row.scope === 'sample'
      ? { kind: 'sample', size: row.sample_size!, seed: row.seed! }
      : { kind: row.scope };
  return {
    countId: row.id,
    warehouse: row.warehouse,
    zone: row.zone,
    scope,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    closedAt: iso(row.closed_at),
    closedBy: row.closed_by,
    postedAt: iso(row.posted_at),
    postedBy: row.posted_by,
    cancelledAt: iso(row.cancelled_at),
    cancelledBy: row.cancelled_by,
    linesTotal: row.lines_total,
    linesCounted: row.lines_counted ?? Number(row.counted_now),
    linesMatched: row.lines_matched,
    linesWithVariance: row.lines_with_variance,
    netVariance: row.net_variance,
    accuracy: row.accuracy,
  };
}

/** Blind until closed: while counting, a line never shows what the books expect. */
function lineView(line: LineRow, blind: boolean): CountLineView {
  const base = {
    sku: line.sku,
    counted: line.counted,
    countedAt: iso(line.counted_at),
    countedBy: line.counted_by,
  };
  if (blind) return base;
  return { ...base, expected: line.expected_on_hand, variance: line.variance, reason: line.reason };
}

async function linesOf(q: Queryable, countId: string): Promise<LineRow[]> {
  const { rows } = await q.query<LineRow>(
    `select coalesce(code, sku) as sku, sku as base, code is not null as damaged, counted,
       expected_on_hand, variance, counted_at, counted_by, reason
     from count_lines where count_id = $1 order by coalesce(code, sku)`,
    [countId],
  );
  return rows;
}

const asCountLine = (l: LineRow): CountLine => ({
  sku: l.sku,
  counted: l.counted,
  expected: l.expected_on_hand,
});

async function readCount(q: Queryable, countId: string): Promise<CountDetail> {
  const { rows } = await q.query<CountRow>(`${SELECT_COUNT} where c.id = $1`, [countId]);
  const row = rows[0];
  if (!row) fail('unknown_count', `no count ${countId}`, { countId });
  const blind = row.closed_at === null;
  return { ...countView(row), lines: (await linesOf(q, countId)).map((l) => lineView(l, blind)) };
}

async function lockCount(tx: Transaction, countId: string, actor: Actor): Promise<CountRow> {
  const { rows } = await tx.query<CountRow>(`${SELECT_COUNT} where c.id = $1 for update of c`, [countId]);
  const row = rows[0];
  if (!row) fail('unknown_count', `no count ${countId}`, { countId });
  requireWarehouseAccess(actor, [row.warehouse]);
  return row;
}

export async function getCount(ctx: AppContext, countId: string): Promise<CountDetail> {
  return readCount(ctx.db, countId);
}

export async function listCounts(
  ctx: AppContext,
  filter: {
    status?: CountStatus | undefined;
    warehouse?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<CountView>> {
  if (filter.warehouse) await requireKnown(ctx.db, [], [filter.warehouse]);
  const after = filter.cursor ? decodeCursor(filter.cursor, ['time', 'text']) : undefined;
  const { rows } = await ctx.db.query<CountRow>(
    `${SELECT_COUNT}
     where ($1::text is null or c.status = $1) and ($2::text is null or c.warehouse = $2)
       and ($3::timestamptz is null or (c.created_at, c.id) > ($3, $4::text))
     order by c.created_at, c.id limit $5`,
    [
      filter.status ?? null,
      filter.warehouse ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      filter.limit + 1,
    ],
  );
  const items = rows.slice(0, filter.limit).map(countView);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.createdAt, last.countId]) : null,
  };
}

/**
 * The SKUs a scope selects at a warehouse, sorted; "all" is every position the warehouse has,
 * or for a named zone every SKU the zone has held (empty now included: strays are found by
 * counting where the books say there are none).
 */
async function scopeSkus(
  q: Queryable,
  warehouse: string,
  scope: CountScopeInput,
  seed: string | null,
  zone: string | null,
): Promise<string[]> {
  if (scope.kind === 'list') return [...new Set(scope.skus)].sort();
  const named = zone !== null && zone !== DEFAULT_ZONE;
  const { rows } = await q.query<{ sku: string }>(
    named
      ? `select sku from zone_stock where warehouse = $1 and zone = $3 order by sku limit $2`
      : `select sku from stock_positions where warehouse = $1 order by sku limit $2`,
    // A sample draws from every position; "all" needs to know only whether there are too many.
    [warehouse, scope.kind === 'all' ? MAX_COUNT_LINES + 1 : null, ...(named ? [zone] : [])],
  );
  const population = rows.map((r) => r.sku);
  return scope.kind === 'all' ? population : sampleSkus(population, scope.size, seed!);
}

const UNIQUE_VIOLATION = '23505';
const MAX_LISTED = 100;

/** Opens a count: the lines to count, SKUs only. */
export async function openCount(
  ctx: AppContext,
  input: OpenCountInput,
  opts: CommandOptions,
): Promise<Outcome<CountDetail>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  const listed = input.scope.kind === 'list' ? input.scope.skus : [];
  const { suffixes } = await getDamagedSuffixes(ctx.db);
  const damaged = damagedCodes(listed, suffixes);
  const baseOf = new Map(damaged.map((d) => [d.code, d.base]));
  if (input.zone !== undefined && damaged.length > 0) {
    fail(
      'invalid_request',
      'a count of a zone counts SKUs: damaged codes are counted in a whole-position count',
      {
        zone: input.zone,
        skus: damaged.map((d) => d.code),
      },
    );
  }
  await explainUnknownBase(damaged, () =>
    requireKnown(
      ctx.db,
      listed.map((s) => baseOf.get(s) ?? s),
      [input.warehouse],
    ),
  );
  return runCommand(ctx, { ...opts, request: ['count', input] }, async (tx) => {
    const now = ctx.clock();
    const countId = ctx.newId('cnt');
    const { scope, warehouse } = input;
    // Without a seed the sample is still reproducible: the one chosen is shown with the count.
    const seed = scope.kind === 'sample' ? (scope.seed ?? ctx.newId('seed')) : null;
    const zone = input.zone ?? null;
    if (zone !== null) await resolveZone(tx, warehouse, zone);
    const codes = await scopeSkus(tx, warehouse, scope, seed, zone);
    // Lines are kept by SKU; a damaged code's line counts its SKU's damaged units.
    const skus = codes.map((c) => baseOf.get(c) ?? c);
    requireOneLinePerSku(warehouse, codes, baseOf);
    if (skus.length === 0) {
      fail('invalid_scope', `there is nothing to count at ${warehouse}: it holds no stock positions`, {
        warehouse,
        lines: 0,
      });
    }
    if (skus.length > MAX_COUNT_LINES) {
      fail('invalid_scope', `a count holds at most ${MAX_COUNT_LINES} lines: count a list or a sample`, {
        warehouse,
        max: MAX_COUNT_LINES,
      });
    }
    const { rows: taken } = await tx.query<{ sku: string; count_id: string }>(
      `select coalesce(code, sku) as sku, count_id from count_lines
       where warehouse = $1 and active and sku = any($2::text[]) order by sku limit $3`,
      [warehouse, skus, MAX_LISTED],
    );
    if (taken.length > 0) failOverlap(warehouse, taken);
    await tx.query(
      `insert into counts (id, warehouse, scope, sample_size, seed, status, created_at, created_by, lines_total, zone)
       values ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9)`,
      [
        countId,
        warehouse,
        scope.kind,
        scope.kind === 'sample' ? scope.size : null,
        seed,
        now,
        opts.actor.id,
        skus.length,
        zone,
      ],
    );
    try {
      await tx.query(
        `insert into count_lines (count_id, warehouse, sku, code)
         select $1, $2, s, c from unnest($3::text[], $4::text[]) as t(s, c)`,
        [countId, warehouse, skus, codes.map((c) => (baseOf.has(c) ? c : null))],
      );
    } catch (err) {
      // A count opened concurrently took some of these SKUs after the check above.
      if (isPgError(err) && err.code === UNIQUE_VIOLATION) failOverlap(warehouse, []);
      throw err;
    }
    return { created: true, body: await readCount(tx, countId) };
  });
}

/**
 * Under the damaged-suffix rule a SKU's line counts all its units and its damaged code's line
 * the damaged ones: both posting would book a missing damaged unit twice. So a count holds one
 * of them; across counts the one-active-count index on (warehouse, sku) refuses the second.
 */
function requireOneLinePerSku(
  warehouse: string,
  codes: readonly string[],
  baseOf: ReadonlyMap<string, string>,
) {
  const listed = new Set(codes);
  const both = codes.filter((c) => baseOf.has(c) && listed.has(baseOf.get(c)!));
  if (both.length > 0) {
    fail('count_overlap', `a count holds a SKU or its damaged code, not both: ${both.join(', ')}`, {
      warehouse,
      skus: both.flatMap((c) => [baseOf.get(c)!, c]),
      counts: [],
    });
  }
}

function failOverlap(warehouse: string, taken: { sku: string; count_id: string }[]): never {
  return fail(
    'count_overlap',
    `some of these SKUs are already being counted at ${warehouse}: post or cancel that count first`,
    {
      warehouse,
      skus: taken.map((t) => t.sku),
      counts: [...new Set(taken.map((t) => t.count_id))],
    },
  );
}

/**
 * Records (or overwrites) counted quantities. Each line's expected quantity is read in the
 * same statement: the books' onHand at `countedAt` (default now), that is the current onHand
 * less whatever the ledger booked there since, so a scanner syncing late compares fairly.
 */
export async function recordEntries(
  ctx: AppContext,
  countId: string,
  input: EntriesInput,
  opts: CommandOptions,
): Promise<Outcome<CountDetail>> {
  const skus = input.lines.map((l) => l.sku);
  requireDistinctSkus(skus, 'lines');
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['count_entries', countId, input] },
    async (tx) => {
      const now = ctx.clock();
      const count = await lockCount(tx, countId, opts.actor);
      requireCountStatus(countId, count.status, 'record');
      checkCountedAt(input, count.created_at, now);
      const { rows: outside } = await tx.query<{ sku: string }>(
        `select s as sku from unnest($2::text[]) s
         where not exists (select 1 from count_lines l where l.count_id = $1 and coalesce(l.code, l.sku) = s)
         order by s`,
        [countId, skus],
      );
      if (outside.length > 0) {
        const names = outside.map((r) => r.sku);
        fail('sku_not_in_count', `count ${countId} has no line for ${names.join(', ')}`, {
          countId,
          skus: names,
        });
      }
      // A line under a damaged code (code set) expects its SKU's damaged units, not its onHand.
      // In a count of a zone it expects the zone's units ($7): a named zone's from zone_stock
      // and the zone ledger, the default zone's as onHand less the named zones' units.
      await tx.query(
        `update count_lines l set
           counted = e.counted,
           expected_on_hand = case when $7::text is null or $7 = '${DEFAULT_ZONE}' then coalesce((
               select case when l.code is null then p.on_hand - (case when $7::text is null then 0 else p.zone_units end)
                 else p.damaged end from stock_positions p
               where p.sku = l.sku and p.warehouse = l.warehouse), 0) - coalesce((
               select sum(case when l.code is null then m.d_on_hand else m.d_damaged end) from movements m
               where m.sku = l.sku and m.warehouse = l.warehouse and m.at > e.counted_at), 0) + coalesce((
               select sum(z.d_units) from zone_movements z
               where $7::text is not null and z.sku = l.sku and z.warehouse = l.warehouse and z.at > e.counted_at), 0)
             else coalesce((
               select z.units from zone_stock z where z.sku = l.sku and z.warehouse = l.warehouse and z.zone = $7), 0)
               - coalesce((select sum(z.d_units) from zone_movements z
               where z.sku = l.sku and z.warehouse = l.warehouse and z.zone = $7 and z.at > e.counted_at), 0)
             end,
           counted_at = e.counted_at, recorded_at = $5, counted_by = $6
         from unnest($2::text[], $3::bigint[], $4::timestamptz[]) as e(sku, counted, counted_at)
         where l.count_id = $1 and coalesce(l.code, l.sku) = e.sku`,
        [
          countId,
          skus,
          input.lines.map((l) => l.counted),
          input.lines.map((l) => l.countedAt ?? now.toISOString()),
          now,
          opts.actor.id,
          count.zone,
        ],
      );
      return { created: false, body: await readCount(tx, countId) };
    },
  );
}

/** A count's time may come from the counter's device, but not from before the count or the future. */
function checkCountedAt(input: EntriesInput, openedAt: Date, now: Date): void {
  const issues = input.lines.flatMap((l, i) => {
    if (l.countedAt === undefined) return [];
    const at = Date.parse(l.countedAt);
    if (at > now.getTime()) return [{ path: `/lines/${i}/countedAt`, message: 'is in the future' }];
    if (at < openedAt.getTime())
      return [{ path: `/lines/${i}/countedAt`, message: 'is before the count opened' }];
    return [];
  });
  if (issues.length > 0) {
    fail('invalid_request', 'countedAt must lie between the opening of the count and now', {
      issues: issues.map((issue) => ({ in: 'body', ...issue })),
      openedAt: openedAt.toISOString(),
      now: now.toISOString(),
    });
  }
}

/**
 * Closes a count for review: counted quantities are final, and the figures (matched lines,
 * variances, accuracy) are fixed. Uncounted lines are refused unless `skipUncounted`: a missing
 * entry must never read as "none found" (writing stock off) nor as "matched" (flattering accuracy).
 */
export async function closeCount(
  ctx: AppContext,
  countId: string,
  input: CloseCountInput,
  opts: CommandOptions,
): Promise<Outcome<CountDetail>> {
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['count_close', countId, input] },
    async (tx) => {
      const now = ctx.clock();
      const count = await lockCount(tx, countId, opts.actor);
      requireCountStatus(countId, count.status, 'close');
      const lines = await linesOf(tx, countId);
      const uncounted = lines.filter((l) => l.counted === null).map((l) => l.sku);
      const summary = summarize(lines.map(asCountLine));
      if (summary.linesCounted === 0) {
        fail('count_incomplete', `nothing was counted in count ${countId}: record entries, or cancel it`, {
          countId,
          uncounted: uncounted.length,
          skus: uncounted.slice(0, MAX_LISTED),
        });
      }
      if (uncounted.length > 0 && !input.skipUncounted) {
        fail(
          'count_incomplete',
          `${uncounted.length} lines of count ${countId} are not counted: count them, or close with skipUncounted`,
          { countId, uncounted: uncounted.length, skus: uncounted.slice(0, MAX_LISTED) },
        );
      }
      await tx.query(
        `update counts set status = 'closed', closed_at = $2, closed_by = $3, lines_counted = $4,
           lines_matched = $5, lines_with_variance = $6, net_variance = $7, accuracy = $8
         where id = $1`,
        [
          countId,
          now,
          opts.actor.id,
          summary.linesCounted,
          summary.linesMatched,
          summary.linesWithVariance,
          summary.netVariance,
          summary.accuracy,
        ],
      );
      // Skipped lines will never post: other counts may take those SKUs.
      await tx.query('update count_lines set active = false where count_id = $1 and counted is null', [
        countId,
      ]);
      return { created: false, body: await readCount(tx, countId) };
    },
  );
}

/** Reads the positions of `skus` at `warehouse` under row locks, in (sku) order as every writer locks. */
async function lockPositions(
  tx: Transaction,
  warehouse: string,
  skus: string[],
): Promise<Map<string, Quantities>> {
  const { rows } = await tx.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions
     where warehouse = $1 and sku = any($2::text[]) order by sku for update`,
    [warehouse, skus],
  );
  return new Map(rows.map((r) => [r.sku, quantitiesOf(r)]));
}

function failRefused(countId: string, warehouse: string, lines: RefusedVariance[]): never {
  return fail(
    'insufficient_on_hand',
    'posting would take onHand below zero or below the units held as damaged, in inspection, locked or promised to transfers',
    { countId, warehouse, lines },
  );
}

/**
 * Posts a closed count: each non-zero variance becomes a `count` movement (onHand += variance,
 * a physical fact, so booked even if S goes negative, which raises an oversold record), all
 * in one transaction, with its reason and the count id as reference.
 */
export async function postCount(
  ctx: AppContext,
  countId: string,
  input: PostCountInput,
  opts: CommandOptions,
): Promise<Outcome<PostedCount>> {
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['count_post', countId, input] },
    async (tx) => {
      const now = ctx.clock();
      const count = await lockCount(tx, countId, opts.actor);
      requireCountStatus(countId, count.status, 'post');
      const lines = await linesOf(tx, countId);
      const variances = variancesToPost(lines.map(asCountLine));
      const reasons = resolveReasons(
        countId,
        new Set(lines.map((l) => l.sku)),
        variances,
        input.reasons ?? [],
        input.defaultReason,
      );
      const skus = variances.map((v) => v.sku);
      const damagedOf = new Map(lines.filter((l) => l.damaged).map((l) => [l.sku, l.base]));
      const positionSkus = [...new Set(skus.map((s) => damagedOf.get(s) ?? s))];
      const positions = await lockPositions(tx, count.warehouse, positionSkus);
      // A zone deleted since the count was opened is refused (unknown_zone).
      const zone = count.zone === null ? null : await resolveZone(tx, count.warehouse, count.zone);
      const refused = refusedVariances(variances, count.warehouse, positions, damagedOf, zone?.bucket);
      if (refused.length > 0) failRefused(countId, count.warehouse, refused);
      // One call per reason (a movement carries one); the positions are already locked in order.
      const byReason = new Map<string, typeof variances>();
      for (const v of variances) {
        const reason = reasons.get(v.sku)!;
        byReason.set(reason, [...(byReason.get(reason) ?? []), v]);
      }
      if (zone?.named) {
        await postZoneVariances(tx, count, zone, variances, { reasons, at: now, actor: opts.actor.id });
        byReason.clear();
      }
      for (const [reason, group] of byReason) {
        try {
          await applyMovements(tx, varianceMoves(count.warehouse, group, damagedOf, zone?.bucket), {
            at: now,
            reason,
            reference: countId,
            actor: opts.actor.id,
          });
        } catch (err) {
          if (!(err instanceof GuardRefused)) throw err;
          failRefused(
            countId,
            count.warehouse,
            err.refused.map((r) => {
              const position = positions.get(r.sku) ?? ZERO;
              const line = group.find((v) => (damagedOf.get(v.sku) ?? v.sku) === r.sku);
              const variance = line?.variance ?? 0;
              return { sku: r.sku, variance, onHand: position.onHand, held: heldOnHand(position) };
            }),
          );
        }
      }
      await tx.query(
        `update count_lines l set reason = r.reason
         from unnest($2::text[], $3::text[]) as r(sku, reason)
         where l.count_id = $1 and coalesce(l.code, l.sku) = r.sku`,
        [countId, skus, skus.map((s) => reasons.get(s)!)],
      );
      await tx.query('update count_lines set active = false where count_id = $1', [countId]);
      await tx.query(`update counts set status = 'posted', posted_at = $2, posted_by = $3 where id = $1`, [
        countId,
        now,
        opts.actor.id,
      ]);
      const after = (await positionsOfSkus(tx, positionSkus))
        .filter((r) => r.warehouse === count.warehouse)
        .map((r) => ({ sku: r.sku, ...positionView(r) }));
      return { created: false, body: { ...(await readCount(tx, countId)), positions: after } };
    },
  );
}

/**
 * Posts the variances of a count of a named zone: each is one `count` movement (onHand and,
 * for an unsellable zone, its bucket += variance) and its zone ledger row, as a spot count of
 * the zone books it. Units found missing come out of the zone first, under the guard that it
 * still holds them (stock picked from the zone since it was counted may have left fewer).
 */
async function postZoneVariances(
  tx: Transaction,
  count: CountRow,
  zone: { code: string; bucket: ZoneBucket },
  variances: readonly { sku: string; variance: number }[],
  meta: { reasons: ReadonlyMap<string, string>; at: Date; actor: string },
): Promise<void> {
  for (const v of variances) {
    const here = { sku: v.sku, warehouse: count.warehouse };
    const reason = meta.reasons.get(v.sku)!;
    const booked = await bookZoneVariance(tx, here, { ...zone, named: true }, v.variance, {
      at: meta.at,
      reason,
      reference: count.id,
      actor: meta.actor,
    });
    if (booked === 'zone_short') {
      fail(
        'insufficient_zone_units',
        `zone ${zone.code} no longer holds the ${-v.variance} units of ${v.sku} found missing`,
        {
          countId: count.id,
          sku: v.sku,
          warehouse: count.warehouse,
          zone: zone.code,
          requested: -v.variance,
        },
      );
    }
    if (booked === 'refused') {
      failRefused(count.id, count.warehouse, [{ sku: v.sku, variance: v.variance, onHand: 0, held: 0 }]);
    }
  }
}

/** Cancels an open or closed count; nothing is posted, and its SKUs may be counted again. */
export async function cancelCount(
  ctx: AppContext,
  countId: string,
  opts: CommandOptions,
): Promise<Outcome<CountDetail>> {
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['count_cancel', countId] },
    async (tx) => {
      const now = ctx.clock();
      const count = await lockCount(tx, countId, opts.actor);
      requireCountStatus(countId, count.status, 'cancel');
      await tx.query(
        `update counts set status = 'cancelled', cancelled_at = $2, cancelled_by = $3 where id = $1`,
        [countId, now, opts.actor.id],
      );
      await tx.query('update count_lines set active = false where count_id = $1', [countId]);
      return { created: false, body: await readCount(tx, countId) };
    },
  );
}
