/**
 * Cursor-paged lists keep the previous rows on screen only while paging the same filter
 * (purchasing's suggestions and purchase orders, filtered by warehouse and supplier).
 */
import { describe, expect, it } from 'vitest';
import { sameFilter } from '../../web/src/components/paging.tsx';

describe('sameFilter', () => {
  const filter = { warehouse: 'LON', supplier: 'GIFTCO', onlyNeeded: true };
  it.each([
    ['the next page of the same filter', ['replenishment', 'list', { ...filter }, 'cursor-2'], true],
    ['the first page of the same filter', ['replenishment', 'list', { ...filter }, undefined], true],
    [
      'the supplier alone (warehouse not chosen yet)',
      ['replenishment', 'list', { supplier: 'GIFTCO', onlyNeeded: true }, undefined],
      false,
    ],
    ['another warehouse', ['replenishment', 'list', { ...filter, warehouse: 'AMS' }, undefined], false],
    ['no earlier query', undefined, false],
  ])('%s', (_what, key, same) => {
    expect(sameFilter(key as unknown[] | undefined, filter)).toBe(same);
  });
});
