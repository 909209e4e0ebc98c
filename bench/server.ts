/**
 * The real server as a child process (`node bin/stockroom.mjs serve`), so that the load
 * generator and the server do not share an event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  baseUrl: string;
  pid: number | undefined;
  /** Server log lines seen so far (warn and above with LOG_LEVEL=warn). */
  logLines(): string[];
  stop(): Promise<void>;
}

export async function startServer(env: {
  /** A PostgreSQL URL; null: embedded PGlite in `extraEnv.STOCKROOM_DATA`. */
  databaseUrl: string | null;
  adminKey: string;
  port: number;
  host?: string;
  logLevel?: string;
  /** Extra node options for the server, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** STOCKROOM_WORKERS for the server; undefined: the server's default (one per core on PostgreSQL). */
  workers?: number | undefined;
  /** Instead of the server: this script (the no-op ceiling, bench/noop-server.mjs). */
  script?: string;
  /** More environment for the child. */
  extraEnv?: Record<string, string>;
}): Promise<ServerProcess> {
  const host = env.host ?? '127.0.0.1';
  const nodeArgs = env.nodeArgs ?? [];
  const args = env.script ? [env.script] : ['bin/stockroom.mjs', 'serve'];
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: {
      ...inherited,
      ...(env.databaseUrl !== null && { DATABASE_URL: env.databaseUrl }),
      HOST: host,
      PORT: String(env.port),
      STOCKROOM_ADMIN_KEY: env.adminKey,
      LOG_LEVEL: env.logLevel ?? 'warn',
      // The benchmarks measure stock writes and reads on a fresh database, where every
      // position's demand forecast is missing; in service they are refreshed once a day.
      STOCKROOM_FORECAST_REFRESH_MS: '0',
      // The benchmark's webhook receivers are on loopback, which the SSRF policy refuses
      // unless allowed; and it drives one key far past any production budget: limits off.
      STOCKROOM_WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost,::1',
      STOCKROOM_RATE_LIMIT_PER_KEY: '0',
      STOCKROOM_RATE_LIMIT_PER_STOREFRONT_KEY: '0',
      STOCKROOM_RATE_LIMIT_AUTH_FAILURES: '0',
      ...(env.workers !== undefined && {
        STOCKROOM_WORKERS: String(env.workers),
        NOOP_WORKERS: String(env.workers),
      }),
      ...env.extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let shown = 0;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      // Log records (JSON from pino) mean something went wrong at warn level: show a few.
      if (line.startsWith('{') && shown < 10) {
        shown++;
        process.stderr.write(`[server] ${line.slice(0, 500)}\n`);
      }
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );

  const baseUrl = `http://${host}:${env.port}`;
  const server: ServerProcess = {
    baseUrl,
    pid: child.pid,
    logLines: () => [...lines],
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timeout = sleep(10_000).then(() => 'timeout' as const);
      if ((await Promise.race([exit.then(() => 'exited' as const), timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exit;
      }
    },
  };

  const deadline = Date.now() + 180_000; // a loaded machine compiles the sources slowly
  for (;;) {
    if (exited) {
      const { code, signal } = exited as { code: number | null; signal: NodeJS.Signals | null };
      throw new Error(
        `the server exited before it was healthy (code ${code}, signal ${signal}):\n${lines.join('\n')}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      await res.text();
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`the server did not become healthy within 180 s:\n${lines.join('\n')}`);
    }
    await sleep(100);
  }
}
