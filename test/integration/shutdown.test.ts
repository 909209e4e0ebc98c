/**
 * SIGTERM, as a container runtime sends it: through `npm start` (which must pass it on, not
 * leave the server running with its PGlite folder), an in-flight request still finishes, and
 * the process says it stopped cleanly; past STOCKROOM_SHUTDOWN_TIMEOUT it exits anyway and
 * says so. Readiness flips before anything else stops, and the listener stays open for the
 * drain delay (STOCKROOM_SHUTDOWN_DRAIN) so load balancers stop sending first: that part runs
 * in process, on both back ends. Child processes cost seconds each: two servers in all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopOnSignals } from '../../src/cli/shutdown.ts';
import { loadConfig } from '../../src/config.ts';
import { Readiness } from '../../src/http/routes/health.ts';
import { backends, seededDataDir } from '../helpers/backends.ts';
import { startHarness } from '../helpers/harness.ts';
import { freePort, newAdminKey, ROOT, startServer, tempDir } from '../helpers/server-process.ts';

/** Child processes start slowly on a busy machine. */
const TIMEOUT = 300_000;

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A PUT whose body is sent in two halves: in flight from the first half until `finish()`. */
function slowPut(url: string, path: string, key: string, body: object) {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  let answered!: (r: { status: number; body: string }) => void;
  let failed!: (err: Error) => void;
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    answered = resolve;
    failed = reject;
  });
  const req = request(`${url}${path}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    },
  });
  req.on('response', (res) => {
    let data = '';
    res.on('data', (d: Buffer) => (data += d.toString()));
    res.on('end', () => answered({ status: res.statusCode!, body: data }));
  });
  req.on('error', failed);
  req.write(text.slice(0, half));
  return { reply, finish: () => req.end(text.slice(half)) };
}

async function until(check: () => boolean, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('shutdown', () => {
  it('flips readiness before it stops anything, and stops in order', async () => {
    const readiness = new Readiness();
    const seen: string[] = [];
    const exits: number[] = [];
    const log = { info: () => {}, error: () => {} } as never;
    const step = (name: string) => ({
      name,
      stop: async () => void seen.push(`${name}:${readiness.shuttingDown ? 'not ready' : 'ready'}`),
    });
    const drains: number[] = [];
    const stop = stopOnSignals(
      log,
      { timeoutMs: 10_000, drainMs: 3_000 },
      readiness,
      [step('http'), step('database')],
      (c) => exits.push(c),
      async (ms) => {
        drains.push(ms);
        seen.push(`drain:${readiness.shuttingDown ? 'not ready' : 'ready'}`);
      },
    );
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await stop('SIGTERM');
    expect(seen).toEqual(['drain:not ready', 'http:not ready', 'database:not ready']);
    expect(drains).toEqual([3_000]);
    expect(exits).toEqual([0]);
  });

  it('does not drain on SIGINT: a person at a terminal, not a load balancer', async () => {
    const drains: number[] = [];
    const exits: number[] = [];
    const stopped: string[] = [];
    const stop = stopOnSignals(
      { info: () => {}, error: () => {} } as never,
      { timeoutMs: 10_000, drainMs: 3_000 },
      new Readiness(),
      [{ name: 'http', stop: async () => void stopped.push('http') }],
      (c) => exits.push(c),
      async (ms) => void drains.push(ms),
    );
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await stop('SIGINT');
    expect(drains).toEqual([]);
    expect(stopped).toEqual(['http']);
    expect(exits).toEqual([0]);
  });

  it('reads the drain delay: 5 s or half the timeout by default, and shorter than the timeout', () => {
    expect(loadConfig({})).toMatchObject({ shutdownTimeoutMs: 10_000, shutdownDrainMs: 5_000 });
    expect(loadConfig({ STOCKROOM_SHUTDOWN_TIMEOUT: '3s' })).toMatchObject({ shutdownDrainMs: 1_500 });
    expect(loadConfig({ STOCKROOM_SHUTDOWN_DRAIN: '0' })).toMatchObject({ shutdownDrainMs: 0 });
    expect(loadConfig({ STOCKROOM_SHUTDOWN_DRAIN: '250ms' })).toMatchObject({ shutdownDrainMs: 250 });
    expect(() => loadConfig({ STOCKROOM_SHUTDOWN_DRAIN: '10s' })).toThrow(
      'STOCKROOM_SHUTDOWN_DRAIN (10000 ms) must be shorter than STOCKROOM_SHUTDOWN_TIMEOUT (10000 ms)',
    );
    expect(() => loadConfig({ STOCKROOM_SHUTDOWN_DRAIN: 'soon' })).toThrow(
      'STOCKROOM_SHUTDOWN_DRAIN must be a duration',
    );
  });

  it(
    'SIGTERM to `npm start` finishes the request in flight, stops the server and frees its folder',
    async () => {
      const dir = tempDir('stockroom-shutdown-');
      cleanups.push(dir.remove);
      const port = await freePort();
      const key = newAdminKey();
      const url = `http://127.0.0.1:${port}`;
      // --ignore-scripts skips prestart (a build) only: `start` itself runs as ever.
      const npm = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
        cwd: ROOT,
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: String(port),
          // The run's migrated database: the process skips initdb and the migrations.
          STOCKROOM_DATA: seededDataDir(dir.path),
          STOCKROOM_ADMIN_KEY: key,
          LOG_LEVEL: 'info',
          NODE_OPTIONS: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so that a failed run kills npm and the server alike.
        detached: true,
      });
      cleanups.push(() => {
        try {
          process.kill(-npm.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      });
      let output = '';
      let stdout = '';
      npm.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        stdout += d.toString();
      });
      npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      await until(
        () => output.includes('listening on'),
        'the server to listen',
        () => output,
      );
      const pidFile = join(dir.path, 'stockroom.pid');
      const serverPid = Number(readFileSync(pidFile, 'utf8'));
      cleanups.push(() => void (isAlive(serverPid) && process.kill(serverPid, 'SIGKILL')));
      expect(serverPid).not.toBe(npm.pid);

      const slow = slowPut(url, '/v1/warehouses/LON', key, { name: 'London', region: 'uk' });
      // The server has the first half of the body before the signal.
      await new Promise((r) => setTimeout(r, 1000));
      npm.kill('SIGTERM');
      await until(
        () => output.includes('SIGTERM: shutting down'),
        'the shutdown to begin',
        () => output,
      );
      slow.finish();
      const reply = await slow.reply;
      expect(reply.status, reply.body).toBe(201);

      expect(await exited(npm)).toBe(0);
      expect(output).toMatch(/stopped cleanly in \d+ ms/);
      expect(isAlive(serverPid)).toBe(false);
      expect(existsSync(pidFile)).toBe(false);
      // The log stream is JSON lines only: no banner in it, no key.
      for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
      expect(output).not.toContain(key);
    },
    TIMEOUT,
  );

  it(
    'exits anyway when in-flight work outlasts STOCKROOM_SHUTDOWN_TIMEOUT, and says so',
    async () => {
      const dir = tempDir('stockroom-shutdown-');
      cleanups.push(dir.remove);
      const server = await startServer({
        data: { dataDir: seededDataDir(dir.path) },
        env: { STOCKROOM_SHUTDOWN_TIMEOUT: '1s', LOG_LEVEL: 'info' },
      });
      cleanups.push(() => server.kill());
      const slow = slowPut(server.url, '/v1/warehouses/LON', server.adminKey, {
        name: 'London',
        region: 'uk',
      });
      slow.reply.catch(() => {}); // the connection is cut when the process exits
      await new Promise((r) => setTimeout(r, 1000));
      expect(await server.stop()).toBe(1);
      expect(server.output()).toContain('shutdown took longer than 1000 ms: exiting without finishing it');
    },
    TIMEOUT,
  );
});

