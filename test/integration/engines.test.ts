/**
 * The Node versions package.json declares are true of every installed package: each one's own
 * `engines.node` admits the oldest Node 20 and Node 22 that `engines` names, and the current LTS,
 * so `npm ci` prints no EBADENGINE on them. Three packages whose latest releases declare Node 22
 * only are held back by `overrides` to releases with the same API that declare Node 18+.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { nuid } from '@nats-io/transport-node';
import Fastify from 'fastify';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server-process.ts';

interface LockEntry {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  overrides: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** The lowest version of each major that `engines.node` admits: 20.19.0 and 22.13.0 today. */
const lowest = (range: string) => range.split('||').map((part) => semver.minVersion(part.trim())!.version);
/** Node 24, the LTS line as of this writing. */
const CURRENT_LTS = '24.0.0';

describe('Node versions', () => {
  const supported = [...lowest(pkg.engines.node), CURRENT_LTS];

  it('declares Node 20.19+ and 22.13+, and this machine runs one of them', () => {
    expect(supported.slice(0, 2)).toEqual(['20.19.0', '22.13.0']);
    expect(semver.satisfies(process.version, pkg.engines.node), process.version).toBe(true);
  });

  it('installs no package whose own engines refuse a Node version package.json promises', () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || !entry.engines || Array.isArray(entry.engines) || !entry.engines.node) continue;
      for (const node of supported)
        if (!semver.satisfies(node, entry.engines.node))
          refused.push(`${path}@${entry.version} wants node ${entry.engines.node}, not ${node}`);
    }
    expect(refused).toEqual([]);
  });

  it('runs the held-back releases where the server uses them', async () => {
    // @nats-io/nuid: message and inbox ids of the NATS client.
    const ids = new Set(Array.from({ length: 1000 }, () => nuid.next()));
    expect(ids.size).toBe(1000);
    for (const id of [...ids].slice(0, 3)) expect(id).toMatch(/^[0-9A-Z]{22}$/);
    // content-disposition: @fastify/static's reply.download; cookie: inject()'s cookies.
    const root = mkdtempSync(join(tmpdir(), 'stockroom-engines-'));
    try {
      writeFileSync(join(root, 'stock report.csv'), 'sku,qty\n');
      const app = Fastify();
      await app.register(fastifyStatic, { root, serve: false });
      app.get('/download', (_req, reply) => reply.download('stock report.csv'));
      app.get('/cookie', async (req) => ({ cookie: req.headers.cookie ?? null }));
      const download = await app.inject({ url: '/download' });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toBe('attachment; filename="stock report.csv"');
      const cookie = await app.inject({ url: '/cookie', cookies: { session: 'a b' } });
      expect(cookie.json()).toEqual({ cookie: 'session=a%20b' });
      await app.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('holds the three overridden packages at the releases it names', () => {
    for (const [name, version] of Object.entries(pkg.overrides)) {
      const installed = Object.entries(lock.packages).filter(([path]) =>
        path.endsWith(`node_modules/${name}`),
      );
      expect(installed.length, name).toBeGreaterThan(0);
      for (const [path, entry] of installed) expect(entry.version, path).toBe(version);
    }
  });
});
