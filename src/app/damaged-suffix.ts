/**
 * Damaged stock by SKU suffix, the shop setting and what the use cases share of it: with
 * suffixes `["U"]`, `351038U` names the damaged units of `351038` (src/domain/damaged-suffix.ts)
 * and is never a SKU of its own. Off (no suffixes) until an admin sets it. See
 * docs/unsellable-stock.md, "Damaged stock by SKU suffix".
 */
import type { Queryable } from '../db/database.ts';
import { readSetting, writeSetting } from '../db/settings.ts';
import {
  damagedCode,
  damagedCodes,
  validateDamagedSuffixes,
  type DamagedCode,
} from '../domain/damaged-suffix.ts';
import { DomainError, fail } from '../domain/errors.ts';
import type { AppContext } from './context.ts';

export interface DamagedSuffixSettings {
  /** Empty: the rule is off, and a code ending in U is an ordinary SKU. */
  suffixes: string[];
}

const KEY = 'damaged_suffix';
const MAX_LISTED = 100;

export async function getDamagedSuffixes(q: Queryable): Promise<DamagedSuffixSettings> {
  const stored = await readSetting<Partial<DamagedSuffixSettings>>(q, KEY);
  return { suffixes: stored?.suffixes ?? [] };
}

/**
 * Sets the suffixes. Turning a suffix on while SKUs already end with it would make those SKUs
 * name two things, so it is refused with `damaged_suffix_conflict` listing them: rename or
 * retire them first. The SKU table is share-locked for the check, so no SKU slips in between.
 */
export async function putDamagedSuffixes(
  ctx: AppContext,
  input: DamagedSuffixSettings,
): Promise<DamagedSuffixSettings> {
  const suffixes = validateDamagedSuffixes(input.suffixes);
  return ctx.db.transaction(async (tx) => {
    await tx.query('lock table skus in share mode');
    const { rows } = await tx.query<{ sku: string }>(
      `select sku from skus where ${endsWithSuffixSql('sku', '$1::jsonb')} order by sku limit $2`,
      [JSON.stringify(suffixes), MAX_LISTED + 1],
    );
    if (rows.length > 0) {
      const skus = rows.slice(0, MAX_LISTED).map((r) => r.sku);
      fail(
        'damaged_suffix_conflict',
        `SKUs already end with these suffixes (${skus.join(', ')}${rows.length > MAX_LISTED ? ', ...' : ''}): rename them before turning the rule on`,
        { suffixes, skus, more: rows.length > MAX_LISTED },
      );
    }
    await writeSetting(tx, KEY, { suffixes }, ctx.clock());
    return { suffixes };
  });
}

/** SQL: `code` ends with one of the suffixes in the JSON array `suffixesJson`, after a base. */
function endsWithSuffixSql(code: string, suffixesJson: string): string {
  return `exists (select 1 from jsonb_array_elements_text(${suffixesJson}) s
    where length(${code}) > length(s) and right(${code}, length(s)) = s)`;
}

/** SQL: `code` names damaged units under the stored setting; a SKU write guards with it. */
export function isDamagedCodeSql(code: string): string {
  return `exists (select 1 from settings where key = '${KEY}' and ${endsWithSuffixSql(code, "value->'suffixes'")})`;
}

/** Refuses a SKU of its own under a damaged code (the write's guard said no). */
export function failDamagedCodeAsSku(code: string, suffixes: readonly string[]): never {
  const d = damagedCode(code, suffixes);
  return fail(
    'damaged_suffix_conflict',
    `${code} names the damaged units of ${d?.base ?? 'another SKU'} in this shop; it cannot be a SKU of its own`,
    { sku: code, baseSku: d?.base ?? null, suffixes },
  );
}

/** Orders may not name damaged units: all-or-nothing, so one such line refuses the order. */
export function failDamagedNotSellable(codes: readonly DamagedCode[]): never {
  return fail(
    'damaged_sku_not_sellable',
    `${codes.map((c) => c.code).join(', ')} ${codes.length === 1 ? 'names' : 'name'} damaged units, which are not sold`,
    { skus: codes.map((c) => c.code), baseSkus: codes.map((c) => c.base) },
  );
}

/** The damaged codes among `codes` under the shop's setting (none when it is off). */
export async function damagedCodesOf(q: Queryable, codes: readonly string[]): Promise<DamagedCode[]> {
  const { suffixes } = await getDamagedSuffixes(q);
  return damagedCodes(codes, suffixes);
}

/** A line of goods, with what a damaged code made of it: booked on the base SKU, as damaged. */
export type MaybeDamaged<L extends { sku: string }> = L & { damaged?: boolean; code?: string };

/**
 * Lines naming damaged codes, rewritten to book damaged units of their base SKU (`sku` becomes
 * the base, `damaged: true`, `code` keeps what was named); other lines unchanged.
 */
export function asDamagedLines<L extends { sku: string }>(
  lines: readonly L[],
  codes: readonly DamagedCode[],
): MaybeDamaged<L>[] {
  if (codes.length === 0) return [...lines];
  const byCode = new Map(codes.map((c) => [c.code, c]));
  return lines.map((l) => {
    const d = byCode.get(l.sku);
    return d ? { ...l, sku: d.base, damaged: true, code: d.code } : l;
  });
}

/**
 * `requireKnown` for lines that may name damaged codes: a base SKU that does not exist is
 * `unknown_sku` naming the base, and the code it was reached from.
 */
export async function explainUnknownBase<T>(
  codes: readonly DamagedCode[],
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'unknown_sku' || codes.length === 0) throw err;
    const missing = (err.details?.['skus'] as string[] | undefined) ?? [];
    const named = codes.filter((c) => missing.includes(c.base));
    if (named.length === 0) throw err;
    return fail(
      'unknown_sku',
      `unknown SKU ${missing.join(', ')} (${named.map((c) => `${c.code} names the damaged units of ${c.base}`).join('; ')})`,
      { skus: missing, damagedCodes: named.map((c) => c.code) },
    );
  }
}

/**
 * Runs an order's placement; when it is refused as `unknown_sku` and some of the unknown codes
 * are damaged codes, refuses it as `damaged_sku_not_sellable` instead. Nothing was reserved
 * either way: an order with an unknown line is refused whole.
 */
export async function refuseDamagedCodes<T>(q: Queryable, place: () => Promise<T>): Promise<T> {
  try {
    return await place();
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'unknown_sku') throw err;
    const unknown = (err.details?.['skus'] as string[] | undefined) ?? [];
    const damaged = await damagedCodesOf(q, unknown);
    if (damaged.length === 0) throw err;
    return failDamagedNotSellable(damaged);
  }
}
