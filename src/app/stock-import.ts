/**
 * Importing a catalogue and opening stock from CSV, the use case behind `stockroom import` and
 * the demo loader (src/app/demo.ts).
 *
 * Columns (header row, any order, case-insensitive): sku, name, price, unitCost, warehouse,
 * qty. Only sku and name are required. Every row is checked before anything is written: one
 * bad row and nothing is imported. SKUs are upserted with putSku; stock arrives as receipts
 * of up to 1000 lines per warehouse, each with an Idempotency-Key derived from a hash of the
 * file's stock lines and the batch number, so importing the same file again adds no stock.
 */
import { createHash } from 'node:crypto';
import { failCsv } from './catalog-csv.ts';
import { getSku, putSku, putWarehouse, type SkuInput } from './catalog.ts';
import { randomId, SYSTEM_ACTOR, type AppContext } from './context.ts';
import { createContext } from './create-context.ts';
import { parseCsvRecords, recordStartLine } from './csv.ts';
import { damagedCodesOf } from './damaged-suffix.ts';
import { stableJson } from './idempotency.ts';
import { receiveGoods } from './stock.ts';
import { transactionAsDatabase, type Database } from '../db/database.ts';
import { DomainError, fail } from '../domain/errors.ts';
import { CODE_PATTERN as CODE, MAX_QTY } from '../domain/orders.ts';

const MAX_PRICE = 1e9;
const MAX_NAME = 200;
/** Lines per receipt, the API's limit for one request. */
export const RECEIPT_BATCH = 1000;
/**
 * The receipts' Idempotency-Key prefix of an import, from the CLI or over HTTP: the same file
 * imported either way is the same receipts, so its stock is added once.
 */
export const IMPORT_KEY_PREFIX = 'import';
/** SKUs written per transaction. */
const CATALOGUE_BATCH = 1000;
const COLUMNS = ['sku', 'name', 'price', 'unitCost', 'warehouse', 'qty'] as const;
type Column = (typeof COLUMNS)[number];

/** What an import writes: SKUs in file order, and units per warehouse and SKU. */
export interface StockPlan {
  skus: Map<string, SkuFields>;
  stock: Map<string, Map<string, number>>;
}

/** A SKU's catalogue fields; undefined price or cost: not given (an existing value is kept). */
export interface SkuFields {
  name: string;
  price: number | undefined;
  unitCost: number | undefined;
}

export interface RowError {
  line: number;
  message: string;
}

const normalise = (header: string) => header.replace(/[\s_-]/g, '').toLowerCase();

function parseAmount(raw: string, column: string): number | string | undefined {
  if (raw === '') return undefined;
  if (/^-(\d+(\.\d*)?|\.\d+)$/.test(raw)) return `${column} ${raw} is negative`;
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(raw)) return `${column} "${raw}" is not a number`;
  const value = Number(raw);
  if (value > MAX_PRICE) return `${column} ${raw} is more than ${MAX_PRICE}`;
  return value;
}

/**
 * Reads a catalogue CSV into a plan, or the list of bad rows. `line` numbers are the file's
 * (the header is line 1). Pure: no database.
 */
