/**
 * The catalogue as CSV: export, and import that is all or nothing and can be run again.
 *
 * Columns (header row, any order, names case-insensitive, `_`/`-`/spaces ignored):
 *   sku, name                        required
 *   price, unit_cost                 amounts
 *   product, product_name            the product the SKU is a variant of (created if new)
 *   options                          `size=M; colour=red`
 *   categories                       category codes separated by `|`
 *   attributes                       a JSON object
 * A column present in the header sets that field on every row (an empty cell clears it); a
 * column left out keeps what the SKU has. Importing a file again changes nothing more, so an
 * import that failed half-way (it cannot: one transaction) or was interrupted can be re-run.
 * Every bad row is reported with its line number (the header is line 1) and nothing is written.
 */
import { CODE_PATTERN } from '../domain/orders.ts';
import { fail } from '../domain/errors.ts';
import type { Transaction } from '../db/database.ts';
import { categoryAndDescendants, inCategoriesSql } from './categories.ts';
import { setSkuCategories } from './catalog.ts';
import { failOptionGuard } from './variant-options.ts';
import { failDamagedCodeAsSku, getDamagedSuffixes, isDamagedCodeSql } from './damaged-suffix.ts';
import { damagedCode } from '../domain/damaged-suffix.ts';
import type { AppContext } from './context.ts';
import { csvLine, parseCsvRecords, recordStartLine, unguardCsvText } from './csv.ts';

export const CATALOG_COLUMNS = [
  'sku',
  'name',
  'price',
  'unit_cost',
  'product',
  'product_name',
  'options',
  'categories',
  'attributes',
] as const;
type Column = (typeof CATALOG_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 100_000;
const MAX_AMOUNT = 1e9;
const MAX_NAME = 200;
/** Problems listed in an error, at most. */
const LISTED = 100;
/** SKUs written per statement. */
const WRITE_BATCH = 500;

export interface CatalogRow {
  line: number;
  sku: string;
  name: string;
  price: number | null;
  unitCost: number | null;
  product: string | null;
  productName: string | null;
  options: Record<string, string>;
  categories: string[];
  attributes: Record<string, unknown>;
}

export interface CatalogPlan {
  /** The columns the file has: only those are written. */
  columns: Set<Column>;
  rows: CatalogRow[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

const normalise = (name: string) => name.replace(/[\s_-]/g, '').toLowerCase();

function amount(raw: string, column: string, problems: string[]): number | null {
  if (raw === '') return null;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(raw)) {
    problems.push(`${column} "${raw}" is not an amount (0 or more)`);
    return null;
  }
  const value = Number(raw);
  if (value > MAX_AMOUNT) problems.push(`${column} ${raw} is more than ${MAX_AMOUNT}`);
  return value;
}

/** `size=M; colour=red` → {size: 'M', colour: 'red'}. */
export function parseOptions(raw: string, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!key || key.length > 64 || value.length > 200) {
      problems.push(`options "${raw}" should read like "size=M; colour=red"`);
      return {};
    }
    if (key in out) problems.push(`option ${key} is given twice`);
    out[key] = value;
  }
  if (Object.keys(out).length > 10) problems.push('at most 10 options per SKU');
  return out;
}

export const formatOptions = (options: Record<string, string>): string =>
  Object.entries(options)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

function code(raw: string, column: string, problems: string[]): string | null {
  if (raw === '') return null;
  if (!CODE_PATTERN.test(raw)) {
    problems.push(`${column} "${raw}" is not a valid code (letters, digits and - _ . : /, at most 64)`);
  }
  return raw;
}

