/**
 * Categories: a tree (each category has at most one parent) that SKUs and products belong to,
 * one or more each. Lists, reports and filters take a category and include its descendants.
 *
 * Every write to the tree takes one transaction-scoped advisory lock first, so two moves cannot
 * each pass the cycle check against a tree the other is changing (A under B and B under A at
 * once). The check itself is part of the write: one statement walks the new parent's ancestors
 * and the category's own subtree and inserts or updates only if neither a cycle nor a tree
 * deeper than MAX_CATEGORY_DEPTH would result.
 */
import { isPgError, type Queryable, type Transaction } from '../db/database.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext, Outcome } from './context.ts';

/** Levels from a root to its deepest leaf, the root being level 1. */
export const MAX_CATEGORY_DEPTH = 8;
/** Any fixed number: serialises writes to the category tree. */
const TREE_LOCK = 7_341_029;

export interface CategoryInput {
  name: string;
  /** Omitted or null: a root. */
  parent?: string | null | undefined;
}

export interface Category {
  code: string;
  name: string;
  parent: string | null;
  /** Codes from the root down to this category, itself last. */
  path: string[];
  createdAt: string;
  updatedAt: string;
}

interface CategoryRow {
  code: string;
  name: string;
  parent: string | null;
  created_at: Date;
  updated_at: Date;
}

const toCategory = (row: CategoryRow, path: string[]): Category => ({
  code: row.code,
  name: row.name,
  parent: row.parent,
  path,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

async function lockTree(tx: Transaction): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [TREE_LOCK]);
}

interface Verdict {
  unknown_parent: boolean;
  cycle: boolean;
  depth: number;
  written: (CategoryRow & { inserted: boolean }) | null;
}

export async function putCategory(
  ctx: AppContext,
  code: string,
  input: CategoryInput,
): Promise<Outcome<Category>> {
  const parent = input.parent ?? null;
  return ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    // `ancestors`: the new parent and its ancestors; `subtree`: the category and everything
    // under it, with each one's level below it. Both are bounded so that they end even on a
    // tree this statement would refuse.
    const { rows } = await tx.query<Verdict>(
      `with recursive
         ancestors(code, parent, n) as (
           select code, parent, 1 from categories where code = $3::text
           union all
           select c.code, c.parent, a.n + 1 from categories c join ancestors a on c.code = a.parent
            where a.n <= $5),
         subtree(code, n) as (
           select $1::text collate "C", 1
           union all
           select c.code, s.n + 1 from categories c join subtree s on c.parent = s.code
            where s.n <= $5),
         verdict as (
           select ($3::text is not null and not exists (select 1 from ancestors)) as unknown_parent,
                  exists (select 1 from ancestors where code = $1) as cycle,
                  ((select count(*) from ancestors) + (select max(n) from subtree))::int as depth),
         written as (
           insert into categories as c (code, name, parent, created_at, updated_at)
           select $1, $2, $3, $4, $4 from verdict
            where not unknown_parent and not cycle and depth <= $5
           on conflict (code) do update set name = excluded.name, parent = excluded.parent,
             updated_at = excluded.updated_at
           returning c.*, (xmax = 0) as inserted)
       select v.unknown_parent, v.cycle, v.depth, (select row_to_json(w) from written w) as written
         from verdict v`,
      [code, input.name, parent, ctx.clock(), MAX_CATEGORY_DEPTH],
    );
    const verdict = rows[0]!;
    if (verdict.unknown_parent) fail('unknown_category', `no category ${parent}`, { category: parent });
    if (verdict.cycle) {
      fail('category_cycle', `category ${parent} is ${code} or under it: that would make a cycle`, {
        category: code,
        parent,
      });
    }
    if (!verdict.written) {
      fail(
        'category_too_deep',
        `the tree would be ${verdict.depth} levels deep; at most ${MAX_CATEGORY_DEPTH} are allowed`,
        { category: code, parent, depth: verdict.depth, maxDepth: MAX_CATEGORY_DEPTH },
      );
    }
    const { inserted, ...row } = verdict.written;
    const fixed = {
      ...row,
      created_at: new Date(row.created_at),
      updated_at: new Date(row.updated_at),
    };
    return { created: inserted, body: toCategory(fixed, await pathOf(tx, code)) };
  });
}