export function planFromCsv(
  text: string,
  options: { defaultWarehouse?: string | undefined } = {},
): { plan: StockPlan; errors: RowError[]; rows: number } {
  const plan: StockPlan = { skus: new Map(), stock: new Map() };
  const errors: RowError[] = [];
  const parsed = parseCsvRecords(text);
  if ('invalid' in parsed) return { plan, errors: [parsed.invalid], rows: 0 };
  const { records } = parsed;
  const first = records[0];
  if (!first)
    return { plan, errors: [{ line: 1, message: 'the file is empty: expected a header row' }], rows: 0 };
  const rows = records.length - 1;

  const index = new Map<Column, number>();
  const headerLine = first.info.lines;
  first.record.forEach((name, i) => {
    const column = COLUMNS.find((c) => normalise(c) === normalise(name));
    if (!column) {
      errors.push({
        line: headerLine,
        message: `unknown column "${name}" (expected ${COLUMNS.join(', ')})`,
      });
    } else if (index.has(column)) {
      errors.push({ line: headerLine, message: `column ${column} appears twice` });
    } else {
      index.set(column, i);
    }
  });
  for (const required of ['sku', 'name'] as const) {
    if (!index.has(required)) errors.push({ line: headerLine, message: `missing column ${required}` });
  }
  if (errors.length > 0) return { plan, errors, rows };

  const firstSeen = new Map<string, { line: number; fields: SkuFields }>();
  for (const { record, info, raw } of records.slice(1)) {
    const line = recordStartLine(info.lines, raw);
    const problems: string[] = [];
    if (record.length !== first.record.length) {
      errors.push({ line, message: `expected ${first.record.length} fields, found ${record.length}` });
      continue;
    }
    const cell = (c: Column) => {
      const i = index.get(c);
      return i === undefined ? '' : (record[i] ?? '');
    };
    const sku = cell('sku');
    const name = cell('name');
    if (!sku) problems.push('sku is empty');
    else if (!CODE.test(sku))
      problems.push(`sku "${sku}" is not a valid code (letters, digits and - _ . : /, at most 64)`);
    if (!name) problems.push('name is empty');
    else if (name.length > MAX_NAME) problems.push(`name is longer than ${MAX_NAME} characters`);
    const price = parseAmount(cell('price'), 'price');
    const unitCost = parseAmount(cell('unitCost'), 'unitCost');
    for (const v of [price, unitCost]) if (typeof v === 'string') problems.push(v);

    const rawQty = cell('qty');
    let qty = 0;
    if (rawQty !== '') {
      qty = /^\d+$/.test(rawQty) ? Number(rawQty) : NaN;
      if (!Number.isSafeInteger(qty))
        problems.push(`qty "${rawQty}" is not a whole number of units (0 or more)`);
      else if (qty > MAX_QTY) problems.push(`qty ${rawQty} is more than ${MAX_QTY}`);
    }
    const warehouse = cell('warehouse') || options.defaultWarehouse || '';
    if (warehouse && !CODE.test(warehouse)) problems.push(`warehouse "${warehouse}" is not a valid code`);
    if (qty > 0 && !warehouse)
      problems.push('qty given but no warehouse (add a warehouse column or pass --warehouse)');

    if (problems.length === 0 && sku) {
      const fields: SkuFields = {
        name,
        price: price as number | undefined,
        unitCost: unitCost as number | undefined,
      };
      const seen = firstSeen.get(sku);
      if (!seen) {
        firstSeen.set(sku, { line, fields });
        plan.skus.set(sku, fields);
      } else if (stableJson(seen.fields) !== stableJson(fields)) {
        problems.push(`SKU ${sku} has a different name, price or unitCost than on line ${seen.line}`);
      }
    }
    if (problems.length === 0 && qty > 0) {
      let atWarehouse = plan.stock.get(warehouse);
      if (!atWarehouse) plan.stock.set(warehouse, (atWarehouse = new Map()));
      const total = (atWarehouse.get(sku) ?? 0) + qty;
      if (total > MAX_QTY) problems.push(`SKU ${sku} totals more than ${MAX_QTY} units at ${warehouse}`);
      else atWarehouse.set(sku, total);
    }
    for (const message of problems) errors.push({ line, message });
  }
  return { plan, errors, rows };
}

/** The receipts a plan makes: per warehouse, in file order, at most RECEIPT_BATCH lines each. */
export function receiptBatches(
  plan: StockPlan,
): { warehouse: string; lines: { sku: string; qty: number }[] }[] {
  const batches = [];
  for (const [warehouse, skus] of plan.stock) {
    const lines = [...skus].map(([sku, qty]) => ({ sku, qty }));
    for (let i = 0; i < lines.length; i += RECEIPT_BATCH) {
      batches.push({ warehouse, lines: lines.slice(i, i + RECEIPT_BATCH) });
    }
  }
  return batches;
}

export interface ApplySummary {
  skusCreated: number;
  skusUpdated: number;
  receipts: number;
  units: number;
  /** Receipts (and their units) that an earlier run had already recorded. */
  replayedReceipts: number;
  replayedUnits: number;
}

/** Told after each SKU and each stock line written: the stage ("catalogue", "stock LON"), how many so far, of how many. */
export type StockImportProgress = (stage: string, done: number, total: number) => void;