/** A GET on a connection of its own (no keep-alive pool): refused once the listener is closed. */
function getOnce(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: data }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(backends())('the drain before the listener closes, on $name', (backend) => {
  it(
    'answers /readyz 503 and goes on serving during the drain, then closes; the request in flight completes',
    async () => {
      const readiness = new Readiness();
      const h = await startHarness(backend, { readiness });
      let closed = false;
      cleanups.push(async () => {
        if (!closed) await h.close();
      });
      const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
      let stop!: (signal: NodeJS.Signals) => Promise<void>;
      let listenerClosing = false;
      const exits: number[] = [];
      // The drain ends when the test says so: no race with the clock on a loaded machine.
      let endDrain!: () => void;
      const drainStarted = new Promise<number>((started) => {
        stop = stopOnSignals(
          { info: () => {}, error: () => {} } as never,
          { timeoutMs: 120_000, drainMs: 5_000 },
          readiness,
          [
            {
              name: 'http and database',
              stop: async () => {
                listenerClosing = true;
                await h.close();
                closed = true;
              },
            },
          ],
          (c) => exits.push(c),
          (ms) => {
            started(ms);
            return new Promise<void>((resolve) => (endDrain = resolve));
          },
        );
      });
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);

      expect((await getOnce(`${url}/readyz`)).status).toBe(200);
      const inFlight = slowPut(url, '/v1/warehouses/LON', h.adminKey, { name: 'London', region: 'uk' });
      const stopping = stop('SIGTERM');
      expect(await drainStarted).toBe(5_000);

      // Draining: not ready, but every request is still served, new connections included.
      const ready = await getOnce(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body)).toMatchObject({
        error: { code: 'not_ready', details: { reason: 'shutting_down' } },
      });
      expect((await getOnce(`${url}/healthz`)).status).toBe(200);
      const served = await h.app.inject({
        url: '/v1/warehouses',
        headers: { authorization: `Bearer ${h.adminKey}` },
      });
      expect(served.statusCode).toBe(200);
      expect(listenerClosing).toBe(false);

      endDrain();
      await until(
        () => listenerClosing,
        'the listener to close',
        () => '',
      );
      // Closed to new connections (once Fastify's close reaches the listener) ...
      for (;;) {
        const refused = await getOnce(`${url}/healthz`).then(
          () => false,
          (err: { code?: string }) => err.code === 'ECONNREFUSED',
        );
        if (refused) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // ... while the request already in flight still gets its answer.
      inFlight.finish();
      const reply = await inFlight.reply;
      expect(reply.status, reply.body).toBe(201);
      await stopping;
      expect(exits).toEqual([0]);
      expect(closed).toBe(true);
    },
    TIMEOUT,
  );
});
