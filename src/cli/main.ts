// Modules that only one command needs (Fastify for serve, the database drivers, the CSV reader)
// are imported inside its action, so that every other command, and --help, starts without them.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { ReplayCliOptions } from './replay.ts';
import { registerStockCommands } from './commands/index.ts';
import { registerForecastCommands } from './forecast.ts';

// package.json is two folders up from both src/cli/main.ts and its build, dist/cli/main.js.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const program = new Command('stockroom')
  .description(
    'Stockroom: ledger-backed inventory that never oversells. Configuration comes from the environment (see README).',
  )
  .version(version, '-V, --version', 'print the version and exit');

program
  .command('serve')
  .description('serve the HTTP API (applies migrations first)')
  .action(async () => (await import('./serve.ts')).serve(loadConfig()));

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const [{ describeDatabase, explainOpenFailure, openDatabase }, { migrate }] = await Promise.all([
      import('../db/open.ts'),
      import('../db/migrate.ts'),
    ]);
    const config = loadConfig();
    const db = await openDatabase(config);
    const applied = await migrate(db).catch(async (err: unknown) => {
      await db.close().catch(() => {});
      throw new Error(explainOpenFailure(err, config), { cause: err });
    });
    console.log(
      applied.length > 0
        ? `applied ${applied.join(', ')} to ${describeDatabase(config)}`
        : `${describeDatabase(config)} is up to date`,
    );
    await db.close();
  });

program
  .command('import')
  .description('import a catalogue and opening stock from CSV (sku,name,price,unitCost,warehouse,qty)')
  .argument('<file.csv>', 'CSV file with a header row (.csv.gz also read)')
  .option('--warehouse <code>', 'warehouse for rows without a warehouse column or value')
  .option('--create-warehouses', 'create unknown warehouses (region "default") instead of failing')
  .addHelpText(
    'after',
    '\nEvery row is checked first: one bad row and nothing is imported. SKUs are created or updated;\n' +
      'stock is received in batches of 1000 lines, and importing the same file again adds no stock.',
  )
  .action(async (file: string, options: { warehouse?: string; createWarehouses?: boolean }) =>
    (await import('./import.ts')).runImport(loadConfig(), file, options),
  );

const catalog = program.command('catalog').description('the catalogue (SKUs, products, categories) as CSV');
catalog
  .command('import')
  .description(
    'create or update SKUs and products from CSV (sku,name,price,unit_cost,product,product_name,options,categories,attributes)',
  )
  .argument('<file.csv>', 'CSV file with a header row (.csv.gz also read)')
  .addHelpText(
    'after',
    '\nAll or nothing: every bad row is listed by line and nothing is written. A column left out\n' +
      'keeps what each SKU has; importing the same file again changes nothing more. See docs/products.md.',
  )
  .action(async (file: string) => (await import('./catalog.ts')).runCatalogImport(loadConfig(), file));
catalog
  .command('export')
  .description('write the catalogue as CSV (the import format) to stdout or a file')
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--category <code>', 'only SKUs in this category or one under it')
  .action(async (options: { out?: string; category?: string }) =>
    (await import('./catalog.ts')).runCatalogExport(loadConfig(), options),
  );

program
  .command('demo')
  .description('load the demo: 3 warehouses, 500 SKUs from real retail data and opening stock (idempotent)')
  .action(async () => (await import('./demo.ts')).runDemo(loadConfig()));

program
  .command('replay')
  .description(
    'replay a year of real online retail orders through the use cases; report fill rate, splits, stockouts (needs an empty ledger)',
  )
  .option(
    '--source <file>',
    'the Online Retail CSV (.csv.gz read too); default ../shared/data/online-retail/onlineretail.csv.gz',
  )
  .option('--limit <n>', 'replay at most this many invoices (sales and cancellations), the earliest first')
  .option('--from <day>', 'first day to replay, YYYY-MM-DD (UTC)')
  .option('--to <day>', 'last day to replay, YYYY-MM-DD (UTC), included')
  .option(
    '--concurrency <n>',
    'orders in flight at once, sharing commits through the reservation batcher',
    '8',
  )
  .option('--ship-after-days <n>', 'an order ships on the day pass this many days after it was placed', '1')
  .option('--cover-weeks <n>', 'stock targets cover this many weeks of demand', '2')
  .option('--json', 'print the report as JSON')
  .addHelpText(
    'after',
    '\nUse a fresh database: STOCKROOM_DATA=./data-replay npx stockroom replay --limit 2000\n' +
      'Exits 1 if stockroom verify finds drift at the end. See docs/replay.md.',
  )
  .action(async (options: ReplayCliOptions) =>
    (await import('./replay.ts')).runReplay(loadConfig(), options),
  );

program
  .command('verify')
  .description(
    'rebuild every position from the ledger and check the invariants of the model (exit 1 on drift)',
  )
  .option('--json', 'print the report as JSON')
  .action(async (options: { json?: boolean }) => {
    const [{ openForCli }, { createContext }, { formatReport, verifyStock }] = await Promise.all([
      import('./open.ts'),
      import('../app/create-context.ts'),
      import('../app/verify.ts'),
    ]);
    const db = await openForCli(loadConfig());
    try {
      const report = await verifyStock(createContext(db));
      console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
      if (!report.ok) process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

registerStockCommands(program);
registerForecastCommands(program);

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
