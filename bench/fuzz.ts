/**
 * The long fuzz run: N schema-driven requests (default 100,000) over every operation of
 * /openapi.json, in process through app.inject(), against embedded PGlite or, with
 * DATABASE_URL, a PostgreSQL database (migrated first; use a throwaway one). Prints the number
 * of requests, the statuses, the 5xx count and each distinct 5xx cause (from the error log).
 *
 *   npm run fuzz                      # 100,000 requests on PGlite, seed 1
 *   npm run fuzz -- 5000 42           # 5,000 requests, seed 42
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/stockroom_fuzz npm run fuzz
 *
 * Exit code 1 when any request answered 5xx.
 */
import { Writable } from 'node:stream';
import { createApiKey } from '../src/app/api-keys.ts';
import { createContext } from '../src/app/create-context.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { buildServer } from '../src/http/server.ts';
import { NO_RATE_LIMITS } from '../src/config.ts';
import { operationsOf, sampleRequests, seedFuzzWorld, sendAll } from './fuzz-requests.ts';

const count = Number(process.argv[2] ?? process.env.FUZZ_RUNS ?? 100_000);
const seed = Number(process.argv[3] ?? process.env.FUZZ_SEED ?? 1);
const url = process.env.DATABASE_URL;

/** Unexpected errors as the error handler logs them, by message (digits folded). */
const causes = new Map<string, number>();
const errorLog = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as {
          level: number;
          msg?: string;
          err?: { type?: string; message?: string; code?: string };
        };
        if (entry.level < 50 || !entry.err) continue;
        const key = `${entry.err.type ?? 'Error'} ${entry.err.code ?? ''}: ${(entry.err.message ?? '').replace(/\d+/g, 'N').slice(0, 160)}`;
        causes.set(key, (causes.get(key) ?? 0) + 1);
      } catch {
        // not a log line
      }
    }
    done();
  },
});

const db = url ? openPostgres(url) : await openPglite();
await migrate(db);
const ctx = createContext(db);
// Request budgets off: unknown keys are part of the mix, and would soon have every request 429.
const app = await buildServer(ctx, {
  logger: { level: 'error', stream: errorLog },
  rateLimits: NO_RATE_LIMITS,
});
const { key: adminKey } = await createApiKey(ctx, { name: 'fuzz admin', role: 'admin' });
const pool = await seedFuzzWorld(app, adminKey);
const doc = JSON.parse((await app.inject({ method: 'GET', url: '/openapi.json' })).body);
const ops = operationsOf(doc);
console.log(
  `fuzzing ${ops.length} operations with ${count} requests (seed ${seed}) on ${url ? 'PostgreSQL' : 'PGlite'}`,
);
const started = Date.now();
const requests = sampleRequests(ops, pool, count, seed);
const summary = await sendAll(app, requests, (done) => {
  if (done % 10_000 === 0) console.log(`  ${done} requests, ${Math.round((Date.now() - started) / 1000)} s`);
});
await app.close();
await db.close();

const byOperation = new Map<string, number>();
for (const f of summary.failures) {
  const key = `${f.operation} -> ${f.status} ${f.code ?? ''}`;
  byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
}
console.log(`requests: ${summary.requests} (+${summary.unsendable} the injector could not send)`);
console.log(`statuses: ${JSON.stringify(summary.byStatus)}`);
console.log(`5xx: ${summary.failures.length}`);
for (const [key, n] of [...byOperation].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${key}`);
if (causes.size > 0) console.log('distinct causes (error log):');
for (const [key, n] of [...causes].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${key}`);
for (const f of summary.failures.slice(0, 5)) console.log(JSON.stringify(f.request).slice(0, 600));
const slowest = Object.entries(summary.msByOperation)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 8);
console.log(
  `slowest operations (ms in total): ${slowest.map(([op, ms]) => `${op} ${Math.round(ms)}`).join(', ')}`,
);
console.log(`took ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = summary.failures.length > 0 ? 1 : 0;
