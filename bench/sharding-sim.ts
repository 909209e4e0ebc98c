/**
 * What sharding by SKU would reach (docs/scaling.md, "The path past one primary"): a Monte
 * Carlo of orders over S shards, scaled by the single-primary figures measured by
 * bench/scale-out.ts (bench/results/scale-out.json), for the two ways of placing an order
 * whose lines live on different shards:
 *
 *   2pc:   one distributed transaction (Citus: PREPARE TRANSACTION on every shard touched,
 *          then COMMIT PREPARED): each participant pays its lines plus one more durable WAL
 *          flush (the PREPARE record) than a local commit, and the coordinator one commit.
 *   split: one local reservation per shard touched (its own idempotency key, order id + shard),
 *          and a compensating release on the shards that succeeded when one refuses.
 *
 * A shard's capacity is the measured orders/s of one primary (one commit each); an order costs
 * each shard it touches `1 + (2pc ? PREPARE_COST : 0)` of those units, plus the release work
 * of refused orders. Throughput is bounded by the busiest shard: SKU popularity is Zipf-like,
 * so a few hot SKUs weigh on their shard (hash placement does not spread one SKU).
 *
 *   npx tsx bench/sharding-sim.ts   (SIM_SHARD_ORDERS_PER_SECOND overrides the measured figure;
 *                                     SIM_ORDERS 200000, SIM_SKUS 100000, SIM_ZIPF 0.8,
 *                                     SIM_REFUSED 0.01: share of shard reservations refused)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './server.ts';

const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const ORDERS = env('SIM_ORDERS', 200_000);
const SKUS = env('SIM_SKUS', 100_000);
const ZIPF = env('SIM_ZIPF', 0.8);
const REFUSED = env('SIM_REFUSED', 0.01);
/** A PREPARE is one more flushed commit-like record on each participant: as costly as a local commit. */
const PREPARE_COST = 1;
/** Lines per order: 1 (60%), 2 (25%), 3 (10%), 5 (5%): a web shop's basket sizes. */
const BASKETS: [number, number][] = [
  [1, 0.6],
  [2, 0.25],
  [3, 0.1],
  [5, 0.05],
];

function measuredShardCapacity(): { perSecond: number; source: string } {
  if (process.env.SIM_SHARD_ORDERS_PER_SECOND)
    return {
      perSecond: Number(process.env.SIM_SHARD_ORDERS_PER_SECOND),
      source: 'SIM_SHARD_ORDERS_PER_SECOND',
    };
  const file = join(ROOT, 'bench/results/scale-out.json');
  if (!existsSync(file)) throw new Error('run bench/scale-out.ts first, or set SIM_SHARD_ORDERS_PER_SECOND');
  const run = JSON.parse(readFileSync(file, 'utf8')) as {
    at: string;
    rows: { label: string; processes: number; result: { perSecond: number } }[];
  };
  const best = run.rows
    .filter((r) => r.processes > 0)
    .sort((a, b) => b.result.perSecond - a.result.perSecond)[0]!;
  return { perSecond: best.result.perSecond, source: `bench/scale-out.ts, ${best.label}, ${run.at}` };
}

/** A small seeded generator (mulberry32): the same run gives the same table. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfSampler(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function basketSize(u: number): number {
  let cumulative = 0;
  for (const [lines, share] of BASKETS) if (u < (cumulative += share)) return lines;
  return BASKETS.at(-1)![0];
}

/** Where hash distribution puts a SKU: a fixed pseudo-random shard per SKU. */
const shardOf = (sku: number, shards: number) => (Math.imul(sku + 1, 2654435761) >>> 0) % shards;

function simulate(shards: number, mode: '2pc' | 'split') {
  const rnd = random(20261203);
  const pick = zipfSampler(SKUS, ZIPF, rnd);
  const load = new Float64Array(shards);
  let crossShard = 0;
  for (let o = 0; o < ORDERS; o++) {
    const lines = basketSize(rnd());
    const touched = new Set<number>();
    for (let l = 0; l < lines; l++) touched.add(shardOf(pick(), shards));
    if (touched.size > 1) crossShard++;
    const participants = [...touched];
    if (touched.size === 1) {
      load[participants[0]!]! += 1;
      continue;
    }
    if (mode === '2pc') {
      for (const s of participants) load[s]! += 1 + PREPARE_COST;
      // The coordinator's own commit record, on a shard chosen by the order id.
      load[Math.floor(rnd() * shards)]! += 1;
    } else {
      for (const s of participants) load[s]! += 1;
      // A refused shard reservation releases the others: one more local commit on each.
      if (participants.some(() => rnd() < REFUSED)) for (const s of participants) load[s]! += 1;
    }
  }
  const busiest = Math.max(...load) / ORDERS;
  const mean = load.reduce((a, b) => a + b, 0) / shards / ORDERS;
  return { crossShard: crossShard / ORDERS, busiest, skew: busiest / mean };
}

const capacity = measuredShardCapacity();
console.log(`one shard (one primary): ${Math.round(capacity.perSecond)} orders/s, from ${capacity.source}`);
console.log(
  `${ORDERS} orders, ${SKUS} SKUs, Zipf ${ZIPF}, baskets ${BASKETS.map(([n, p]) => `${n}:${p * 100}%`).join(' ')}, ` +
    `refused ${REFUSED * 100}% (split)\n`,
);
console.log(
  '| shards | cross-shard orders | 2PC: orders/s | 2PC: x one shard | split: orders/s | split: x one shard | busiest / mean shard |',
);
console.log('|---|---|---|---|---|---|---|');
for (const shards of [1, 2, 4, 8, 16, 32]) {
  const twoPc = simulate(shards, '2pc');
  const split = simulate(shards, 'split');
  const rate = (busiest: number) => capacity.perSecond / busiest;
  console.log(
    `| ${shards} | ${(twoPc.crossShard * 100).toFixed(1)}% | ${Math.round(rate(twoPc.busiest))} | ${(rate(twoPc.busiest) / capacity.perSecond).toFixed(2)} | ` +
      `${Math.round(rate(split.busiest))} | ${(rate(split.busiest) / capacity.perSecond).toFixed(2)} | ${split.skew.toFixed(2)} |`,
  );
}
