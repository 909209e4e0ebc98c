/**
 * Cycle counts (audits), the pure part: which actions each status allows, which SKUs a random
 * sample picks, a count's figures (variance per line, accuracy), which reason each variance is
 * posted with, and the `count` movements that post it.
 *
 * A line's variance is `counted - expected`, where `expected` is the books' onHand at the time
 * the line was counted (see docs/counts.md for why not at open, close or post time).
 */
import { assert } from './assert.ts';
import { fail } from './errors.ts';
import { applyMove, moves, type Move } from './movements.ts';
import { heldOnHand, ZERO, type Quantities } from './quantities.ts';
import type { ZoneBucket } from './zones.ts';

export const COUNT_STATUSES = ['open', 'closed', 'posted', 'cancelled'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

export const COUNT_SCOPES = ['all', 'list', 'sample'] as const;
export type CountScopeKind = (typeof COUNT_SCOPES)[number];

/** A cycle count is a partial count: more lines than this is a full stocktake, not a count. */
export const MAX_COUNT_LINES = 10_000;

export type CountAction = 'record' | 'close' | 'post' | 'cancel';

/** The statuses in which each action is allowed; anything else is `invalid_state`. */
export const ALLOWED_IN: Readonly<Record<CountAction, readonly CountStatus[]>> = {
  record: ['open'],
  close: ['open'],
  post: ['closed'],
  cancel: ['open', 'closed'],
};

const ACTION_WORDS: Record<CountAction, string> = {
  record: 'record counted quantities on',
  close: 'close',
  post: 'post',
  cancel: 'cancel',
};

export function requireCountStatus(countId: string, status: CountStatus, action: CountAction): void {
  const allowed = ALLOWED_IN[action];
  if (!allowed.includes(status)) {
    fail('invalid_state', `cannot ${ACTION_WORDS[action]} count ${countId}: it is ${status}`, {
      countId,
      status,
      action,
      allowed,
    });
  }
}

/**
 * A seeded pseudo-random generator: xmur3 hashes the seed text to 32 bits, mulberry32 draws
 * from it. Not for secrets; for samples an auditor can reproduce from the seed.
 */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  let a = (h ^= h >>> 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `size` SKUs drawn without replacement from `population`, sorted. The same population (in any
 * order) and seed give the same sample; a sample larger than the population is all of it.
 */
export function sampleSkus(population: readonly string[], size: number, seed: string): string[] {
  assert(Number.isInteger(size) && size >= 1, () => `sample size must be a positive integer: ${size}`);
  const pool = [...new Set(population)].sort(byCode);
  const take = Math.min(size, pool.length);
  const random = seededRandom(seed);
  // A partial Fisher-Yates shuffle: the first `take` places end up a uniform sample.
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take).sort(byCode);
}

/** Refuses a request naming one SKU twice, where the meaning of the second would be unclear. */
export function requireDistinctSkus(skus: readonly string[], field: string): void {
  const seen = new Set<string>();
  const issues: { in: string; path: string; message: string }[] = [];
  skus.forEach((sku, i) => {
    if (seen.has(sku))
      issues.push({ in: 'body', path: `/${field}/${i}/sku`, message: `${sku} is named twice` });
    seen.add(sku);
  });
  if (issues.length > 0) {
    fail('invalid_request', `each SKU may appear once in ${field}`, { issues });
  }
}

export interface CountLine {
  sku: string;
  /** null: not counted. */
  counted: number | null;
  /** The books' onHand when the line was counted; null when not counted. */
  expected: number | null;
}

export function lineVariance(line: CountLine): number | null {
  if (line.counted === null || line.expected === null) return null;
  return line.counted - line.expected;
}

export interface CountSummary {
  linesTotal: number;
  linesCounted: number;
  linesMatched: number;
  linesWithVariance: number;
  /** Sum of the variances, in units: negative when units are missing overall. */
  netVariance: number;
  /** linesMatched / linesCounted, to 4 decimals; null when nothing was counted. */
  accuracy: number | null;
}

export function accuracy(matched: number, counted: number): number | null {
  assert(matched >= 0 && matched <= counted, () => `matched ${matched} is not within 0..${counted}`);
  return counted === 0 ? null : Math.round((matched / counted) * 10_000) / 10_000;
}

/** A count's figures. Uncounted lines are neither matched nor in variance: they are left out. */
export function summarize(lines: readonly CountLine[]): CountSummary {
  let counted = 0;
  let matched = 0;
  let net = 0;
  for (const line of lines) {
    const variance = lineVariance(line);
    if (variance === null) continue;
    counted++;
    if (variance === 0) matched++;
    net += variance;
  }
  return {
    linesTotal: lines.length,
    linesCounted: counted,
    linesMatched: matched,
    linesWithVariance: counted - matched,
    netVariance: net,
    accuracy: accuracy(matched, counted),
  };
}

export interface Variance {
  sku: string;
  variance: number;
}

/** The lines that posting changes stock for: counted, with a non-zero variance, by SKU. */
export function variancesToPost(lines: readonly CountLine[]): Variance[] {
  return lines
    .flatMap((l) => {
      const variance = lineVariance(l);
      return variance ? [{ sku: l.sku, variance }] : [];
    })
    .sort((a, b) => byCode(a.sku, b.sku));
}

/**
 * The reason each variance is posted with: its own from `reasons`, else `defaultReason`.
 * Reasons naming SKUs outside the count are refused (likely a typo); a reason for a line
 * without variance is accepted and unused. Every variance needs a reason.
 */
export function resolveReasons(
  countId: string,
  countSkus: ReadonlySet<string>,
  variances: readonly Variance[],
  reasons: readonly { sku: string; reason: string }[],
  defaultReason: string | undefined,
): Map<string, string> {
  requireDistinctSkus(
    reasons.map((r) => r.sku),
    'reasons',
  );
  const outside = reasons.filter((r) => !countSkus.has(r.sku)).map((r) => r.sku);
  if (outside.length > 0) {
    fail('sku_not_in_count', `count ${countId} has no line for ${outside.join(', ')}`, {
      countId,
      skus: outside,
    });
  }
  const given = new Map(reasons.map((r) => [r.sku, r.reason]));
  const resolved = new Map<string, string>();
  const missing: string[] = [];
  for (const v of variances) {
    const reason = given.get(v.sku) ?? defaultReason;
    if (reason === undefined) missing.push(v.sku);
    else resolved.set(v.sku, reason);
  }
  if (missing.length > 0) {
    fail('reason_required', 'every variance is posted with a reason: give one per SKU or a defaultReason', {
      countId,
      skus: missing,
    });
  }
  return resolved;
}

/**
 * One `count` movement per variance: onHand moves by counted - expected (I := counted). A line
 * under a damaged code (`damagedOf`: code -> base SKU, src/domain/damaged-suffix.ts) counted the
 * base's damaged units, so its variance moves damaged and onHand of the base together.
 */
/**
 * The `count` movements of variances. `bucket` is that of the zone a count of an unsellable
 * zone counted (docs/zones.md): its units count in damaged or qcPending, so a variance there
 * moves that bucket with onHand.
 */
export function varianceMoves(
  warehouse: string,
  variances: readonly Variance[],
  damagedOf: ReadonlyMap<string, string> = new Map(),
  bucket: ZoneBucket = null,
): Move[] {
  return variances.map((v) => varianceMove(warehouse, v, damagedOf, bucket));
}

function varianceMove(
  warehouse: string,
  v: Variance,
  damagedOf: ReadonlyMap<string, string>,
  bucket: ZoneBucket,
): Move {
  const base = damagedOf.get(v.sku);
  if (base !== undefined) return moves.countDamagedVariance({ sku: base, warehouse }, v.variance);
  const at = { sku: v.sku, warehouse };
  if (bucket === 'damaged') return moves.countDamagedVariance(at, v.variance);
  if (bucket === 'qcPending') {
    const move = moves.countVariance(at, v.variance);
    return { ...move, deltas: { ...move.deltas, qcPending: v.variance } };
  }
  return moves.countVariance(at, v.variance);
}

export interface RefusedVariance {
  sku: string;
  variance: number;
  onHand: number;
  held: number;
}

/**
 * The variances the position cannot take, judged by the movement guard itself: a count may
 * leave S negative (a physical fact), but never onHand below zero or below the units held as
 * damaged, in inspection, locked or promised to transfers. The SQL write guards the same.
 */
export function refusedVariances(
  variances: readonly Variance[],
  warehouse: string,
  positions: ReadonlyMap<string, Quantities>,
  damagedOf: ReadonlyMap<string, string> = new Map(),
  bucket: ZoneBucket = null,
): RefusedVariance[] {
  return variances.flatMap((v) => {
    const move = varianceMove(warehouse, v, damagedOf, bucket);
    const position = positions.get(move.sku) ?? ZERO;
    const outcome = applyMove(position, move);
    return outcome.ok
      ? []
      : [{ sku: v.sku, variance: v.variance, onHand: position.onHand, held: heldOnHand(position) }];
  });
}
