/**
 * A seeded randomized test of the ledger: thousands of random commands covering every event of
 * the model's table are sent to the HTTP API and run against an in-memory reference model
 * (test/helpers/reference-model.ts): receipts (plain, for inspection, against virtual stock),
 * orders (place, replay, confirm, cancel, expire, ship, return), adjustments, damage, repairs,
 * write-offs, inspections, locks (with waves and until, unlocked by hand or released by the
 * service's own release pass as the clock moves), transfers (plan, replay, ship in parts,
 * receive with damage and loss, cancel), virtual stock, and cycle counts (open, record, close,
 * post, cancel). After every step it checks that the outcome (success or error code, and the
 * details the model can state) and the answer match the model, that the stored positions,
 * orders, locks, transfers, counts and oversold records match the model, and the invariants of
 * inventory-model.md:
 *   1. no negative quantity; sellable < 0 only where physical facts (damage, write-downs,
 *      count variances, capacity cuts) did it, and then an oversold record exists there
 *   2. damaged + qcPending + locked + transferReserved <= onHand
 *   3. positions rebuilt from the ledger equal the stored positions
 *   4. units conserved: booked in - booked out = sum of onHand + in transit + lost in transit,
 *      and each kind of movement moved onHand by what the model says
 *   5. every position's reserved equals the open part of the order allocations on it (and its
 *      locked and transferReserved the open part of its locks and transfers)
 * At the end of each run the service's own verify (GET /v1/admin/verify) must answer ok with
 * the model's unit figures, and the full oversold list and per-SKU totals must match the model.
 *
 * One harness per back end; every run starts from emptied tables, so the checks cover the whole
 * database. The seed is fixed, so a failure reproduces; the failing step is named in the error.
 * SHRINK=1 shrinks the counterexample to a short sequence (slow: minutes).
 */
import { SKUS, UNSTOCKED, WAREHOUSES, commandArb, receiveArb, type Command } from './generator.ts';
import { byCode, runCommand, type RunState } from './driver.ts';
import { checkInvariants, checkRunEnd } from './checker.ts';
import type { Backend } from '../../helpers/backends.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue, startHarness, type Harness } from '../../helpers/harness.ts';
import { ReferenceModel } from '../../helpers/reference-model.ts';

const SEED = 20_250_611;
const RUNS = 40;
const MAX_COMMANDS = 160;
/** Steps per back end the runs must add up to: a generator change cannot quietly make the test small. */
const MIN_STEPS = 2000;

const SHRINK = process.env.SHRINK === '1';

/**
 * Every one of these (command kind, variant and outcome) must occur in a run of the suite.
 * Variants after the outcome: `invalid_state(not-there)`, a shipment refused because the units
 * are not physically there (details per line: requested, onHand, shippable, held), apart from
 * one refused for the order's status; `insufficient_stock(not-free)`, a lock or transfer plan
 * refused although S covers it, because the units are sellable only on virtual stock and
 * invariant 2 needs them physically free. (`transfer-ship(...):invalid_state(not-there)` cannot
 * occur: a plan holds physically free units, so shipping it always finds them.)
 */
const REQUIRED_OUTCOMES = [
  'receive:ok',
  'receive(inspect):ok',
  'receive(virtual):ok',
  'receive(virtual):insufficient_virtual',
  'order(named):ok',
  'order(unnamed):ok',
  'order(mixed):ok',
  'order(named):insufficient_stock',
  'order(unnamed):insufficient_stock',
  'order(mixed):insufficient_stock',
  'order:split',
  'order:expiring',
  'order:on-virtual',
  'order:channel',
  'order:ring-fence',
  'order:unknown_channel',
  'channel:ok',
  'channel:ok(fenced)',
  'channel:insufficient_stock',
  'channel:invalid_channel',
  'replay:ok',
  'replay:idempotency_key_reused',
  'confirm:ok',
  'confirm:invalid_state',
  'confirm:order_expired',
  'cancel:ok',
  'cancel:invalid_state',
  'expire:released',
  'ship(rest):ok',
  'ship(part):ok',
  'ship(part):exceeds_open_quantity',
  'ship(rest):invalid_state',
  'ship(rest):invalid_state(not-there)',
  'ship(part):invalid_state(not-there)',
  'ship(rest):order_expired',
  'return:ok',
  'return(order):ok',
  'return(order):return_exceeds_shipped',
  'adjust(in):ok',
  'adjust(out):ok',
  'adjust(out):insufficient_on_hand',
  'damage:ok',
  'damage:insufficient_on_hand',
  'repair:ok',
  'repair:insufficient_damaged',
  'write-off:ok',
  'write-off:insufficient_damaged',
  'inspect:ok',
  'inspect:insufficient_qc_pending',
  'virtual(up):ok',
  'virtual(down):ok',
  'virtual(same):ok',
  'lock:ok',
  'lock:ok(waves)',
  'lock:ok(until)',
  'lock:insufficient_stock',
  'lock:insufficient_stock(not-free)',
  'lock:invalid_schedule',
  'unlock(part):ok',
  'unlock(all):ok',
  'unlock(part):exceeds_locked',
  'unlock(all):invalid_state',
  'unlock:unknown_lock',
  'release:wave',
  'release:until',
  'plan:ok',
  'plan:insufficient_stock',
  'plan:insufficient_stock(not-free)',
  'plan:same_warehouse',
  'plan(replay):ok',
  'plan(replay):idempotency_key_reused',
  'transfer-ship(rest):ok',
  'transfer-ship(part):ok',
  'transfer-ship(part):exceeds_planned',
  'transfer-ship(rest):invalid_state',
  'transfer-receive:ok',
  'transfer-receive:ok(damaged)',
  'transfer-receive:ok(lost)',
  'transfer-receive:exceeds_in_transit',
  'transfer-receive:invalid_state',
  'transfer-receive:unknown_transfer',
  'transfer-cancel:ok',
  'transfer-cancel(again):ok',
  'transfer-cancel:invalid_state',
  'transfer-cancel:unknown_transfer',
  'transfer:received',
  'count-open:ok',
  'count-open:ok(sample)',
  'count-open:count_overlap',
  'count-open:invalid_scope',
  'count-entries:ok',
  'count-entries:ok(late)',
  'count-entries:sku_not_in_count',
  'count-entries:invalid_state',
  'count-close:ok',
  'count-close:count_incomplete',
  'count-close:invalid_state',
  'count-post:ok',
  'count-post:ok(variance)',
  'count-post:reason_required',
  'count-post:insufficient_on_hand',
  'count-post:invalid_state',
  'count-cancel:ok',
  'count-cancel:invalid_state',
  'count:unknown_count',
  'oversold:adjustment',
  'oversold:damage',
  'oversold:virtual',
  'oversold:count',
  'state:negative-sellable',
  'state:in-transit',
];

