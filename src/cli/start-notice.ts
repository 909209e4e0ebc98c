/**
 * What `stockroom serve` tells the person who started it, kept out of the JSON log stream
 * (stdout), which a log shipper reads and keeps: the start banner and the first admin key go to
 * the terminal (stderr) when there is one; without one, the key goes to a file only its owner
 * can read, and the log says where (never the key).
 */
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';

export interface StartNotice {
  address: string;
  database: string;
  /** The admin key created by this start, shown once; null when one existed or came from the environment. */
  newAdminKey: string | null;
  adminKeyFromEnvironment: boolean;
  adminKeyFile: string;
}

export function announceStart(
  notice: StartNotice,
  log: FastifyBaseLogger,
  terminal: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
): void {
  const { address } = notice;
  log.info({ address, database: notice.database }, `listening on ${address}`);
  if (terminal.isTTY) {
    const lines = [
      `Stockroom is listening on ${address}`,
      `  data:      ${notice.database}`,
      `  dashboard: open ${address}/ in a browser and sign in with an API key`,
      `  API:       ${address}/v1   docs: ${address}/docs   OpenAPI: ${address}/openapi.json`,
      notice.newAdminKey
        ? `  admin API key (shown once, store it now): ${notice.newAdminKey}`
        : `  admin API key: ${notice.adminKeyFromEnvironment ? 'from STOCKROOM_ADMIN_KEY' : 'created on first start (see that output)'}`,
    ];
    terminal.write(lines.join('\n') + '\n');
    return;
  }
  keepNewAdminKey(notice, log);
}

/** Writes a newly created admin key to its file (mode 0600) and logs where, never the key. */
export function keepNewAdminKey(
  notice: Pick<StartNotice, 'newAdminKey' | 'adminKeyFile'>,
  log: FastifyBaseLogger,
): void {
  if (!notice.newAdminKey) return;
  writeSecretFile(notice.adminKeyFile, notice.newAdminKey + '\n');
  log.warn(
    { file: notice.adminKeyFile },
    `the first admin API key is in ${notice.adminKeyFile} (mode 0600): store it elsewhere, then delete the file`,
  );
}

function writeSecretFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // mode applies only when the file is created: chmod covers a file left by an earlier start.
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}
