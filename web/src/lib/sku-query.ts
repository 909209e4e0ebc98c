/**
 * The SKU table's state (search, filters, sort, page) kept in the address bar, so a filtered
 * view can be bookmarked and shared, and turned into the API query of GET /v1/dashboard/skus.
 */
import type { Query } from './api.ts';

export const SORTS = ['sku', 'name', 'sellable', 'onHand', 'reserved', 'unsellable', 'value'] as const;
export type Sort = (typeof SORTS)[number];
export const STATES = ['out', 'low', 'overstock'] as const;
export type State = (typeof STATES)[number];
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface SkuTableState {
  search: string;
  warehouse: string;
  channel: string;
  /** A category code: SKUs in it or in one under it. */
  category: string;
  state: State | '';
  sort: Sort;
  desc: boolean;
  page: number;
  pageSize: number;
}

export const DEFAULT_STATE: SkuTableState = {
  search: '',
  warehouse: '',
  channel: '',
  category: '',
  state: '',
  sort: 'sku',
  desc: false,
  page: 0,
  pageSize: 50,
};

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | undefined =>
  values.includes(v as T) ? (v as T) : undefined;

export function parseState(params: URLSearchParams): SkuTableState {
  const page = Number(params.get('page') ?? '1');
  const size = Number(params.get('size'));
  return {
    search: params.get('q') ?? '',
    warehouse: params.get('warehouse') ?? '',
    channel: params.get('channel') ?? '',
    category: params.get('category') ?? '',
    state: oneOf(STATES, params.get('state')) ?? '',
    sort: oneOf(SORTS, params.get('sort')) ?? DEFAULT_STATE.sort,
    desc: params.get('dir') === 'desc',
    page: Number.isInteger(page) && page >= 1 ? page - 1 : 0,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_STATE.pageSize,
  };
}

/** Only what differs from the defaults, pages counted from 1 for people. */
export function toParams(s: SkuTableState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.search) p.set('q', s.search);
  if (s.warehouse) p.set('warehouse', s.warehouse);
  if (s.channel) p.set('channel', s.channel);
  if (s.category) p.set('category', s.category);
  if (s.state) p.set('state', s.state);
  if (s.sort !== DEFAULT_STATE.sort) p.set('sort', s.sort);
  if (s.desc) p.set('dir', 'desc');
  if (s.page > 0) p.set('page', String(s.page + 1));
  if (s.pageSize !== DEFAULT_STATE.pageSize) p.set('size', String(s.pageSize));
  return p;
}

/** A change of filter or sort goes back to the first page; paging keeps the rest. */
export function update(s: SkuTableState, change: Partial<SkuTableState>): SkuTableState {
  const resets = Object.keys(change).some((k) => k !== 'page');
  return { ...s, ...change, page: change.page ?? (resets ? 0 : s.page) };
}

/** Clicking a column: sort by it ascending, or flip its direction; numbers start high first. */
export function toggleSort(s: SkuTableState, column: Sort): SkuTableState {
  if (s.sort === column) return update(s, { desc: !s.desc });
  return update(s, { sort: column, desc: column !== 'sku' && column !== 'name' });
}

export function apiQuery(s: SkuTableState): Query<'/v1/dashboard/skus'> {
  return {
    search: s.search.trim() || undefined,
    warehouse: s.warehouse || undefined,
    channel: s.channel || undefined,
    category: s.category || undefined,
    state: s.state || undefined,
    sort: s.sort,
    desc: s.desc,
    offset: s.page * s.pageSize,
    limit: s.pageSize,
  };
}

/**
 * Whether two API queries ask for the same rows in another order or page: only then may the
 * earlier answer stand in (dimmed) while the new one loads. A changed search or filter shows the
 * loading state instead, never rows the new filter may not hold (one could select and act on them).
 */
export function sameRowSet(
  previous: Query<'/v1/dashboard/skus'> | undefined,
  next: Query<'/v1/dashboard/skus'>,
): boolean {
  if (previous === undefined) return false;
  const rowSet = (q: Query<'/v1/dashboard/skus'>) =>
    JSON.stringify([q.search, q.warehouse, q.channel, q.category, q.state]);
  return rowSet(previous) === rowSet(next);
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