/** Codes from the root down to `code`. */
async function pathOf(q: Queryable, code: string): Promise<string[]> {
  const { rows } = await q.query<{ code: string }>(
    `with recursive up(code, parent, n) as (
       select code, parent, 1 from categories where code = $1
       union all
       select c.code, c.parent, u.n + 1 from categories c join up u on c.code = u.parent where u.n <= $2)
     select code from up order by n desc`,
    [code, MAX_CATEGORY_DEPTH],
  );
  return rows.map((r) => r.code);
}

export async function getCategory(ctx: AppContext, code: string): Promise<Category> {
  const { rows } = await ctx.db.query<CategoryRow>('select * from categories where code = $1', [code]);
  if (!rows[0]) fail('unknown_category', `no category ${code}`, { category: code });
  return toCategory(rows[0], await pathOf(ctx.db, code));
}

/** The whole tree, depth first (each parent before its children, siblings by code). */
export async function listCategories(ctx: AppContext): Promise<{ items: Category[]; nextCursor: null }> {
  const { rows } = await ctx.db.query<CategoryRow & { path: string[] }>(
    `with recursive tree as (
       select c.*, array[c.code]::text[] as path from categories c where c.parent is null
       union all
       select c.*, t.path || c.code from categories c join tree t on c.parent = t.code
        where cardinality(t.path) <= $1)
     select * from tree order by path`,
    [MAX_CATEGORY_DEPTH],
  );
  return { items: rows.map((r) => toCategory(r, r.path)), nextCursor: null };
}

/** Deletes a leaf category (its SKUs and products leave it); one with children is refused. */
export async function deleteCategory(ctx: AppContext, code: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockTree(tx);
    const { rows } = await tx.query<{ found: boolean; children: string[]; deleted: boolean }>(
      `with deleted as (
         delete from categories where code = $1
            and not exists (select 1 from categories where parent = $1)
         returning code)
       select exists (select 1 from categories where code = $1) as found,
              array(select code from categories where parent = $1 order by code limit 20) as children,
              exists (select 1 from deleted) as deleted`,
      [code],
    );
    const r = rows[0]!;
    if (r.deleted) return;
    if (!r.found) fail('unknown_category', `no category ${code}`, { category: code });
    fail('category_has_children', `category ${code} has subcategories: move or delete them first`, {
      category: code,
      children: r.children,
    });
  });
}

/**
 * The category and all its descendants, for filters; `unknown_category` if there is none.
 * Other reads filter with `inCategoriesSql` on this list.
 */
export async function categoryAndDescendants(q: Queryable, code: string): Promise<string[]> {
  const { rows } = await q.query<{ code: string }>(
    `with recursive under(code, n) as (
       select code, 1 from categories where code = $1
       union all
       select c.code, u.n + 1 from categories c join under u on c.parent = u.code where u.n <= $2)
     select code from under`,
    [code, MAX_CATEGORY_DEPTH],
  );
  if (rows.length === 0) fail('unknown_category', `no category ${code}`, { category: code });
  return rows.map((r) => r.code);
}

/**
 * SQL: the SKU `skuAlias` (a row of `skus`) is in one of the categories `param` (a text[]
 * parameter, or null for no filter), itself or through its product.
 */
export const inCategoriesSql = (skuAlias: string, param: string): string =>
  `(${param}::text[] is null
     or exists (select 1 from sku_categories sc where sc.sku = ${skuAlias}.sku and sc.category = any(${param}::text[]))
     or exists (select 1 from product_categories pc where pc.product = ${skuAlias}.product
                  and pc.category = any(${param}::text[])))`;

/** Fails `unknown_category` naming every code that is not a category. */
export async function requireCategories(q: Queryable, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const { rows } = await q.query<{ code: string }>(
    'select c as code from unnest($1::text[]) c where not exists (select 1 from categories where code = c)',
    [[...new Set(codes)]],
  );
  if (rows.length > 0) {
    const missing = rows.map((r) => r.code);
    fail('unknown_category', `unknown category ${missing.join(', ')}`, { categories: missing });
  }
}

/**
 * A foreign key refused a category that a concurrent delete removed after `requireCategories`
 * passed: the same answer as if it had been missing from the start.
 */
export function isMissingCategory(err: unknown): boolean {
  return isPgError(err) && err.code === '23503' && /categor/.test(err.message + (err.detail ?? ''));
}
