/**
 * Keys for maps of things named by several codes (a SKU at a warehouse, a SKU in a region, a
 * zone of a warehouse), and the one way to add up items that share such a key. Codes never hold
 * a NUL, so a NUL separates the parts; a missing part (null, undefined) is the empty string.
 */
const SEPARATOR = '\u0000';

/** One key for the parts, in the order given. */
export function keyOf(...parts: readonly (string | null | undefined)[]): string {
  return parts.map((p) => p ?? '').join(SEPARATOR);
}

/** The parts of a key made by `keyOf` (missing parts come back as ''). */
export function partsOf(key: string): string[] {
  return key.split(SEPARATOR);
}

/** One key per stock position (a SKU at a warehouse). */
export function positionKey(sku: string, warehouse: string): string {
  return keyOf(sku, warehouse);
}

/**
 * Items with the same key become one: a copy of the first, into which `add` adds each later
 * one. In the order each key was first seen; `sortByKey` orders them by key instead (for
 * positions: by SKU, then warehouse, the order positions are locked and reported in).
 */
export function mergeBy<T extends object>(
  items: Iterable<T>,
  key: (item: T) => string,
  add: (into: T, item: T) => void,
  options: { sortByKey?: boolean } = {},
): T[] {
  const merged = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const seen = merged.get(k);
    if (seen) add(seen, item);
    else merged.set(k, { ...item });
  }
  const entries = [...merged.entries()];
  if (options.sortByKey) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([, item]) => item);
}

/** For `mergeBy`: items that are one demand add their quantities. */
export function addQty(into: { qty: number }, item: { qty: number }): void {
  into.qty += item.qty;
}
