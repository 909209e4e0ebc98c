/**
 * `stockroom import <file.csv>`: a catalogue and opening stock from a CSV file, through the use
 * case of src/app/stock-import.ts (which says what the file holds), with a progress bar on a
 * terminal and the summary in words.
 */
import { basename } from 'node:path';
import { putWarehouse } from '../app/catalog.ts';
import { createContext } from '../app/create-context.ts';
import {
  applyPlan,
  importedWarehouse,
  IMPORT_KEY_PREFIX,
  planFromCsv,
  unknownWarehouses,
  type ApplySummary,
  type RowError,
} from '../app/stock-import.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { describeDatabase } from '../db/open.ts';
import { CODE_PATTERN } from '../domain/orders.ts';
import { Reason } from '../http/schemas.ts';
import { CliError, openForCli, readInputFile } from './open.ts';
import { progressBar } from './progress.ts';

/** Bad rows listed in full before "... and N more". */
const MAX_REPORTED = 20;

export function formatRowErrors(file: string, errors: RowError[]): string {
  const rows = new Set(errors.map((e) => e.line)).size;
  const lines = errors.slice(0, MAX_REPORTED).map((e) => `  line ${e.line}: ${e.message}`);
  if (errors.length > MAX_REPORTED) lines.push(`  ... and ${errors.length - MAX_REPORTED} more`);
  return [`${file}: ${rows} bad row(s); nothing was imported`, ...lines].join('\n');
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function describeSummary(s: ApplySummary): string {
  const skus = `${plural(s.skusCreated + s.skusUpdated, 'SKU')} (${s.skusCreated} new, ${s.skusUpdated} updated)`;
  const fresh = s.receipts - s.replayedReceipts;
  const stock =
    s.receipts === 0
      ? 'no stock'
      : `${plural(s.units - s.replayedUnits, 'unit')} received in ${plural(fresh, 'receipt')}`;
  const replayed =
    s.replayedReceipts > 0
      ? `; ${plural(s.replayedReceipts, 'receipt')} (${plural(s.replayedUnits, 'unit')}) already imported by an earlier run, not added again`
      : '';
  return `${skus}, ${stock}${replayed}`;
}

export interface ImportOptions {
  warehouse?: string | undefined;
  createWarehouses?: boolean | undefined;
}

/**
 * Imports `file` into the configured database, opened (and migrated) for the run, or into `db`
 * when given: a database the caller opened, and closes.
 */
export async function runImport(
  config: Config,
  file: string,
  options: ImportOptions,
  { db: given }: { db?: Database } = {},
): Promise<void> {
  if (options.warehouse !== undefined && !CODE_PATTERN.test(options.warehouse)) {
    throw new CliError(`--warehouse "${options.warehouse}" is not a valid warehouse code`);
  }
  const text = readInputFile(file);
  const { plan, errors } = planFromCsv(text, { defaultWarehouse: options.warehouse });
  if (errors.length > 0) throw new CliError(formatRowErrors(file, errors));

  const db = given ?? (await openForCli(config));
  try {
    const ctx = createContext(db);
    const unknown = await unknownWarehouses(db, plan);
    if (unknown.length > 0 && !options.createWarehouses) {
      throw new CliError(
        `${file}: unknown warehouse ${unknown.join(', ')}; nothing was imported.\n` +
          `Create ${unknown.length > 1 ? 'them' : 'it'} first (PUT /v1/warehouses/<code>), or pass --create-warehouses ` +
          `to create ${unknown.length > 1 ? 'them' : 'it'} with region "default".`,
      );
    }
    for (const code of unknown) await putWarehouse(ctx, code, importedWarehouse(code));
    const bar = progressBar('{stage} |{bar}| {value}/{total}');
    const summary = await applyPlan(db, plan, {
      // The ledger's reference is a Reason: cut to what the API accepts.
      reference: `import:${basename(file)}`.slice(0, Reason.maxLength),
      keyPrefix: IMPORT_KEY_PREFIX,
      onProgress: (stage, done, total) => bar.update(done, total, stage),
    }).finally(() => bar.stop());
    const created = unknown.length > 0 ? `; created warehouse ${unknown.join(', ')}` : '';
    console.log(`imported ${file} into ${describeDatabase(config)}: ${describeSummary(summary)}${created}`);
  } finally {
    if (!given) await db.close();
  }
}