/** Reads the file into rows, or every problem by line. Pure: no database. */
export function parseCatalogCsv(text: string): { plan: CatalogPlan; problems: CsvProblem[] } {
  const plan: CatalogPlan = { columns: new Set(), rows: [] };
  const problems: CsvProblem[] = [];
  const parsed = parseCsvRecords(text);
  if ('invalid' in parsed) return { plan, problems: [parsed.invalid] };
  const { records } = parsed;
  const header = records[0];
  if (!header) return { plan, problems: [{ line: 1, message: 'the file is empty: expected a header row' }] };
  const index = new Map<Column, number>();
  header.record.forEach((name, i) => {
    const column = CATALOG_COLUMNS.find((c) => normalise(c) === normalise(name));
    if (!column)
      problems.push({
        line: 1,
        message: `unknown column "${name}" (expected ${CATALOG_COLUMNS.join(', ')})`,
      });
    else if (index.has(column)) problems.push({ line: 1, message: `column ${column} appears twice` });
    else index.set(column, i);
  });
  for (const required of ['sku', 'name'] as const) {
    if (!index.has(required)) problems.push({ line: 1, message: `missing column ${required}` });
  }
  if (problems.length > 0) return { plan, problems };
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return { plan, problems: [{ line: 1, message: `at most ${MAX_IMPORT_ROWS} rows per file` }] };
  }
  plan.columns = new Set(index.keys());

  const firstLine = new Map<string, number>();
  const productNames = new Map<string, { name: string; line: number }>();
  for (const { record, info, raw } of records.slice(1)) {
    const line = recordStartLine(info.lines, raw);
    const issues: string[] = [];
    if (record.length !== header.record.length) {
      problems.push({ line, message: `expected ${header.record.length} fields, found ${record.length}` });
      continue;
    }
    const cell = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : unguardCsvText(record[i] ?? '');
    };
    const sku = code(cell('sku'), 'sku', issues) ?? '';
    if (!sku) issues.push('sku is empty');
    const name = cell('name');
    if (!name) issues.push('name is empty');
    else if (name.length > MAX_NAME) issues.push(`name is longer than ${MAX_NAME} characters`);
    const product = code(cell('product'), 'product', issues);
    const productName = cell('product_name') || null;
    if (productName && !product) issues.push('product_name given without a product');
    if (productName && productName.length > MAX_NAME)
      issues.push(`product_name is longer than ${MAX_NAME} characters`);
    const categories = cell('categories')
      .split('|')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    for (const c of categories) code(c, 'category', issues);
    let attributes: Record<string, unknown> = {};
    const rawAttributes = cell('attributes');
    if (rawAttributes !== '') {
      try {
        const parsed: unknown = JSON.parse(rawAttributes);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        attributes = parsed as Record<string, unknown>;
        if (Object.keys(attributes).length > 50) issues.push('at most 50 attributes');
      } catch {
        issues.push('attributes is not a JSON object');
      }
    }
    const row: CatalogRow = {
      line,
      sku,
      name,
      price: amount(cell('price'), 'price', issues),
      unitCost: amount(cell('unit_cost'), 'unit_cost', issues),
      product,
      productName,
      options: parseOptions(cell('options'), issues),
      categories: [...new Set(categories)],
      attributes,
    };
    if (sku) {
      const seen = firstLine.get(sku);
      if (seen !== undefined) issues.push(`SKU ${sku} is also on line ${seen}`);
      else firstLine.set(sku, line);
    }
    if (product && productName) {
      const named = productNames.get(product);
      if (named && named.name !== productName) {
        issues.push(`product ${product} is named "${named.name}" on line ${named.line}`);
      } else if (!named) productNames.set(product, { name: productName, line });
    }
    for (const message of issues) problems.push({ line, message });
    if (issues.length === 0) plan.rows.push(row);
  }
  return { plan, problems };
}

/** Refuses with every problem listed by line (the first LISTED of them). */
export function failCsv(problems: CsvProblem[]): never {
  const rows = new Set(problems.map((p) => p.line)).size;
  return fail('invalid_csv', `${rows} bad row(s); nothing was imported`, {
    errors: problems.slice(0, LISTED),
    total: problems.length,
  });
}

export interface CatalogImportSummary {
  rows: number;
  skusCreated: number;
  skusUpdated: number;
  productsCreated: number;
}

export type ImportProgress = (done: number, total: number) => void;

/**
 * Writes a parsed file in one transaction: products first, then SKUs in batches, then their
 * categories. A category that does not exist refuses the file with the lines that name it.
 */
