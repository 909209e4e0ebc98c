import { describe, expect, it } from 'vitest';
import { bulkItems, describeBulk, EMPTY_BULK_FORM, subtreeOf } from '../../web/src/lib/catalogue-admin.ts';
import { ADMIN } from '../../web/src/lib/i18n-admin.ts';

const skus = [
  { sku: 'TEE-S', categories: ['apparel'] },
  { sku: 'TEE-M', categories: [] },
];

describe('bulk edit form to PATCH /v1/skus items', () => {
  it('changes only the fields set, for every chosen SKU', () => {
    const { errors, items } = bulkItems(
      { ...EMPTY_BULK_FORM, price: '15', attributes: 'fabric=cotton\nweightG=180\nold=' },
      skus,
    );
    expect(errors).toEqual([]);
    expect(items).toEqual([
      { sku: 'TEE-S', price: 15, attributes: { fabric: 'cotton', weightG: 180, old: null } },
      { sku: 'TEE-M', price: 15, attributes: { fabric: 'cotton', weightG: 180, old: null } },
    ]);
  });

  it("adds a category to each SKU's own, or makes it the only one", () => {
    expect(bulkItems({ ...EMPTY_BULK_FORM, category: 'sale' }, skus).items.map((i) => i.categories)).toEqual([
      ['apparel', 'sale'],
      ['sale'],
    ]);
    expect(
      bulkItems({ ...EMPTY_BULK_FORM, category: 'sale', categoryMode: 'replace' }, skus).items.map(
        (i) => i.categories,
      ),
    ).toEqual([['sale'], ['sale']]);
  });

  it('refuses a bad amount, an attribute line without =, nothing to change, and no SKU', () => {
    expect(bulkItems({ ...EMPTY_BULK_FORM, price: '1,5' }, skus).errors).toEqual([
      'Price is not an amount (0 or more)',
    ]);
    expect(bulkItems({ ...EMPTY_BULK_FORM, attributes: 'colour' }, skus).errors).toEqual([
      'Attributes: "colour" should read key=value',
    ]);
    expect(bulkItems(EMPTY_BULK_FORM, skus).errors).toEqual([
      'Nothing to change: set a price, a unit cost, a category or an attribute',
    ]);
    expect(bulkItems({ ...EMPTY_BULK_FORM, unitCost: '2' }, []).errors).toEqual([
      'Choose the SKUs to change',
    ]);
  });

  it('says what it will do', () => {
    expect(
      describeBulk({ ...EMPTY_BULK_FORM, price: '15', category: 'sale' }, 2, (n) => `£${n.toFixed(2)}`),
    ).toBe('Change 2 SKUs: price £15.00; add to category sale. All of them or none.');
    expect(describeBulk({ ...EMPTY_BULK_FORM, unitCost: '2' }, 1, (n) => `£${n.toFixed(2)}`)).toBe(
      'Change 1 SKU: unit cost £2.00. All of them or none.',
    );
    // Chinese counts one SKU or many with the same measure word.
    expect(
      describeBulk({ ...EMPTY_BULK_FORM, price: '15' }, 2, (n) => `¥${n}`, ADMIN['zh-CN'].bulkEdit),
    ).toBe('更改 2 个 SKU：价格 ¥15。要么全部更改，要么都不改。');
  });
});

describe('category moves', () => {
  it('leave out the category and everything under it', () => {
    const tree = [
      { code: 'home', name: 'Home', parent: null, path: ['home'] },
      { code: 'kitchen', name: 'Kitchen', parent: 'home', path: ['home', 'kitchen'] },
      { code: 'mugs', name: 'Mugs', parent: 'kitchen', path: ['home', 'kitchen', 'mugs'] },
      { code: 'apparel', name: 'Apparel', parent: null, path: ['apparel'] },
    ].map((c) => ({ ...c, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }));
    expect([...subtreeOf(tree, 'kitchen')].sort()).toEqual(['kitchen', 'mugs']);
  });
});
