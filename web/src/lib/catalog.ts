/**
 * The catalogue in the dashboard: SKU, product and category shapes as the API answers them,
 * the SKU form's text fields turned into a request body (and back). The catalogue upload is
 * lib/upload.ts.
 */

import type { Body, Ok } from './api.ts';
import { ADMIN, type AdminMessages } from './i18n-admin.ts';

/** The SKU form's messages in the chosen language (English when none is given). */
type SkuFormWords = AdminMessages['skuEdit'];

/** A SKU as GET /v1/skus/{sku} answers it (`unitCost` absent for storefront keys). */
export type CatalogSku = Ok<'/v1/skus/{sku}', 'get'>;
export type Category = Ok<'/v1/categories', 'get'>['items'][number];
export type Product = Ok<'/v1/products', 'get'>['items'][number];
export type ProductView = Ok<'/v1/products/{code}', 'get'>;
export type ProductStock = Ok<'/v1/products/{code}/stock', 'get'>;
/** What POST /v1/catalog/import answers: rows read, SKUs and products written. */
export type CatalogImported = Ok<'/v1/catalog/import', 'post'>;

/** A category's name indented by its depth, for a flat <select> of the tree. */
export const categoryLabel = (c: Category): string => `${'\u00a0\u00a0'.repeat(c.path.length - 1)}${c.name}`;

/** The SKU form as typed: every field text, so a half-typed number is kept as typed. */
export interface SkuForm {
  sku: string;
  name: string;
  price: string;
  unitCost: string;
  product: string;
  /** `size=M; colour=red` */
  options: string;
  categories: string[];
  /** One `key=value` per line. */
  attributes: string;
}

export const EMPTY_SKU_FORM: SkuForm = {
  sku: '',
  name: '',
  price: '',
  unitCost: '',
  product: '',
  options: '',
  categories: [],
  attributes: '',
};

const CODE = /^[A-Za-z0-9\-_.:/]{1,64}$/;

export function skuToForm(s: CatalogSku): SkuForm {
  return {
    sku: s.sku,
    name: s.name,
    price: s.price === null ? '' : String(s.price),
    unitCost: s.unitCost === null || s.unitCost === undefined ? '' : String(s.unitCost),
    product: s.product ?? '',
    options: Object.entries(s.options)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    categories: [...s.categories],
    attributes: Object.entries(s.attributes)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('\n'),
  };
}

function pairs(
  text: string,
  separator: RegExp,
  what: string,
  errors: string[],
  words: SkuFormWords,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(separator)) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    if (!key) {
      errors.push(words.notKeyValue(what, part.trim()));
      continue;
    }
    if (key in out) errors.push(words.twice(what, key));
    out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

function amount(text: string, what: string, errors: string[], words: SkuFormWords): number | null {
  if (text.trim() === '') return null;
  const value = Number(text.trim());
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value)) {
    errors.push(words.notAnAmount(what));
    return null;
  }
  return value;
}

/** Numbers, true/false and JSON objects or lists keep their type; anything else is text. */
function attributeValue(text: string): unknown {
  if (/^(-?\d+(\.\d+)?|true|false|[[{].*)$/s.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The body of PUT /v1/skus/{sku}, or what is wrong with the form. */
export function formToBody(
  form: SkuForm,
  words: SkuFormWords = ADMIN.en.skuEdit,
): { errors: string[]; body: Body<'/v1/skus/{sku}', 'put'> } {
  const errors: string[] = [];
  const f = words.field;
  if (!CODE.test(form.sku)) errors.push(words.badCode);
  if (form.name.trim() === '') errors.push(words.nameRequired);
  const product = form.product.trim();
  if (product && !CODE.test(product)) errors.push(words.badProduct);
  const body = {
    name: form.name.trim(),
    price: amount(form.price, f.price, errors, words),
    unitCost: amount(form.unitCost, f.unitCost, errors, words),
    product: product || null,
    options: pairs(form.options, /;/, f.options, errors, words),
    categories: form.categories,
    attributes: Object.fromEntries(
      Object.entries(pairs(form.attributes, /\n/, f.attributes, errors, words)).map(([k, v]) => [
        k,
        attributeValue(v),
      ]),
    ),
  };
  return { errors, body };
}
