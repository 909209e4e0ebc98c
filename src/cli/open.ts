/**
 * What every one-off command shares: a failure told as a plain message (`CliError`, printed
 * without a stack, exit 1), and the configured database opened and migrated for it.
 */
import type { Config } from '../config.ts';
import { isUnavailable, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { describeDatabase, openDatabase } from '../db/open.ts';
import { readTextFile } from './read-file.ts';

export class CliError extends Error {}

/** A file a command reads (gunzipped when .gz); one it cannot read is a CliError naming it. */
export function readInputFile(file: string): string {
  try {
    return readTextFile(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/**
 * Opens the configured database for a one-off command and applies migrations, turning the
 * usual failures (a PGlite folder in use by a running server, an unreachable server) into
 * plain messages.
 */
export async function openForCli(config: Config): Promise<Database> {
  const where = describeDatabase(config);
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (err) {
    throw new CliError(`cannot open ${where}: ${(err as Error).message}`);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    const reason =
      err instanceof Error && err.message ? err.message : String((err as { code?: string }).code ?? err);
    const code = (err as { code?: unknown }).code;
    if (isUnavailable(err) || ['28000', '28P01', '3D000'].includes(String(code))) {
      throw new CliError(`cannot use ${where}: ${reason}\nIs the server running, and is DATABASE_URL right?`);
    }
    throw new CliError(`cannot use ${where}: ${reason}`);
  }
  return db;
}
