/**
 * How long until a server serves again (`npx tsx bench/restart.ts`): a cold start on an empty
 * database, then a crash (SIGKILL, no shutdown code) and a restart on the same data, each timed
 * from spawn until GET /readyz answers 200 (GET /health on a build without /readyz). Both for
 * `node bin/stockroom.mjs serve` and for `npm start` (which may build the dashboard first), on
 * embedded PGlite and on PostgreSQL (a throwaway database).
 *
 * The crashed process has taken orders just before: a few hundred, so that PGlite has WAL to
 * recover and the PostgreSQL database has something in it.
 *
 * Environment: BENCH_DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres;
 * "none" to skip PostgreSQL), BENCH_RESTARTS (crash-restart rounds per case, 3),
 * BENCH_NPM_START=0 to skip the `npm start` cases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, ROOT } from './server.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL } from './throwaway-db.ts';

const ADMIN_KEY = 'sr_bench_restart_0123456789abcdef';
const ROUNDS = Number(process.env.BENCH_RESTARTS ?? 3);

interface Started {
  child: ChildProcess;
  ms: number;
  url: string;
}

async function start(command: 'node' | 'npm', env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [cmd, args] =
    command === 'node' ? [process.execPath, ['bin/stockroom.mjs', 'serve']] : ['npm', ['start', '--silent']];
  const began = performance.now();
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      STOCKROOM_ADMIN_KEY: ADMIN_KEY,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so that a kill reaches the server under `npm start` too.
    detached: true,
  });
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  let path = '/readyz';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${errors}`);
    try {
      const res = await fetch(url + path);
      await res.text();
      if (res.status === 404 && path === '/readyz') path = '/health';
      else if (res.status === 200) return { child, ms: performance.now() - began, url };
    } catch {
      // not listening yet
    }
    if (performance.now() - began > 300_000) throw new Error(`not ready after 300 s:\n${errors}`);
    await sleep(25);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const gone = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
  return gone;
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

/** Some traffic before the crash, so that there is work to recover. */
async function trade(url: string, round: number) {
  await call(url, 'PUT', '/v1/warehouses/W1', { name: 'W1', region: 'eu' });
  await call(url, 'PUT', '/v1/skus/S1', { name: 'S1' });
  await call(url, 'POST', '/v1/receipts', { warehouse: 'W1', lines: [{ sku: 'S1', qty: 100_000 }] });
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 40; i++) {
        await call(url, 'POST', '/v1/orders', {
          orderId: `r${round}-${w}-${i}`,
          lines: [{ sku: 'S1', qty: 1 }],
        });
      }
    }),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function measure(name: string, command: 'node' | 'npm', env: Record<string, string>) {
  const cold = await start(command, env);
  await trade(cold.url, 0);
  await killGroup(cold.child, 'SIGKILL');
  const restarts: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const again = await start(command, env);
    restarts.push(again.ms);
    await trade(again.url, round);
    await killGroup(again.child, 'SIGKILL');
  }
  const line = `${name.padEnd(24)} cold start ${seconds(cold.ms)} s; after kill -9: ${restarts.map(seconds).join(', ')} s (median ${seconds(median(restarts))} s)`;
  console.log(line);
  return line;
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
const npmToo = process.env.BENCH_NPM_START !== '0';
type Case = readonly [name: string, command: 'node' | 'npm', backend: 'pglite' | 'postgres'];
const cases: Case[] = [
  ['node, PGlite', 'node', 'pglite'],
  ['node, PostgreSQL', 'node', 'postgres'],
];
if (npmToo) cases.push(['npm start, PGlite', 'npm', 'pglite'], ['npm start, PostgreSQL', 'npm', 'postgres']);
for (const [name, command, backend] of cases) {
  if (backend === 'postgres') {
    if (adminUrl === 'none') continue;
    const db = await createThrowawayDatabase(adminUrl);
    try {
      await measure(name, command, { DATABASE_URL: db.url });
    } finally {
      await db.drop();
    }
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'stockroom-restart-bench-'));
    try {
      await measure(name, command, { STOCKROOM_DATA: dir, DATABASE_URL: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