export async function importCatalog(
  ctx: AppContext,
  plan: CatalogPlan,
  onProgress: ImportProgress = () => {},
): Promise<CatalogImportSummary> {
  const now = ctx.clock();
  return ctx.db
    .transaction(async (tx) => {
      await refuseDamagedCodesByLine(tx, plan.rows);
      await requireCategoriesByLine(tx, plan.rows);
      const productsCreated = await upsertProducts(tx, plan.rows, now);
      const has = (c: Column) => plan.columns.has(c);
      if (has('product') || has('options')) {
        await requireOptionNamesByLine(tx, plan.rows, has('product'), has('options'));
      }
      const summary: CatalogImportSummary = {
        rows: plan.rows.length,
        skusCreated: 0,
        skusUpdated: 0,
        productsCreated,
      };
      onProgress(0, plan.rows.length);
      for (let start = 0; start < plan.rows.length; start += WRITE_BATCH) {
        const batch = plan.rows.slice(start, start + WRITE_BATCH);
        const { rows } = await tx.query<{ inserted: boolean }>(
          `insert into skus as s (sku, name, price, unit_cost, product, options, attributes, created_at, updated_at)
         select r.sku, r.name, r.price, r."unitCost", r.product, coalesce(r.options, '{}'), coalesce(r.attributes, '{}'), $2, $2
           from jsonb_to_recordset($1::jsonb) as r(sku text, name text, price numeric, "unitCost" numeric,
                product text, options jsonb, attributes jsonb)
          where not ${isDamagedCodeSql('r.sku')}
          order by r.sku
         on conflict (sku) do update set name = excluded.name,
           price = case when $3 then excluded.price else s.price end,
           unit_cost = case when $4 then excluded.unit_cost else s.unit_cost end,
           product = case when $5 then excluded.product else s.product end,
           options = case when $6 then excluded.options else s.options end,
           attributes = case when $7 then excluded.attributes else s.attributes end,
           updated_at = excluded.updated_at
         returning (xmax = 0) as inserted`,
          [
            JSON.stringify(batch),
            now,
            has('price'),
            has('unit_cost'),
            has('product'),
            has('options'),
            has('attributes'),
          ],
        );
        // The write's own guard: a suffix rule turned on since the check above refuses the file.
        if (rows.length < batch.length) {
          const { suffixes } = await getDamagedSuffixes(tx);
          const named = batch.find((r) => damagedCode(r.sku, suffixes));
          failDamagedCodeAsSku(named?.sku ?? batch[0]!.sku, suffixes);
        }
        for (const r of rows) {
          if (r.inserted) summary.skusCreated++;
          else summary.skusUpdated++;
        }
        if (has('categories')) await setSkuCategories(tx, batch);
        onProgress(Math.min(start + WRITE_BATCH, plan.rows.length), plan.rows.length);
      }
      return summary;
    })
    .catch((err: unknown) => {
      // A product that dropped an option meanwhile: the trigger's refusal, with its stable code.
      failOptionGuard(err);
      throw err;
    });
}

/**
 * Under the shop's damaged-suffix rule (docs/unsellable-stock.md) a code such as `351038U` names
 * the damaged units of `351038` and is never a catalogue SKU: the file is refused by line.
 */
async function refuseDamagedCodesByLine(tx: Transaction, rows: readonly CatalogRow[]): Promise<void> {
  const { suffixes } = await getDamagedSuffixes(tx);
  if (suffixes.length === 0) return;
  const problems = rows.flatMap((r) => {
    const d = damagedCode(r.sku, suffixes);
    return d
      ? [
          {
            line: r.line,
            message: `${r.sku} names the damaged units of ${d.base} in this shop; it cannot be a SKU`,
          },
        ]
      : [];
  });
  if (problems.length > 0) failCsv(problems);
}

async function requireCategoriesByLine(tx: Transaction, rows: readonly CatalogRow[]): Promise<void> {
  const named = [...new Set(rows.flatMap((r) => r.categories))];
  if (named.length === 0) return;
  const { rows: known } = await tx.query<{ code: string }>(
    'select code from categories where code = any($1::text[])',
    [named],
  );
  const exists = new Set(known.map((k) => k.code));
  const problems = rows.flatMap((r) =>
    r.categories.filter((c) => !exists.has(c)).map((c) => ({ line: r.line, message: `no category ${c}` })),
  );
  if (problems.length > 0) failCsv(problems);
}

/**
 * A variant's option names must be its product's (after the file's own products were written):
 * the rows that break it, by line. The trigger of migration 034 holds the write to the same rule.
 */
