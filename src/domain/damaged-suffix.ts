/**
 * Damaged stock by SKU suffix: a shop may book the damaged units of `351038` under the code
 * `351038U`. The model keeps one SKU with a `damaged` quantity; this module only says which
 * codes name damaged units of which SKU, given the shop's suffixes (none: the rule is off).
 * Pure: the settings are read by src/app/damaged-suffix.ts and handed in.
 */
import { fail } from './errors.ts';

/** Short upper-case letters and digits: `U`, `DMG`, `B2`. */
export const DAMAGED_SUFFIX_PATTERN = /^[A-Z0-9]{1,4}$/;
export const MAX_DAMAGED_SUFFIXES = 4;

export interface DamagedCode {
  /** The code as named, e.g. `351038U`. */
  code: string;
  /** The SKU whose damaged units it names, e.g. `351038`. */
  base: string;
  suffix: string;
}

/**
 * The SKU whose damaged units `code` names, or null for an ordinary code. A code that is only
 * the suffix (`U`) names nothing. Suffixes never end with one another (validateDamagedSuffixes),
 * so at most one matches.
 */
export function damagedCode(code: string, suffixes: readonly string[]): DamagedCode | null {
  for (const suffix of suffixes) {
    if (code.length > suffix.length && code.endsWith(suffix)) {
      return { code, base: code.slice(0, -suffix.length), suffix };
    }
  }
  return null;
}

/** The damaged codes among `codes`, in their order, once each. */
export function damagedCodes(codes: readonly string[], suffixes: readonly string[]): DamagedCode[] {
  if (suffixes.length === 0) return [];
  return [...new Set(codes)].flatMap((c) => {
    const d = damagedCode(c, suffixes);
    return d ? [d] : [];
  });
}

/**
 * The suffixes as stored: upper-case letters and digits, 1-4 long, at most 4, no repeats, and
 * none the end of another (with `U` and `XU`, `351038XU` would name two SKUs). Refused with
 * `invalid_damaged_suffix` otherwise. An empty list turns the rule off.
 */
export function validateDamagedSuffixes(suffixes: readonly string[]): string[] {
  const problems: string[] = [];
  if (suffixes.length > MAX_DAMAGED_SUFFIXES) problems.push(`at most ${MAX_DAMAGED_SUFFIXES} suffixes`);
  for (const s of suffixes) {
    if (!DAMAGED_SUFFIX_PATTERN.test(s)) problems.push(`"${s}" is not 1-4 upper-case letters or digits`);
  }
  suffixes.forEach((s, i) => {
    if (suffixes.indexOf(s) !== i) problems.push(`"${s}" is named twice`);
    for (const other of suffixes) {
      if (other !== s && other.endsWith(s))
        problems.push(`"${other}" ends with "${s}": a code would be ambiguous`);
    }
  });
  if (problems.length > 0) {
    fail('invalid_damaged_suffix', `invalid damaged-stock suffixes: ${problems.join('; ')}`, {
      suffixes,
      problems,
    });
  }
  return [...suffixes];
}
