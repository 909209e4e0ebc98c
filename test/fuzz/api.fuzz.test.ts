/**
 * No request may crash a route: schema-driven requests over every operation of /openapi.json
 * (bench/fuzz-requests.ts), valid and hostile values mixed, admin, operator, warehouse-limited
 * operator and storefront keys, a fixed seed and a bounded count. Any 5xx fails, and the ledger
 * must still verify clean afterwards. FUZZ_RUNS and FUZZ_SEED change the run
 * (`FUZZ_RUNS=20000 npx vitest run test/fuzz`); `npm run fuzz` is the long run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  operationsOf,
  sampleRequests,
  seedFuzzWorld,
  sendAll,
  type FuzzPool,
} from '../../bench/fuzz-requests.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { NO_RATE_LIMITS } from '../../src/config.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const SLOW = 300_000;

describe.each(backends())('fuzzed requests on $name', (backend) => {
  let h: Harness;
  let pool: FuzzPool;
  beforeAll(async () => {
    // Request budgets off: the fuzzer sends unknown keys by design, and 30 of them would have
    // every later request refused with 429 before it reached a route.
    h = await startHarness(backend, { rateLimits: NO_RATE_LIMITS });
    pool = await seedFuzzWorld(h.app, h.adminKey);
  });
  afterAll(() => h.close());

  it(
    `answers ${RUNS} schema-driven requests over every operation without a 5xx`,
    async () => {
      const doc = JSON.parse((await h.app.inject({ method: 'GET', url: '/openapi.json' })).body);
      const ops = operationsOf(doc);
      expect(ops.length).toBeGreaterThanOrEqual(100);
      const requests = sampleRequests(ops, pool, RUNS, SEED);
      // Every operation is exercised, by more than one key.
      expect(new Set(requests.map((r) => r.operation)).size).toBe(ops.length);
      const summary = await sendAll(h.app, requests);
      const failures = summary.failures.map(
        (f) =>
          `${f.status} ${f.code ?? ''} ${f.request.method} ${f.request.url} ${f.request.payload?.slice(0, 200) ?? ''}`,
      );
      expect(failures).toEqual([]);
      expect(summary.requests).toBe(requests.length - summary.unsendable);
      // The mix reached the routes (not only the validators) and was refused as well.
      expect(Object.keys(summary.byStatus).map(Number)).toEqual(
        expect.arrayContaining([200, 400, 401, 403, 404, 415]),
      );
      expect(summary.byStatus[429] ?? 0).toBe(0);
      const verify = await h.call('GET', '/v1/admin/verify');
      expect(verify.status).toBe(200);
      expect(verify.body.problems).toEqual([]);
    },
    SLOW,
  );
});