async function requireOptionNamesByLine(
  tx: Transaction,
  rows: readonly CatalogRow[],
  hasProduct: boolean,
  hasOptions: boolean,
): Promise<void> {
  const { rows: bad } = await tx.query<{ line: number; product: string; names: string[]; allowed: string[] }>(
    `select r.line, p.code as product, p.options as allowed,
            array(select k from jsonb_object_keys(o.opts) k where k <> all(p.options) order by k) as names
       from jsonb_to_recordset($1::jsonb) as r(line int, sku text, product text, options jsonb)
       left join skus s on s.sku = r.sku
       cross join lateral (
         select case when $2 then r.product else s.product end as product,
                case when $3 then coalesce(r.options, '{}') else coalesce(s.options, '{}') end as opts) o
       join products p on p.code = o.product
      where jsonb_typeof(o.opts) = 'object'
        and exists (select 1 from jsonb_object_keys(o.opts) k where k <> all(p.options))
      order by r.line`,
    [
      JSON.stringify(rows.map((r) => ({ line: r.line, sku: r.sku, product: r.product, options: r.options }))),
      hasProduct,
      hasOptions,
    ],
  );
  if (bad.length === 0) return;
  failCsv(
    bad.map((b) => ({
      line: b.line,
      message: `option ${b.names.join(', ')} is not an option of product ${b.product} (${b.allowed.join(', ') || 'none'})`,
    })),
  );
}

/** Creates the products the file names (named after their code if the file gives no name). */
async function upsertProducts(tx: Transaction, rows: readonly CatalogRow[], now: Date): Promise<number> {
  const products = new Map<string, { code: string; name: string | null; options: string[] }>();
  for (const r of rows) {
    if (!r.product) continue;
    const p = products.get(r.product) ?? { code: r.product, name: null, options: [] };
    p.name ??= r.productName;
    for (const key of Object.keys(r.options)) if (!p.options.includes(key)) p.options.push(key);
    products.set(r.product, p);
  }
  if (products.size === 0) return 0;
  // A named product takes the file's name; option names the file uses are added to its own.
  const { rows: written } = await tx.query<{ inserted: boolean }>(
    `insert into products as pr (code, name, options, created_at, updated_at)
     select p.code, coalesce(p.name, p.code), array(select jsonb_array_elements_text(p.options)), $2, $2
       from jsonb_to_recordset($1::jsonb) as p(code text, name text, options jsonb)
      order by p.code
     on conflict (code) do update set
       name = coalesce((select q.name from jsonb_to_recordset($1::jsonb) as q(code text, name text)
                         where q.code = pr.code), pr.name),
       options = pr.options || array(select o from unnest(excluded.options) o where o <> all(pr.options)),
       updated_at = excluded.updated_at
     returning (xmax = 0) as inserted`,
    [JSON.stringify([...products.values()]), now],
  );
  return written.filter((w) => w.inserted).length;
}

/** A catalogue row as read back for export: the import's row without its file line. */
type ExportRow = Omit<CatalogRow, 'line'>;

/** The catalogue (or one category with its descendants) as CSV, in SKU order, page by page. */
export async function* exportCatalogCsv(
  ctx: AppContext,
  opts: { category?: string | undefined } = {},
): AsyncGenerator<string> {
  const categories = opts.category ? await categoryAndDescendants(ctx.db, opts.category) : null;
  yield csvLine(CATALOG_COLUMNS);
  let after: string | null = null;
  for (;;) {
    const { rows }: { rows: ExportRow[] } = await ctx.db.query<ExportRow>(
      `select s.sku, s.name, s.price::float8 as price, s.unit_cost::float8 as "unitCost", s.product,
              pr.name as "productName", s.options, s.attributes,
              array(select sc.category from sku_categories sc where sc.sku = s.sku order by sc.category) as categories
         from skus s left join products pr on pr.code = s.product
        where ($1::text is null or s.sku > $1) and ${inCategoriesSql('s', '$2')}
        order by s.sku limit 1000`,
      [after, categories],
    );
    if (rows.length === 0) return;
    yield rows
      .map((r) =>
        csvLine([
          r.sku,
          r.name,
          r.price,
          r.unitCost,
          r.product,
          r.productName,
          formatOptions(r.options),
          r.categories.join('|'),
          Object.keys(r.attributes).length > 0 ? JSON.stringify(r.attributes) : '',
        ]),
      )
      .join('');
    after = rows[rows.length - 1]!.sku;
  }
}
