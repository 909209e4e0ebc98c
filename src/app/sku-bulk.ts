/**
 * Bulk edit of SKUs (`PATCH /v1/skus`): many SKUs' price, cost, name, categories, attributes
 * or product in one transaction. All or nothing: an unknown SKU, product or category anywhere
 * in the list refuses the whole list, naming every one, and nothing changes.
 */
import { fail } from '../domain/errors.ts';
import { requireCategories } from './categories.ts';
import {
  failMissingReference,
  requireProducts,
  setSkuCategories,
  SKU_COLUMNS,
  toSku,
  type Sku,
} from './catalog.ts';
import type { AppContext } from './context.ts';

export const MAX_BULK_SKUS = 1000;

export interface SkuPatch {
  sku: string;
  name?: string | undefined;
  price?: number | null | undefined;
  unitCost?: number | null | undefined;
  /** Merged into the SKU's attributes; a key set to null is removed. */
  attributes?: Record<string, unknown> | undefined;
  /** Replaces the SKU's categories. */
  categories?: string[] | undefined;
  product?: string | null | undefined;
  options?: Record<string, string> | undefined;
  volumeLitres?: number | null | undefined;
}

export async function patchSkus(ctx: AppContext, patches: SkuPatch[]): Promise<{ items: Sku[] }> {
  if (patches.length > MAX_BULK_SKUS) {
    fail('invalid_request', `at most ${MAX_BULK_SKUS} SKUs per request`, { skus: patches.length });
  }
  const seen = new Set<string>();
  const repeated = patches.filter((p) => seen.size === seen.add(p.sku).size).map((p) => p.sku);
  if (repeated.length > 0) {
    fail('invalid_request', `each SKU may appear once: ${[...new Set(repeated)].join(', ')}`, {
      skus: [...new Set(repeated)],
    });
  }
  await requireCategories(
    ctx.db,
    patches.flatMap((p) => p.categories ?? []),
  );
  await requireProducts(
    ctx.db,
    patches.map((p) => p.product),
  );
  const skus = patches.map((p) => p.sku);
  return ctx.db.transaction(async (tx) => {
    try {
      // One statement for every SKU; a field is changed only where the patch has the key, so
      // an explicit null (price, cost, product) clears it. Rows are locked in SKU order.
      const { rows } = await tx.query<{ sku: string }>(
        `with patch as (
           select e.item, e.item->>'sku' as sku from jsonb_array_elements($1::jsonb) as e(item)),
         locked as (
           select s.sku from skus s join patch p on p.sku = s.sku order by s.sku for update of s)
         update skus s set
           name = case when p.item ? 'name' then p.item->>'name' else s.name end,
           price = case when p.item ? 'price' then (p.item->>'price')::numeric else s.price end,
           unit_cost = case when p.item ? 'unitCost' then (p.item->>'unitCost')::numeric else s.unit_cost end,
           product = case when p.item ? 'product' then p.item->>'product' else s.product end,
           options = case when p.item ? 'options' then p.item->'options' else s.options end,
           volume_litres = case when p.item ? 'volumeLitres' then (p.item->>'volumeLitres')::numeric
             else s.volume_litres end,
           attributes = case when p.item ? 'attributes'
             then (s.attributes || p.item->'attributes')
                  - array(select key from jsonb_each(p.item->'attributes') where value = 'null'::jsonb)
             else s.attributes end,
           updated_at = $2
         from patch p
         where p.sku = s.sku and s.sku in (select sku from locked)
         returning s.sku`,
        [JSON.stringify(patches), ctx.clock()],
      );
      if (rows.length < skus.length) {
        const found = new Set(rows.map((r) => r.sku));
        const missing = skus.filter((s) => !found.has(s));
        fail('unknown_sku', `unknown SKU ${missing.join(', ')}`, { skus: missing });
      }
      await setSkuCategories(
        tx,
        patches.flatMap((p) => (p.categories ? [{ sku: p.sku, categories: p.categories }] : [])),
      );
      const { rows: read } = await tx.query<Parameters<typeof toSku>[0]>(
        `select ${SKU_COLUMNS} from skus s where s.sku = any($1::text[]) order by s.sku`,
        [skus],
      );
      return { items: read.map(toSku) };
    } catch (err) {
      const product = patches.find((p) => p.product)?.product;
      return failMissingReference(err, product);
    }
  });
}