/** The ledger property on one back end: each back end has its own test file, so they run side by side. */
export function describeLedgerProperty(backend: Backend): void {
  describe(`ledger property on ${backend.name}`, () => {
    let h: Harness;
    let run = 0;
    let steps = 0;
    const seen = new Map<string, number>();

    beforeAll(async () => {
      h = await startHarness(backend);
      await seedCatalogue(h, [...SKUS]);
      for (const code of ['BER', UNSTOCKED]) {
        const r = await h.call('PUT', `/v1/warehouses/${code}`, { name: code, region: 'eu' });
        if (r.status >= 300) throw new Error(JSON.stringify(r.body));
      }
    });
    afterAll(() => h?.close());

    it(
      'random commands of every event keep the model invariants',
      async () => {
        const started = performance.now();
        await fc.assert(
          fc.asyncProperty(
            // A few receipts first, so that most runs have stock to sell from the start.
            fc.array(receiveArb, { minLength: 2, maxLength: 5 }),
            fc.array(commandArb, { minLength: 1, maxLength: MAX_COMMANDS, size: 'max' }),
            async (opening, rest) => {
              const commands: Command[] = [...opening, ...rest];
              run++;
              // A clean slate: the ledger forbids UPDATE and DELETE, but TRUNCATE empties it.
              await h.db.query(
                `truncate movements, position_demand_days, order_allocations, order_lines, shipments, customer_returns,
                 receipts, orders, stock_positions, idempotency_keys, stock_lock_waves, stock_locks,
                 transfer_lines, transfers, oversold_events, virtual_supply, count_lines, counts, channels cascade`,
              );
              const model = new ReferenceModel(h.now().getTime(), [...WAREHOUSES, UNSTOCKED].sort(byCode));
              let orders = 0;
              let transfers = 0;
              let seeds = 0;
              const state: RunState = {
                nextOrderId: () => `r${run}-o${++orders}`,
                nextTransferId: () => `r${run}-t${++transfers}`,
                nextCountSeed: () => `r${run}-s${++seeds}`,
                refusedPosts: new Set(),
              };
              const oversoldSeen = { n: 0 };
              await checkInvariants(h, model, 'empty', seen, oversoldSeen);
              for (const [i, cmd] of commands.entries()) {
                const label = `run ${run} step ${i} ${JSON.stringify(cmd)}`;
                await runCommand(h, model, cmd, state, label, seen);
                await checkInvariants(h, model, label, seen, oversoldSeen);
                steps++;
              }
              await checkRunEnd(h, model, `run ${run} end`);
            },
          ),
          // Shrinking replays runs against the database and takes minutes: opt in with SHRINK=1.
          { seed: SEED, numRuns: RUNS, endOnFailure: !SHRINK },
        );
        const summary = [...seen.entries()]
          .sort(([a], [b]) => byCode(a, b))
          .map(([k, n]) => `  ${k} ${n}`)
          .join('\n');
        const seconds = Math.round((performance.now() - started) / 1000);
        console.log(
          `ledger property on ${backend.name}: ${run} runs, ${steps} steps, ${seconds} s\n${summary}`,
        );
        // Guards against generators that quietly stop reaching the cases this test is about.
        expect(steps).toBeGreaterThanOrEqual(MIN_STEPS);
        expect(
          REQUIRED_OUTCOMES.filter((k) => !seen.has(k)),
          'outcomes that no generated command reached',
        ).toEqual([]);
      },
      SHRINK ? 3_600_000 : 300_000,
    );
  });
}