/**
 * The SKUs a plan writes to the catalogue. Under the shop's damaged-suffix rule a row naming
 * `351038U` is no SKU: its stock is received as damaged units of `351038` (receiveGoods maps
 * it), so the base must be in the file or the catalogue; otherwise nothing is imported.
 */
async function catalogueOf(db: Database, plan: StockPlan): Promise<Map<string, SkuFields>> {
  const damaged = await damagedCodesOf(db, [...plan.skus.keys()]);
  if (damaged.length === 0) return plan.skus;
  const codes = new Set(damaged.map((d) => d.code));
  const inFile = (sku: string) => plan.skus.has(sku) && !codes.has(sku);
  const { rows } = await db.query<{ sku: string }>('select sku from skus where sku = any($1::text[])', [
    damaged.map((d) => d.base),
  ]);
  const known = new Set(rows.map((r) => r.sku));
  const orphans = damaged.filter((d) => !inFile(d.base) && !known.has(d.base));
  if (orphans.length > 0) {
    fail(
      'unknown_sku',
      `unknown SKU ${orphans.map((d) => `${d.base} (${d.code} names its damaged units)`).join(', ')}: ` +
        'add the SKU to the file or the catalogue; nothing was imported',
      { skus: orphans.map((d) => d.base) },
    );
  }
  return new Map([...plan.skus].filter(([sku]) => !codes.has(sku)));
}

/**
 * Writes a plan through the use cases: putSku per SKU (keeping attributes, and price or cost
 * where the plan gives none, of a SKU that exists), then one receipt per batch with the
 * Idempotency-Key `<keyPrefix>:<hash of the stock lines>:<batch number>`.
 */
export async function applyPlan(
  db: Database,
  plan: StockPlan,
  options: {
    reference: string;
    keyPrefix: string;
    onProgress?: StockImportProgress | undefined;
    /** The ledger's clock (the server's injected one over HTTP); default: the system's. */
    clock?: (() => Date) | undefined;
  },
): Promise<ApplySummary> {
  const issued = new Set<string>();
  const clock = options.clock ?? (() => new Date());
  const ctx = createContext(db, {
    clock,
    newId: (prefix) => {
      const id = randomId(prefix);
      issued.add(id);
      return id;
    },
  });
  const catalogue = await catalogueOf(db, plan);
  const batches = receiptBatches(plan);
  const hash = createHash('sha256').update(stableJson(batches)).digest('base64url').slice(0, 22);
  const summary: ApplySummary = {
    skusCreated: 0,
    skusUpdated: 0,
    receipts: 0,
    units: 0,
    replayedReceipts: 0,
    replayedUnits: 0,
  };
  const total = catalogue.size + batches.reduce((n, b) => n + b.lines.length, 0);
  let done = 0;
  const tick = (stage: string) => options.onProgress?.(stage, ++done, total);
  // The catalogue in transactions of CATALOGUE_BATCH SKUs: far fewer commits than one per
  // SKU (an embedded PGlite commit costs milliseconds), and no half-written batch.
  const skus = [...catalogue];
  for (let start = 0; start < skus.length; start += CATALOGUE_BATCH) {
    await db.transaction(async (tx) => {
      const txCtx = createContext(transactionAsDatabase(db, tx), { clock });
      for (const [sku, fields] of skus.slice(start, start + CATALOGUE_BATCH)) {
        const existing = await getSku(txCtx, sku).catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'unknown_sku') return null;
          throw err;
        });
        const input: SkuInput = {
          name: fields.name,
          attributes: existing?.attributes,
          price: fields.price ?? existing?.price ?? null,
          unitCost: fields.unitCost ?? existing?.unitCost ?? null,
        };
        const { created } = await putSku(txCtx, sku, input);
        if (created) summary.skusCreated++;
        else summary.skusUpdated++;
        tick('catalogue');
      }
    });
  }
  for (const [i, batch] of batches.entries()) {
    const units = batch.lines.reduce((n, l) => n + l.qty, 0);
    let replayed: boolean;
    try {
      const { body } = await receiveGoods(
        ctx,
        { warehouse: batch.warehouse, reference: options.reference, lines: batch.lines },
        { actor: SYSTEM_ACTOR, idempotencyKey: `${options.keyPrefix}:${hash}:${i + 1}` },
      );
      replayed = !issued.has(body.receiptId);
    } catch (err) {
      // The same stock lines recorded under another reference (a renamed copy of the file).
      if (!(err instanceof DomainError && err.code === 'idempotency_key_reused')) throw err;
      replayed = true;
    }
    summary.receipts++;
    summary.units += units;
    if (replayed) {
      summary.replayedReceipts++;
      summary.replayedUnits += units;
    }
    for (const _line of batch.lines) tick(`stock ${batch.warehouse}`);
  }

  return summary;
}

