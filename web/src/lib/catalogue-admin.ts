/**
 * Catalogue administration in the dashboard: the bulk edit form turned into the items of
 * PATCH /v1/skus (and a sentence saying what it will do), and the category tree's moves.
 */
import type { CatalogSku, Category } from './catalog.ts';
import { formatUnits } from './format.ts';
import { ADMIN, type AdminMessages } from './i18n-admin.ts';

/** The bulk edit's messages in the chosen language (English when none is given). */
type BulkWords = AdminMessages['bulkEdit'];

/** The category and every one under it: where it may not be moved to. */
export function subtreeOf(all: readonly Category[], code: string): Set<string> {
  return new Set(all.filter((c) => c.path.includes(code)).map((c) => c.code));
}

/** The bulk edit form as typed: an empty field leaves that field of every SKU as it is. */
export interface BulkForm {
  price: string;
  unitCost: string;
  /** A category code, or '' for none. */
  category: string;
  /** With a category: 'add' keeps each SKU's other categories, 'replace' makes it the only one. */
  categoryMode: 'add' | 'replace';
  /** One `key=value` per line; `key=` removes the attribute. */
  attributes: string;
}

export const EMPTY_BULK_FORM: BulkForm = {
  price: '',
  unitCost: '',
  category: '',
  categoryMode: 'add',
  attributes: '',
};

export interface BulkItem {
  sku: string;
  price?: number;
  unitCost?: number;
  categories?: string[];
  attributes?: Record<string, unknown>;
}

const AMOUNT = /^\d+(\.\d+)?$/;

function amount(
  text: string,
  what: 'price' | 'unitCost',
  errors: string[],
  words: BulkWords,
): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (!AMOUNT.test(t)) {
    errors.push(words.notAnAmount(what));
    return undefined;
  }
  return Number(t);
}

/** Numbers and true/false keep their type; an empty value removes the key (null). */
function attributeValue(text: string): unknown {
  if (text === '') return null;
  if (/^(-?\d+(\.\d+)?|true|false)$/.test(text)) return JSON.parse(text) as unknown;
  return text;
}

function attributes(text: string, errors: string[], words: BulkWords): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (!key) {
      errors.push(words.notKeyValue(line.trim()));
      continue;
    }
    out[key] = attributeValue(line.slice(eq + 1).trim());
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The items of PATCH /v1/skus for the chosen SKUs, each changing only what the form sets, or
 * what is wrong with the form. Adding a category keeps each SKU's own (the API replaces the set).
 */
export function bulkItems(
  form: BulkForm,
  skus: readonly Pick<CatalogSku, 'sku' | 'categories'>[],
  words: BulkWords = ADMIN.en.bulkEdit,
): { errors: string[]; items: BulkItem[] } {
  const errors: string[] = [];
  const price = amount(form.price, 'price', errors, words);
  const unitCost = amount(form.unitCost, 'unitCost', errors, words);
  const attrs = attributes(form.attributes, errors, words);
  const category = form.category.trim();
  if (
    price === undefined &&
    unitCost === undefined &&
    attrs === undefined &&
    !category &&
    errors.length === 0
  ) {
    errors.push(words.nothingToChange);
  }
  if (skus.length === 0) errors.push(words.chooseSkus);
  if (errors.length > 0) return { errors, items: [] };
  const items = skus.map((s) => {
    const item: BulkItem = { sku: s.sku };
    if (price !== undefined) item.price = price;
    if (unitCost !== undefined) item.unitCost = unitCost;
    if (attrs !== undefined) item.attributes = attrs;
    if (category) {
      item.categories =
        form.categoryMode === 'replace' ? [category] : [...new Set([...s.categories, category])].sort();
    }
    return item;
  });
  return { errors, items };
}

/** What the bulk edit will do, in words. */
export function describeBulk(
  form: BulkForm,
  count: number,
  money: (n: number) => string,
  words: BulkWords = ADMIN.en.bulkEdit,
): string {
  const parts: string[] = [];
  if (form.price.trim()) parts.push(words.price(money(Number(form.price))));
  if (form.unitCost.trim()) parts.push(words.unitCost(money(Number(form.unitCost))));
  if (form.category.trim()) {
    parts.push(
      form.categoryMode === 'replace' ? words.onlyCategory(form.category) : words.toCategory(form.category),
    );
  }
  const attrs = form.attributes
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (attrs.length > 0) parts.push(words.setAttributes(attrs.join(', ')));
  return words.summary(count, formatUnits(count), parts);
}
