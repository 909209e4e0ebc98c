import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { describeDatabase, openDatabase } from '../db/open.ts';
import { serve } from './serve.ts';

const program = new Command('stockroom').description(
  'Stockroom: ledger-backed inventory that never oversells. Configuration comes from the environment (see README).',
);

program
  .command('serve')
  .description('serve the HTTP API (applies migrations first)')
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const db = await openDatabase(config);
    const applied = await migrate(db);
    console.log(
      applied.length > 0
        ? `applied ${applied.join(', ')} to ${describeDatabase(config)}`
        : `${describeDatabase(config)} is up to date`,
    );
    await db.close();
  });

program.parseAsync().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