/** The warehouses a plan's stock goes to that do not exist yet, in file order. */
export async function unknownWarehouses(db: Pick<Database, 'query'>, plan: StockPlan): Promise<string[]> {
  const named = [...plan.stock.keys()];
  if (named.length === 0) return [];
  const { rows } = await db.query<{ code: string }>(
    'select code from warehouses where code = any($1::text[])',
    [named],
  );
  const known = new Set(rows.map((r) => r.code));
  return named.filter((w) => !known.has(w));
}

/** A new warehouse an import names, as `stockroom import --create-warehouses` makes it. */
export const importedWarehouse = (code: string) => ({ name: code, region: 'default' });

export interface StockImportRequest {
  /** Check and describe the file, write nothing. */
  dryRun: boolean;
  /** For rows without a warehouse column (or with it empty). */
  defaultWarehouse?: string | undefined;
  /** Create the warehouses the file names that do not exist (region "default"); else they refuse it. */
  createWarehouses: boolean;
  /** The receipts' reference, e.g. `import:stock.csv`. */
  reference: string;
}

/** What a file does (or did): the same figures before and after it is applied. */
export interface StockImportReport {
  dryRun: boolean;
  rows: number;
  skusNew: number;
  skusUpdated: number;
  /** Stock per warehouse: SKUs with stock and units; `created` when the warehouse is new. */
  stock: { warehouse: string; skus: number; units: number; created: boolean }[];
  units: number;
  /** What the apply wrote; null on a dry run. */
  applied: ApplySummary | null;
}

/**
 * A stock CSV sent over HTTP: checked in full (every bad row by line, `invalid_csv`), then
 * described (dry run) or applied in one transaction, so a failure half-way writes nothing.
 * Receipts carry the same Idempotency-Keys as `stockroom import`, so a file already imported
 * (by either) adds no stock again.
 */
export async function importStock(
  ctx: AppContext,
  text: string,
  request: StockImportRequest,
): Promise<StockImportReport> {
  const { plan, errors, rows } = planFromCsv(text, { defaultWarehouse: request.defaultWarehouse });
  if (errors.length > 0) failCsv(errors);
  const describe = async (db: Database) => {
    const catalogue = await catalogueOf(db, plan);
    const missing = await unknownWarehouses(db, plan);
    if (missing.length > 0 && !request.createWarehouses) {
      fail(
        'unknown_warehouse',
        `unknown warehouse ${missing.join(', ')}: create ${missing.length > 1 ? 'them' : 'it'} first, ` +
          'or import with createWarehouses; nothing was imported',
        { warehouses: missing },
      );
    }
    const { rows: existing } = await db.query<{ sku: string }>(
      'select sku from skus where sku = any($1::text[])',
      [[...catalogue.keys()]],
    );
    const stock = [...plan.stock].map(([warehouse, skus]) => ({
      warehouse,
      skus: skus.size,
      units: [...skus.values()].reduce((n, q) => n + q, 0),
      created: missing.includes(warehouse),
    }));
    return {
      report: {
        dryRun: request.dryRun,
        rows,
        skusNew: catalogue.size - existing.length,
        skusUpdated: existing.length,
        stock,
        units: stock.reduce((n, w) => n + w.units, 0),
        applied: null,
      } satisfies StockImportReport,
      missing,
    };
  };
  if (request.dryRun) return (await describe(ctx.db)).report;
  return ctx.db.transaction(async (tx) => {
    const db = transactionAsDatabase(ctx.db, tx);
    const { report, missing } = await describe(db);
    const txCtx: AppContext = { ...ctx, db };
    for (const code of missing) await putWarehouse(txCtx, code, importedWarehouse(code));
    const applied = await applyPlan(db, plan, {
      reference: request.reference,
      keyPrefix: IMPORT_KEY_PREFIX,
      clock: ctx.clock,
    });
    return { ...report, applied };
  });
}
