import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  DEFAULT_STATE,
  pageCount,
  parseState,
  sameRowSet,
  toggleSort,
  toParams,
  update,
} from '../../web/src/lib/sku-query.ts';

describe('the SKU table’s filters in the address bar', () => {
  it('reads defaults from an empty query and writes nothing back', () => {
    expect(parseState(new URLSearchParams(''))).toEqual(DEFAULT_STATE);
    expect(toParams(DEFAULT_STATE).toString()).toBe('');
  });

  it('round-trips every filter, with pages counted from 1 for people', () => {
    const params = new URLSearchParams(
      'q=heart&warehouse=LON&channel=shop&category=kitchen&state=low&sort=sellable&dir=desc&page=3&size=100',
    );
    const state = parseState(params);
    expect(state).toEqual({
      search: 'heart',
      warehouse: 'LON',
      channel: 'shop',
      category: 'kitchen',
      state: 'low',
      sort: 'sellable',
      desc: true,
      page: 2,
      pageSize: 100,
    });
    expect(toParams(state).toString()).toBe(params.toString());
  });

  it('ignores what it does not know instead of sending it to the API', () => {
    expect(parseState(new URLSearchParams('state=gone&sort=drop&page=-4&size=7'))).toEqual(DEFAULT_STATE);
  });

  it('goes back to the first page when a filter or the sort changes, not when paging', () => {
    const onPage3 = { ...DEFAULT_STATE, page: 2 };
    expect(update(onPage3, { warehouse: 'AMS' }).page).toBe(0);
    expect(update(onPage3, { page: 3 }).page).toBe(3);
    expect(toggleSort(onPage3, 'sellable')).toMatchObject({ sort: 'sellable', desc: true, page: 0 });
    expect(toggleSort({ ...DEFAULT_STATE, sort: 'sellable', desc: true }, 'sellable').desc).toBe(false);
    expect(toggleSort(DEFAULT_STATE, 'name')).toMatchObject({ sort: 'name', desc: false });
  });

  it('turns the state into the API query, offset from page and size', () => {
    expect(apiQuery({ ...DEFAULT_STATE, search: '  mug ', state: 'out', page: 2, pageSize: 25 })).toEqual({
      search: 'mug',
      warehouse: undefined,
      channel: undefined,
      state: 'out',
      sort: 'sku',
      desc: false,
      offset: 50,
      limit: 25,
    });
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
  });

  it('lets earlier rows stand in for another page or order of the same filter, never another filter', () => {
    const first = apiQuery({ ...DEFAULT_STATE, warehouse: 'AMS' });
    expect(sameRowSet(first, apiQuery({ ...DEFAULT_STATE, warehouse: 'AMS', page: 1 }))).toBe(true);
    expect(sameRowSet(first, apiQuery(toggleSort({ ...DEFAULT_STATE, warehouse: 'AMS' }, 'sellable')))).toBe(
      true,
    );
    expect(sameRowSet(first, apiQuery({ ...DEFAULT_STATE, warehouse: 'LON' }))).toBe(false);
    expect(sameRowSet(first, apiQuery({ ...DEFAULT_STATE, warehouse: 'AMS', search: 'mug' }))).toBe(false);
    expect(sameRowSet(first, apiQuery({ ...DEFAULT_STATE, warehouse: 'AMS', state: 'out' }))).toBe(false);
    expect(sameRowSet(first, apiQuery({ ...DEFAULT_STATE, warehouse: 'AMS', category: 'mugs' }))).toBe(false);
    expect(sameRowSet(undefined, first)).toBe(false);
  });
});
