/**
 * `stockroom catalog import <file.csv>` and `stockroom catalog export [--out file]`: the
 * catalogue (SKUs, products, options, categories, attributes) as CSV, through the same use cases
 * as `POST /v1/catalog/import` and `GET /v1/catalog/export.csv` (src/app/catalog-csv.ts).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportCatalogCsv, importCatalog, parseCatalogCsv } from '../app/catalog-csv.ts';
import { createContext } from '../app/create-context.ts';
import type { Config } from '../config.ts';
import { describeDatabase } from '../db/open.ts';
import { DomainError } from '../domain/errors.ts';
import type { RowError } from '../app/stock-import.ts';
import { formatRowErrors } from './import.ts';
import { CliError, openForCli, readInputFile } from './open.ts';
import { progressBar } from './progress.ts';

export async function runCatalogImport(config: Config, file: string): Promise<void> {
  const text = readInputFile(file);
  const { plan, problems } = parseCatalogCsv(text);
  if (problems.length > 0) throw new CliError(formatRowErrors(file, problems));
  const db = await openForCli(config);
  const bar = progressBar('catalogue |{bar}| {value}/{total} SKUs');
  try {
    const summary = await importCatalog(createContext(db), plan, (done, total) => bar.update(done, total));
    bar.stop();
    console.log(
      `imported ${file} into ${describeDatabase(config)}: ${summary.rows} rows, ` +
        `${summary.skusCreated} SKUs new, ${summary.skusUpdated} updated, ${summary.productsCreated} products new`,
    );
  } catch (err) {
    bar.stop();
    // Unknown categories are found in the database, still reported by line like the rest.
    if (err instanceof DomainError && err.code === 'invalid_csv') {
      throw new CliError(formatRowErrors(file, (err.details?.errors ?? []) as RowError[]));
    }
    throw err;
  } finally {
    await db.close();
  }
}

export async function runCatalogExport(
  config: Config,
  options: { out?: string | undefined; category?: string | undefined },
): Promise<void> {
  const db = await openForCli(config);
  try {
    const out = options.out ? createWriteStream(options.out) : process.stdout;
    try {
      for await (const chunk of exportCatalogCsv(createContext(db), { category: options.category })) {
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } catch (err) {
      if (err instanceof DomainError) throw new CliError(err.message);
      throw err;
    }
    if (options.out) {
      out.end();
      await once(out, 'finish');
      console.error(`wrote ${options.out}`);
    }
  } finally {
    await db.close();
  }
}
