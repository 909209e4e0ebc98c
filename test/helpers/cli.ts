import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/stockroom.mjs <args>` with exactly the database settings given in `env`. */
export function runStockroom(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<CliRun> {
  // Never inherit the developer's database settings, nor the test runner's NODE_OPTIONS.
  const { DATABASE_URL: _url, STOCKROOM_DATA: _data, NODE_OPTIONS: _options, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/stockroom.mjs', ...args],
      { cwd: ROOT, env: { ...inherited, ...env }, timeout: timeoutMs },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
