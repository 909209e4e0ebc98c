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
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseDueLocks } from '../../src/app/locks.ts';
import { expireDueOrders } from '../../src/app/orders.ts';
import { DAMAGE_REASONS } from '../../src/app/unsellable.ts';
import type { Database } from '../../src/db/database.ts';
import type { ReturnCondition } from '../../src/domain/movements.ts';
import { BUCKETS } from '../../src/domain/quantities.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';
import {
  ReferenceModel,
  sellableOf,
  transferInTransit,
  transferOpen,
  type CountScope,
  type Expected,
  type ModelCount,
  type ModelLine,
  type ModelLock,
  type ModelOrder,
  type ModelTransfer,
  type Placement,
  type PositionState,
} from '../helpers/reference-model.ts';

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

const SKUS = ['CAP', 'MUG', 'TEE'] as const;
/**
 * seedCatalogue makes LON and AMS; BER is added so that automatic allocation has three to rank
 * (and DUB, below, for counts).
 */
const WAREHOUSES = ['AMS', 'BER', 'LON'] as const;

/** A warehouse nothing is received at: only a count can find units there. */
const UNSTOCKED = 'DUB';

const NO_SUCH_ORDER = 'no-such-order';
const NO_SUCH_LOCK = 'no-such-lock';
const NO_SUCH_TRANSFER = 'no-such-transfer';
const NO_SUCH_COUNT = 'no-such-count';

// ---------------------------------------------------------------------------------------------
// Commands. Orders, locks, transfers, counts and positions are referred to by position in the
// model's lists when the command runs, so that the generated commands do not depend on state
// and shrink freely.

interface OrderPick {
  index: number;
  /**
   * Any order; an open one (reserved, confirmed, partially shipped) if any; one with shipped units
   * not yet returned, if any; one of the last three placed; an open one with units reserved at a
   * position whose reservations exceed its physically free units (resting on virtual stock, or
   * written down since), if any; a released (cancelled or expired) one, if any.
   */
  from: 'any' | 'open' | 'shipped' | 'recent' | 'unbacked' | 'released';
}

interface Pick<F extends string> {
  index: number;
  from: F;
}
type LockPick = Pick<'any' | 'active' | 'released' | 'recent'>;
type TransferPick = Pick<'any' | 'open' | 'transit' | 'recent' | 'closed' | 'cancelled'>;

type Command =
  | { kind: 'receive'; warehouse: string; lines: { sku: string; qty: number; inspect: boolean }[] }
  /** Receives against virtual stock, at a position holding some (`at`) or anywhere. */
  | {
      kind: 'receiveVirtual';
      at: number | undefined;
      warehouse: string;
      sku: string;
      qty: number;
      /** At a position with virtual stock: receive more than it has (else at most what it has). */
      over: boolean;
      /** A plain line received with it. */
      plain: { sku: string; qty: number } | undefined;
    }
  | {
      kind: 'order';
      lines: { sku: string; qty: number; warehouse: string | undefined }[];
      expiresInSeconds: number | undefined;
      /**
       * Set: the first line names a position with virtual stock (picked by this index) and asks
       * for its physically free units and some more, resting on the supplier's capacity.
       */
      onVirtual: number | undefined;
    }
  /** Places an existing order again: the same lines, the same lines in another order, or more. */
  | { kind: 'replay'; order: OrderPick; lines: 'same' | 'reordered' | 'more' }
  | { kind: 'confirm'; order: OrderPick }
  | { kind: 'cancel'; order: OrderPick }
  | {
      kind: 'ship';
      order: OrderPick;
      /** undefined: ship everything still open. */
      lines: { allocation: number; qty: number; named: boolean; sku: string | undefined }[] | undefined;
    }
  | {
      kind: 'return';
      warehouse: string;
      order: OrderPick | undefined;
      lines: { allocation: number; sku: string | undefined; qty: number; condition: ReturnCondition }[];
    }
  | {
      kind: 'adjust';
      warehouse: string;
      sku: string;
      delta: number;
      /** Set: a write-down (negative) at a position holding reservations, picked by this index. */
      reservedAt: number | undefined;
    }
  /** `at`: a position with units physically free (damage), damaged units (repair, write-off). */
  | {
      kind: 'damage' | 'repair' | 'writeOff';
      at: number | undefined;
      warehouse: string;
      sku: string;
      qty: number;
    }
  | {
      kind: 'inspect';
      /** A position with units in inspection: its warehouse, and its SKU for lines naming none. */
      at: number | undefined;
      warehouse: string;
      lines: { sku: string | undefined; passed: number; failed: number }[];
    }
  /**
   * Sets V. `at`: a position with virtual stock (one whose reservations rest on it, if any) whose
   * capacity is cut, to nothing or by some; else V := virtual at the given codes.
   */
  | { kind: 'virtual'; at: number | undefined; warehouse: string; sku: string; virtual: number }
  | {
      kind: 'lock';
      /** A position with sellable units (with `onVirtual`, one selling on virtual stock). */
      at: number | undefined;
      onVirtual: boolean;
      warehouse: string;
      sku: string;
      qty: number;
      /** Seconds from now. */
      untilIn: number | undefined;
      /** Seconds after the previous wave (the first: after now). */
      waves: { gap: number; qty: number }[] | undefined;
    }
  | { kind: 'unlock'; lock: LockPick; qty: number | undefined }
  | {
      kind: 'plan';
      from: string;
      /** The warehouse after `from` in code order, before it, or `from` itself. */
      to: 'next' | 'previous' | 'same';
      /**
       * Plan from `from`, from the warehouse with the most sellable units of the first line's
       * SKU, or from one selling that SKU on virtual stock beyond its physically free units.
       */
      source: 'given' | 'best' | 'virtual';
      lines: { sku: string; qty: number }[];
    }
  | { kind: 'replan'; transfer: TransferPick; lines: 'same' | 'reordered' | 'more' }
  /**
   * Carries a transfer one step along: ship one with units still planned (all, or `part`), else
   * book in one with units on the road (exactly what is in transit, some damaged or lost), else
   * plan a new one.
   */
  | {
      kind: 'transferNext';
      index: number;
      plan: Extract<Command, { kind: 'plan' }>;
      part: { line: number; qty: number; foreign: boolean }[] | undefined;
      arrival: { damaged: number; lost: number };
    }
  | {
      kind: 'transferShip';
      transfer: TransferPick;
      /** undefined: ship everything still planned. `foreign`: a SKU the transfer does not carry. */
      lines: { line: number; qty: number; foreign: boolean }[] | undefined;
    }
  | {
      kind: 'transferReceive';
      transfer: TransferPick;
      /** Account for exactly what is in transit on each line named (else the amounts as given). */
      exact: boolean;
      lines: { line: number; received: number; damaged: number; lost: number }[];
    }
  | { kind: 'transferCancel'; transfer: TransferPick }
  /**
   * A step of a cycle count. `next` carries the latest open or closed count one step along its
   * life (open one if there is none; record every uncounted line; close; post, or cancel one
   * whose posting was refused); the other stages act on any of the run's counts, whatever its
   * state (or open another).
   */
  | {
      kind: 'count';
      stage: 'next' | 'open' | 'entries' | 'close' | 'post' | 'cancel';
      /** For a stage other than `next`: which of the run's counts. */
      index: number;
      open: {
        /** A position holding reservations, or held units: count there, its SKU among the lines. */
        at: number | undefined;
        focus: 'reserved' | 'held';
        warehouse: string;
        scope: 'all' | 'list' | 'sample';
        skus: string[];
        size: number;
      };
      entries: {
        /** counted = the books' onHand + delta; `foreign`: a SKU the count does not hold. */
        lines: { line: number; delta: number; foreign: boolean }[];
        /** Count every line of the count (deltas taken from `lines` in turn). */
        every: boolean;
        /** Counted earlier than now: this fraction of the way from the count's opening to now. */
        late: number | undefined;
      };
      skipUncounted: boolean;
      reasons: 'default' | 'per-sku' | 'none';
    }
  /**
   * Moves the clock; with `sweep`, then runs the expiry sweep as the background loop would; with
   * `release`, the lock release pass (waves and until come due).
   */
  | { kind: 'expire'; ms: number; sweep: boolean; release: boolean };

const skuArb = fc.constantFrom(...SKUS);
const warehouseArb = fc.constantFrom(...WAREHOUSES);
const weighted = <T>(...choices: [T, number][]) =>
  fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
const orderPickArb: fc.Arbitrary<OrderPick> = fc.record({
  index: fc.nat({ max: 999 }),
  from: fc.constantFrom('any', 'open', 'shipped', 'recent'),
});
const pickArb = <F extends string>(...from: [F, number][]): fc.Arbitrary<Pick<F>> =>
  fc.record({ index: fc.nat({ max: 999 }), from: weighted(...from) });
/** Mostly a position chosen by the command's rule (an index), sometimes the given codes. */
const atArb = fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 4 });
/** Mostly the SKU of one of the order's allocations (undefined), sometimes any SKU. */
const lineSkuArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: skuArb, weight: 1 },
);

const receiveArb = fc.record({
  kind: fc.constant('receive' as const),
  warehouse: warehouseArb,
  lines: fc.array(
    fc.record({
      sku: skuArb,
      qty: fc.integer({ min: 1, max: 8 }),
      inspect: weighted([false, 4], [true, 1]),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

const planArb = fc.record({
  kind: fc.constant('plan' as const),
  from: warehouseArb,
  to: weighted<'next' | 'previous' | 'same'>(['next', 6], ['previous', 6], ['same', 1]),
  source: weighted<'given' | 'best' | 'virtual'>(['given', 4], ['best', 4], ['virtual', 2]),
  lines: fc.array(fc.record({ sku: skuArb, qty: fc.integer({ min: 1, max: 5 }) }), {
    minLength: 1,
    maxLength: 2,
  }),
});

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: receiveArb },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('receiveVirtual' as const),
      at: atArb,
      warehouse: warehouseArb,
      sku: skuArb,
      qty: fc.integer({ min: 1, max: 5 }),
      over: weighted([false, 3], [true, 1]),
      plain: fc.option(fc.record({ sku: skuArb, qty: fc.integer({ min: 1, max: 4 }) }), {
        nil: undefined,
        freq: 3,
      }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      lines: fc.array(
        fc.record({
          sku: skuArb,
          qty: fc.integer({ min: 1, max: 5 }),
          warehouse: fc.option(warehouseArb, { nil: undefined, freq: 2 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      expiresInSeconds: fc.option(fc.integer({ min: 1, max: 180 }), { nil: undefined, freq: 2 }),
      onVirtual: fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 5 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('replay' as const),
      order: orderPickArb,
      lines: fc.constantFrom('same', 'reordered', 'more'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('confirm' as const),
      order: fc.oneof(
        { weight: 5, arbitrary: orderPickArb },
        {
          weight: 1,
          arbitrary: fc.record({ index: fc.nat({ max: 999 }), from: fc.constant('released' as const) }),
        },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), order: orderPickArb }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('ship' as const),
      order: fc.oneof(
        { weight: 4, arbitrary: orderPickArb },
        {
          weight: 1,
          arbitrary: fc.record({ index: fc.nat({ max: 999 }), from: fc.constant('unbacked' as const) }),
        },
      ),
      lines: fc.option(
        fc.array(
          fc.record({
            allocation: fc.nat({ max: 9 }),
            qty: fc.integer({ min: 1, max: 4 }),
            named: fc.boolean(),
            sku: lineSkuArb,
          }),
          { minLength: 1, maxLength: 2 },
        ),
        { nil: undefined, freq: 3 },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      warehouse: warehouseArb,
      // Mostly against an order that has shipped units to return.
      order: fc.option(
        fc.record({
          index: fc.nat({ max: 999 }),
          from: fc.constantFrom<OrderPick['from']>('shipped', 'any'),
        }),
        { nil: undefined, freq: 3 },
      ),
      lines: fc.array(
        fc.record({
          allocation: fc.nat({ max: 9 }),
          sku: lineSkuArb,
          qty: fc.integer({ min: 1, max: 3 }),
          condition: fc.constantFrom<ReturnCondition>('sellable', 'damaged', 'inspect'),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      warehouse: warehouseArb,
      sku: skuArb,
      delta: fc.integer({ min: -8, max: 6 }).filter((d) => d !== 0),
      reservedAt: fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 3 }),
    }),
  },
  ...(['damage', 'repair', 'writeOff'] as const).map((kind) => ({
    weight: kind === 'damage' ? 3 : 2,
    arbitrary: fc.record({
      kind: fc.constant(kind),
      at: atArb,
      warehouse: warehouseArb,
      sku: skuArb,
      qty: fc.integer({ min: 1, max: 4 }),
    }),
  })),
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('inspect' as const),
      at: atArb,
      warehouse: warehouseArb,
      lines: fc.array(
        fc.record({
          sku: lineSkuArb,
          passed: fc.integer({ min: 0, max: 3 }),
          failed: weighted([0, 2], [1, 1], [2, 1]),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('virtual' as const),
      at: fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 2 }),
      warehouse: warehouseArb,
      sku: skuArb,
      virtual: fc.integer({ min: 0, max: 8 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('lock' as const),
      at: atArb,
      onVirtual: weighted([false, 3], [true, 1]),
      warehouse: warehouseArb,
      sku: skuArb,
      qty: fc.integer({ min: 1, max: 6 }),
      untilIn: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined, freq: 2 }),
      waves: fc.option(
        fc.array(fc.record({ gap: fc.integer({ min: 0, max: 240 }), qty: fc.integer({ min: 1, max: 2 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        { nil: undefined, freq: 3 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('unlock' as const),
      lock: pickArb<LockPick['from']>(['active', 5], ['released', 1], ['any', 1], ['recent', 1]),
      qty: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 2 }),
    }),
  },
  { weight: 3, arbitrary: planArb },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('transferNext' as const),
      index: fc.nat({ max: 999 }),
      plan: planArb,
      part: fc.option(
        fc.array(
          fc.record({
            line: fc.nat({ max: 9 }),
            qty: fc.integer({ min: 1, max: 3 }),
            foreign: fc.constant(false),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        { nil: undefined, freq: 2 },
      ),
      arrival: fc.record({
        damaged: weighted([0, 3], [1, 1], [2, 1]),
        lost: weighted([0, 3], [1, 1], [2, 1]),
      }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('replan' as const),
      transfer: pickArb<TransferPick['from']>(['any', 1]),
      lines: fc.constantFrom('same', 'reordered', 'more'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('transferShip' as const),
      transfer: pickArb<TransferPick['from']>(['open', 4], ['any', 1], ['recent', 1]),
      lines: fc.option(
        fc.array(
          fc.record({
            line: fc.nat({ max: 9 }),
            qty: fc.integer({ min: 1, max: 4 }),
            foreign: weighted([false, 8], [true, 1]),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        { nil: undefined, freq: 2 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('transferReceive' as const),
      transfer: pickArb<TransferPick['from']>(['transit', 5], ['any', 1]),
      exact: weighted([true, 3], [false, 1]),
      lines: fc.array(
        fc.record({
          line: fc.nat({ max: 9 }),
          received: fc.integer({ min: 0, max: 4 }),
          damaged: weighted([0, 3], [1, 1], [2, 1]),
          lost: weighted([0, 3], [1, 1], [2, 1]),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('transferCancel' as const),
      transfer: pickArb<TransferPick['from']>(['open', 3], ['cancelled', 1], ['closed', 1], ['any', 1]),
    }),
  },
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant('count' as const),
      index: fc.nat({ max: 999 }),
      stage: weighted<'next' | 'open' | 'entries' | 'close' | 'post' | 'cancel'>(
        ['next', 18],
        ['open', 3],
        ['entries', 1],
        ['close', 2],
        ['post', 1],
        ['cancel', 1],
      ),
      open: fc.record({
        at: fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 4 }),
        focus: weighted<'reserved' | 'held'>(['reserved', 2], ['held', 1]),
        // DUB is never stocked but by counts that find stray units there.
        warehouse: weighted<string>(...WAREHOUSES.map((w): [string, number] => [w, 2]), [UNSTOCKED, 2]),
        scope: weighted<'all' | 'list' | 'sample'>(['list', 4], ['all', 2], ['sample', 1]),
        skus: fc.subarray([...SKUS], { minLength: 1 }),
        size: fc.integer({ min: 1, max: 3 }),
      }),
      entries: fc.record({
        lines: fc.array(
          fc.record({
            line: fc.nat({ max: 9 }),
            // -99: nothing found (counted 0); -100: one unit more missing than is sellable.
            delta: weighted([0, 3], [-1, 2], [-2, 2], [-99, 2], [-100, 3], [1, 1], [2, 1]),
            foreign: weighted([false, 8], [true, 1]),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        every: weighted([true, 3], [false, 1]),
        late: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 3 }),
      }),
      skipUncounted: weighted([false, 2], [true, 1]),
      reasons: weighted<'default' | 'per-sku' | 'none'>(['default', 4], ['per-sku', 3], ['none', 2]),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('expire' as const),
      ms: fc.integer({ min: 0, max: 300_000 }),
      sweep: weighted([true, 1], [false, 2]),
      release: weighted([true, 2], [false, 1]),
    }),
  },
);

// ---------------------------------------------------------------------------------------------
// Running a command against both sides.

const outcomeOf = (r: Reply): string => (r.status < 300 ? 'ok' : String(r.body?.error?.code));
const expectedOutcome = (e: Expected<unknown>): string => (e.ok ? 'ok' : e.code);
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortPlacements = (ps: readonly Placement[]) =>
  ps
    .map((p) => ({ sku: p.sku, warehouse: p.warehouse, qty: p.qty }))
    .sort((a, b) => byCode(a.sku, b.sku) || byCode(a.warehouse, b.warehouse));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isOpen = (o: ModelOrder) => ['reserved', 'confirmed', 'partially_shipped'].includes(o.status);
const heldOf = (p: PositionState) => p.damaged + p.qcPending + p.locked + p.transferReserved;
/** The fields of `value` named in `keys`: to compare answers on what the model can know. */
const only = (value: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]]));

/** An order of the model, or an id no order has (which the service must not know either). */
function pickOrder(model: ReferenceModel, pick: OrderPick): ModelOrder | undefined {
  const all = model.orderList();
  const preferred =
    pick.from === 'open'
      ? all.filter(isOpen)
      : pick.from === 'released'
        ? all.filter((o) => o.status === 'released')
        : pick.from === 'unbacked'
          ? all.filter(
              (o) => isOpen(o) && o.allocations.some((a) => sellableGap(model, a.sku, a.warehouse) > 0),
            )
          : pick.from === 'shipped'
            ? all.filter((o) => o.allocations.some((a) => a.shipped > a.returned))
            : pick.from === 'recent'
              ? all.slice(-3)
              : all;
  return pickFrom(preferred.length > 0 ? preferred : all, pick.index);
}

/** Units reserved at a position beyond its physically free units (resting on virtual stock). */
function sellableGap(model: ReferenceModel, sku: string, warehouse: string): number {
  const p = model.view(sku, warehouse);
  return p.reserved - (p.onHand - p.damaged - p.qcPending - p.locked - p.transferReserved);
}

const pickFrom = <T>(items: readonly T[], index: number): T | undefined =>
  items.length === 0 ? undefined : items[index % items.length];

function pickPosition(
  model: ReferenceModel,
  index: number | undefined,
  wanted: (p: PositionState) => boolean,
): PositionState | undefined {
  return index === undefined ? undefined : pickFrom(model.snapshot().filter(wanted), index);
}

function pickLock(model: ReferenceModel, pick: LockPick): ModelLock | undefined {
  const all = model.locks;
  const preferred =
    pick.from === 'active' || pick.from === 'released'
      ? all.filter((l) => l.locked > 0 === (pick.from === 'active'))
      : pick.from === 'recent'
        ? all.slice(-3)
        : all;
  return pickFrom(preferred.length > 0 ? preferred : all, pick.index);
}

function pickTransfer(model: ReferenceModel, pick: TransferPick): ModelTransfer | undefined {
  const all = model.transferList();
  const preferred =
    pick.from === 'open'
      ? all.filter((t) => t.lines.some((l) => transferOpen(l) > 0))
      : pick.from === 'transit'
        ? all.filter((t) => t.lines.some((l) => transferInTransit(l) > 0))
        : pick.from === 'closed' || pick.from === 'cancelled'
          ? all.filter((t) => t.status === 'cancelled' || (pick.from === 'closed' && t.status === 'received'))
          : pick.from === 'recent'
            ? all.slice(-3)
            : all;
  return pickFrom(preferred.length > 0 ? preferred : all, pick.index);
}

/** A lock as GET /v1/locks/{id} and the lock answers show it. */
function lockView(l: ModelLock) {
  return {
    lockId: l.lockId,
    sku: l.sku,
    warehouse: l.warehouse,
    reason: l.reason,
    qty: l.qty,
    locked: l.locked,
    released: l.qty - l.locked,
    active: l.releasedAt === null,
    until: iso(l.until),
    createdAt: iso(l.createdAt),
    releasedAt: iso(l.releasedAt),
    waves: l.waves.map((w) => ({ ...w, at: iso(w.at), releasedAt: iso(w.releasedAt) })),
  };
}

function transferLines(t: ModelTransfer) {
  return t.lines.map((l) => ({ ...l, open: transferOpen(l), inTransit: transferInTransit(l) }));
}

const COUNT_FIELDS = [
  'countId',
  'warehouse',
  'status',
  'linesTotal',
  'linesCounted',
  'linesMatched',
  'linesWithVariance',
  'netVariance',
  'accuracy',
] as const;
const COUNT_LINE_FIELDS = ['sku', 'counted', 'countedAt', 'expected', 'variance', 'reason'] as const;

/** A count as its answers show it: blind (no expected, variance or reason) until closed. */
function countView(c: ModelCount) {
  const f = c.figures;
  return {
    countId: c.countId,
    warehouse: c.warehouse,
    status: c.status,
    linesTotal: c.lines.length,
    linesCounted: f?.linesCounted ?? c.lines.filter((l) => l.counted !== null).length,
    linesMatched: f?.linesMatched ?? null,
    linesWithVariance: f?.linesWithVariance ?? null,
    netVariance: f?.netVariance ?? null,
    accuracy: f?.accuracy ?? null,
    lines: c.lines.map((l) => ({
      sku: l.sku,
      counted: l.counted,
      countedAt: iso(l.countedAt),
      ...(f === null
        ? {}
        : {
            expected: l.expected,
            variance: l.counted === null ? null : l.counted - l.expected!,
            reason: l.reason,
          }),
    })),
  };
}

const countAnswer = (body: Record<string, unknown>) => ({
  ...only(body, COUNT_FIELDS),
  lines: (body.lines as Record<string, unknown>[]).map((l) => only(l, COUNT_LINE_FIELDS)),
});

interface RunState {
  nextOrderId: () => string;
  nextTransferId: () => string;
  nextCountSeed: () => string;
  /** Counts whose posting was refused: the next step cancels them. */
  refusedPosts: Set<ModelCount>;
}

async function runCommand(
  h: Harness,
  model: ReferenceModel,
  cmd: Command,
  state: RunState,
  label: string,
  seen: Map<string, number>,
  nested = false,
): Promise<void> {
  const note = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
  const oversoldBefore = model.oversold.length;
  /**
   * Compares outcomes (and the refusal details the model states), notes `name:outcome`, and
   * says whether both succeeded with the expected HTTP status.
   */
  const same = (
    actual: Reply,
    expected: Expected<unknown>,
    name: string,
    status: number,
    variant = '',
  ): boolean => {
    expect(outcomeOf(actual), `${label}: outcome (${JSON.stringify(actual.body)})`).toBe(
      expectedOutcome(expected),
    );
    if (!expected.ok && expected.details) {
      expect(actual.body.error.details, `${label}: refusal details`).toEqual(expected.details);
    }
    note(`${name}:${outcomeOf(actual)}${variant}`);
    // An unknown count, whichever step asked for it.
    if (outcomeOf(actual) === 'unknown_count') note('count:unknown_count');
    if (!expected.ok) return false;
    expect(actual.status, `${label}: status`).toBe(status);
    return true;
  };

  await runOne();
  if (!nested) for (const o of model.oversold.slice(oversoldBefore)) note(`oversold:${o.movementType}`);

  async function runOne(): Promise<void> {
    switch (cmd.kind) {
      case 'receive': {
        const lines = cmd.lines.map((l) => ({ ...l, againstVirtual: false }));
        const expected = model.receive({ warehouse: cmd.warehouse, lines });
        const actual = await h.call('POST', '/v1/receipts', { warehouse: cmd.warehouse, lines: cmd.lines });
        const name = cmd.lines.some((l) => l.inspect) ? 'receive(inspect)' : 'receive';
        if (same(actual, expected, name, 201) && expected.ok) {
          expect(actual.body.positions, `${label}: positions`).toEqual(expected.value.positions);
        }
        return;
      }
      case 'receiveVirtual': {
        const found = pickPosition(model, cmd.at, (p) => p.virtual > 0);
        const at = found ?? cmd;
        const qty = !found ? cmd.qty : cmd.over ? found.virtual + cmd.qty : Math.min(cmd.qty, found.virtual);
        const lines = [
          { sku: at.sku, qty, inspect: false, againstVirtual: true },
          ...(cmd.plain ? [{ ...cmd.plain, inspect: false, againstVirtual: false }] : []),
        ];
        const expected = model.receive({ warehouse: at.warehouse, lines });
        const actual = await h.call('POST', '/v1/receipts', { warehouse: at.warehouse, lines });
        if (same(actual, expected, 'receive(virtual)', 201) && expected.ok) {
          expect(actual.body.positions, `${label}: positions`).toEqual(expected.value.positions);
        }
        return;
      }
      case 'order': {
        const orderId = state.nextOrderId();
        const supplied = pickPosition(model, cmd.onVirtual, (p) => p.virtual > 0);
        const [first, ...others] = cmd.lines;
        const lines = supplied
          ? [
              {
                sku: supplied.sku,
                warehouse: supplied.warehouse,
                qty:
                  Math.max(0, sellableOf(supplied) - supplied.virtual) +
                  Math.min(first!.qty, supplied.virtual),
              },
              ...others,
            ]
          : cmd.lines;
        const input = { orderId, lines, expiresInSeconds: cmd.expiresInSeconds };
        const expected = model.placeOrder(input);
        const actual = await h.call('POST', '/v1/orders', input);
        const named = lines.filter((l) => l.warehouse).length;
        const variant = named === lines.length ? '(named)' : named === 0 ? '(unnamed)' : '(mixed)';
        if (same(actual, expected, `order${variant}`, 201) && expected.ok) {
          const skus = expected.value.allocations.map((a) => a.sku);
          if (named === 0 && new Set(skus).size < skus.length) note('order:split');
          if (input.expiresInSeconds !== undefined) note('order:expiring');
          // Reserved beyond what is physically free there: resting on virtual stock.
          if (expected.value.allocations.some((a) => sellableGap(model, a.sku, a.warehouse) > 0)) {
            note('order:on-virtual');
          }
          expect(sortPlacements(actual.body.allocations), `${label}: allocations`).toEqual(
            expected.value.allocations,
          );
          expect(actual.body.expiresAt, `${label}: expiresAt`).toBe(iso(expected.value.expiresAt));
        }
        return;
      }
      case 'replay': {
        const order = pickOrder(model, cmd.order);
        if (!order) return;
        const lines: ModelLine[] = order.lines.map((l, i) =>
          cmd.lines === 'more' && i === 0 ? { ...l, qty: l.qty + 1 } : { ...l },
        );
        if (cmd.lines === 'reordered') lines.reverse();
        const input = { orderId: order.orderId, lines, expiresInSeconds: order.expiresInSeconds };
        const expected = model.placeOrder(input);
        const actual = await h.call('POST', '/v1/orders', input);
        // A replay answers the first answer, with 200.
        if (same(actual, expected, 'replay', 200) && expected.ok) {
          expect(sortPlacements(actual.body.allocations), `${label}: replayed allocations`).toEqual(
            expected.value.allocations,
          );
          expect(actual.body.expiresAt, `${label}: replayed expiresAt`).toBe(iso(expected.value.expiresAt));
        }
        return;
      }
      case 'confirm':
      case 'cancel': {
        const orderId = pickOrder(model, cmd.order)?.orderId ?? NO_SUCH_ORDER;
        const expected = cmd.kind === 'confirm' ? model.confirm(orderId) : model.cancel(orderId);
        const actual = await h.call('POST', `/v1/orders/${orderId}/${cmd.kind}`);
        if (same(actual, expected, cmd.kind, 200) && expected.ok) {
          expect(actual.body.status, `${label}: status`).toBe(expected.value.status);
        }
        return;
      }
      case 'ship': {
        const order = pickOrder(model, cmd.order);
        const orderId = order?.orderId ?? NO_SUCH_ORDER;
        const allocations = order?.allocations ?? [];
        // Picked for units resting where they are not all physically there: a part shipment asks
        // for all that is open at those positions.
        const unbacked = allocations.filter(
          (a) => a.qty > a.shipped + a.released && sellableGap(model, a.sku, a.warehouse) > 0,
        );
        const lines =
          cmd.order.from === 'unbacked' && cmd.lines && unbacked.length > 0
            ? unbacked.map((a) => ({
                sku: a.sku,
                qty: a.qty - a.shipped - a.released,
                warehouse: a.warehouse,
              }))
            : cmd.lines?.map((spec): ModelLine => {
                const a = allocations[spec.allocation % Math.max(1, allocations.length)];
                return {
                  sku: spec.sku ?? a?.sku ?? SKUS[0],
                  qty: spec.qty,
                  warehouse: spec.named ? a?.warehouse : undefined,
                };
              });
        const expected = model.ship(orderId, lines);
        const actual = await h.call('POST', `/v1/orders/${orderId}/shipments`, lines ? { lines } : undefined);
        // Units that are not physically there: invalid_state with details, named apart from a
        // shipment refused for the order's status.
        const notThere = !expected.ok && expected.details !== undefined ? '(not-there)' : '';
        const name = `ship${lines ? '(part)' : '(rest)'}`;
        if (same(actual, expected, name, 201, notThere) && expected.ok) {
          expect(actual.body.status, `${label}: status after shipping`).toBe(expected.value.status);
          expect(sortPlacements(actual.body.lines), `${label}: shipped lines`).toEqual(expected.value.lines);
        }
        return;
      }
      case 'return': {
        const order = cmd.order ? pickOrder(model, cmd.order) : undefined;
        const orderId = cmd.order ? (order?.orderId ?? NO_SUCH_ORDER) : undefined;
        const allocations = order?.allocations ?? [];
        const lines = cmd.lines.map((spec) => ({
          sku:
            spec.sku ??
            allocations[spec.allocation % Math.max(1, allocations.length)]?.sku ??
            SKUS[spec.allocation % SKUS.length]!,
          qty: spec.qty,
          condition: spec.condition,
        }));
        const input = { orderId, warehouse: cmd.warehouse, lines };
        const expected = model.recordReturn(input);
        const actual = await h.call('POST', '/v1/returns', input);
        same(actual, expected, orderId === undefined ? 'return' : 'return(order)', 201);
        return;
      }
      case 'adjust': {
        const at = pickPosition(model, cmd.reservedAt, (p) => p.reserved > 0);
        const input = at
          ? {
              warehouse: at.warehouse,
              sku: at.sku,
              delta: -Math.abs(cmd.delta),
              reason: 'damaged in storage',
            }
          : { warehouse: cmd.warehouse, sku: cmd.sku, delta: cmd.delta, reason: 'stock count' };
        const expected = model.adjust(input);
        const actual = await h.call('POST', '/v1/adjustments', input);
        if (same(actual, expected, input.delta > 0 ? 'adjust(in)' : 'adjust(out)', 201) && expected.ok) {
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'damage': {
        const at =
          pickPosition(model, cmd.at, (p) => p.onHand > heldOf(p) && p.reserved > 0) ??
          pickPosition(model, cmd.at, (p) => p.onHand > heldOf(p)) ??
          cmd;
        const reason = DAMAGE_REASONS[cmd.qty % DAMAGE_REASONS.length]!;
        const input = { warehouse: at.warehouse, sku: at.sku, qty: cmd.qty, reason };
        const expected = model.damage(input);
        const actual = await h.call('POST', '/v1/damage', input);
        if (same(actual, expected, 'damage', 201) && expected.ok) {
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'repair':
      case 'writeOff': {
        const at = pickPosition(model, cmd.at, (p) => p.damaged > 0) ?? cmd;
        const input = { warehouse: at.warehouse, sku: at.sku, qty: cmd.qty };
        const expected =
          cmd.kind === 'repair' ? model.repair(input) : model.writeOff({ ...input, reason: 'disposed of' });
        const actual =
          cmd.kind === 'repair'
            ? await h.call('POST', '/v1/repairs', input)
            : await h.call('POST', '/v1/write-offs', { ...input, reason: 'disposed of' });
        if (same(actual, expected, cmd.kind === 'repair' ? 'repair' : 'write-off', 201) && expected.ok) {
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'inspect': {
        const at = pickPosition(model, cmd.at, (p) => p.qcPending > 0);
        const warehouse = at?.warehouse ?? cmd.warehouse;
        const lines = cmd.lines.map((l, i) => ({
          sku: l.sku ?? at?.sku ?? SKUS[i % SKUS.length]!,
          passed: l.passed + l.failed === 0 ? 1 : l.passed,
          failed: l.failed,
        }));
        const expected = model.inspect({ warehouse, lines });
        const actual = await h.call('POST', '/v1/inspections', { warehouse, lines });
        if (same(actual, expected, 'inspect', 201) && expected.ok) {
          expect(actual.body.positions, `${label}: positions`).toEqual(expected.value.positions);
        }
        return;
      }
      case 'virtual': {
        const at =
          pickPosition(model, cmd.at, (p) => p.virtual > 0 && sellableGap(model, p.sku, p.warehouse) > 0) ??
          pickPosition(model, cmd.at, (p) => p.virtual > 0);
        const where = at ?? cmd;
        const before = model.view(where.sku, where.warehouse).virtual;
        // Where there is capacity, a cut (to nothing, or by some): under reservations resting on
        // it, S goes negative.
        const virtual = at ? (cmd.virtual % 2 === 0 ? 0 : Math.min(cmd.virtual, before - 1)) : cmd.virtual;
        const input = { sku: where.sku, warehouse: where.warehouse, virtual };
        const expected = model.setVirtual(input);
        const actual = await h.call('PUT', `/v1/virtual/${input.sku}/${input.warehouse}`, {
          virtual: input.virtual,
        });
        const change = input.virtual > before ? '(up)' : input.virtual < before ? '(down)' : '(same)';
        if (same(actual, expected, `virtual${change}`, 200) && expected.ok) {
          expect(actual.body.virtual, `${label}: virtual`).toBe(expected.value.virtual);
          expect(actual.body.position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'lock': {
        const onVirtual = cmd.onVirtual
          ? pickPosition(model, cmd.at, (p) => p.virtual > 0 && sellableOf(p) > p.onHand - heldOf(p))
          : undefined;
        const at = onVirtual ?? pickPosition(model, cmd.at, (p) => sellableOf(p) > 0) ?? cmd;
        // On virtual stock: one unit more than is physically free, though no more than is sellable.
        const qty = onVirtual ? Math.max(0, onVirtual.onHand - heldOf(onVirtual)) + 1 : cmd.qty;
        const now = model.clock;
        const until = cmd.untilIn === undefined ? undefined : now + cmd.untilIn * 1000;
        let t = now;
        const waves = cmd.waves?.map((w) => ({ at: (t += w.gap * 1000), qty: w.qty }));
        const input = { warehouse: at.warehouse, sku: at.sku, qty, reason: 'promotion' };
        const expected = model.lock({ ...input, until, waves });
        const actual = await h.call('POST', '/v1/locks', {
          ...input,
          ...(until === undefined ? {} : { until: iso(until) }),
          ...(waves ? { waves: waves.map((w) => ({ at: iso(w.at), qty: w.qty })) } : {}),
        });
        // Refused although S >= q: the units are sellable only on virtual stock, not physically free.
        const notFree = !expected.ok && Number(expected.details?.sellable) >= qty ? '(not-free)' : '';
        if (same(actual, expected, 'lock', 201, notFree) && expected.ok) {
          const lock = expected.value.lock;
          lock.lockId = actual.body.lockId;
          if (waves) note('lock:ok(waves)');
          if (until !== undefined) note('lock:ok(until)');
          const { position, ...view } = actual.body;
          expect(view, `${label}: lock`).toEqual(lockView(lock));
          expect(position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'unlock': {
        const lock = pickLock(model, cmd.lock);
        const expected = model.unlock(lock, cmd.qty);
        const actual = await h.call(
          'POST',
          `/v1/locks/${lock?.lockId ?? NO_SUCH_LOCK}/unlock`,
          cmd.qty === undefined ? undefined : { qty: cmd.qty },
        );
        const name = lock ? `unlock${cmd.qty === undefined ? '(all)' : '(part)'}` : 'unlock';
        if (same(actual, expected, name, 200) && expected.ok) {
          const { position, unlocked, ...view } = actual.body;
          expect(unlocked, `${label}: unlocked`).toBe(expected.value.unlocked);
          expect(view, `${label}: lock`).toEqual(lockView(expected.value.lock));
          expect(position, `${label}: position`).toEqual(expected.value.position);
        }
        return;
      }
      case 'plan': {
        const [first, ...others] = cmd.lines;
        const sellableAt = (warehouse: string) => sellableOf(model.view(first!.sku, warehouse));
        const free = (warehouse: string) => {
          const p = model.view(first!.sku, warehouse);
          return p.onHand - p.damaged - p.qcPending - p.locked - p.transferReserved;
        };
        const onVirtual = WAREHOUSES.find(
          (w) => model.view(first!.sku, w).virtual > 0 && sellableAt(w) > free(w),
        );
        const from =
          cmd.source === 'best'
            ? [...WAREHOUSES].sort((a, b) => sellableAt(b) - sellableAt(a) || byCode(a, b))[0]!
            : cmd.source === 'virtual' && onVirtual
              ? onVirtual
              : cmd.from;
        // From virtual stock: one unit more than is physically free, though no more than is sellable.
        const lines =
          cmd.source === 'virtual' && onVirtual
            ? [{ sku: first!.sku, qty: Math.max(0, free(onVirtual)) + 1 }, ...others]
            : cmd.lines;
        const i = WAREHOUSES.indexOf(from as (typeof WAREHOUSES)[number]);
        const step = { next: 1, previous: WAREHOUSES.length - 1, same: 0 }[cmd.to];
        const to = WAREHOUSES[(i + step) % WAREHOUSES.length]!;
        const input = { transferId: state.nextTransferId(), from, to, lines };
        const expected = model.planTransfer(input);
        const actual = await h.call('POST', '/v1/transfers', input);
        const refused =
          (!expected.ok && (expected.details?.lines as { requested: number; sellable: number }[])) || [];
        const notFree = refused.some((l) => l.sellable >= l.requested) ? '(not-free)' : '';
        if (same(actual, expected, 'plan', 201, notFree) && expected.ok) {
          expect(actual.body.status, `${label}: status`).toBe('planned');
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'replan': {
        const t = pickTransfer(model, cmd.transfer);
        if (!t) return;
        const lines = t.lines.map((l, i) => ({
          sku: l.sku,
          qty: l.planned + (cmd.lines === 'more' && i === 0 ? 1 : 0),
        }));
        if (cmd.lines === 'reordered') lines.reverse();
        const input = { transferId: t.transferId, from: t.from, to: t.to, lines };
        const expected = model.planTransfer(input);
        const actual = await h.call('POST', '/v1/transfers', input);
        // A replay answers the transfer as it was planned, with 200.
        if (same(actual, expected, 'plan(replay)', 200)) {
          expect(actual.body.status, `${label}: status as planned`).toBe('planned');
          expect(
            actual.body.lines.map((l: { sku: string; planned: number; open: number }) => [
              l.sku,
              l.planned,
              l.open,
            ]),
            `${label}: lines as planned`,
          ).toEqual(t.lines.map((l) => [l.sku, l.planned, l.planned]));
        }
        return;
      }
      case 'transferNext': {
        const open = model.transferList().filter((t) => t.lines.some((l) => transferOpen(l) > 0));
        const onTheRoad = model.transferList().filter((t) => t.lines.some((l) => transferInTransit(l) > 0));
        const ship: Command = {
          kind: 'transferShip',
          transfer: { index: cmd.index, from: 'open' },
          lines: cmd.part,
        };
        const receive: Command = {
          kind: 'transferReceive',
          transfer: { index: cmd.index, from: 'transit' },
          exact: true,
          lines: [{ line: cmd.index, received: 0, ...cmd.arrival }],
        };
        // Ship first, or book in first (by the index's parity), whichever has something to do.
        const order = cmd.index % 2 === 0 ? [ship, receive] : [receive, ship];
        const next =
          order.find((c) => (c.kind === 'transferShip' ? open.length > 0 : onTheRoad.length > 0)) ?? cmd.plan;
        return runCommand(h, model, next, state, label, seen, true);
      }
      case 'transferShip': {
        const t = pickTransfer(model, cmd.transfer);
        const lines = cmd.lines?.map((spec) => {
          const carried = t?.lines ?? [];
          const foreign = SKUS.filter((s) => !carried.some((l) => l.sku === s));
          const sku =
            spec.foreign && foreign.length > 0
              ? foreign[spec.line % foreign.length]!
              : (carried[spec.line % Math.max(1, carried.length)]?.sku ?? SKUS[0]);
          return { sku, qty: spec.qty };
        });
        const transferId = t?.transferId ?? NO_SUCH_TRANSFER;
        const expected = model.shipTransfer(transferId, lines);
        const actual = await h.call(
          'POST',
          `/v1/transfers/${transferId}/ship`,
          lines ? { lines } : undefined,
        );
        const name = `transfer-ship${lines ? '(part)' : '(rest)'}`;
        const notThere = !expected.ok && expected.details !== undefined ? '(not-there)' : '';
        if (same(actual, expected, name, 201, notThere) && expected.ok) {
          expect(actual.body.status, `${label}: status`).toBe(expected.value.transfer.status);
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'transferReceive': {
        const t = pickTransfer(model, cmd.transfer);
        const specs = cmd.exact
          ? cmd.lines.filter(
              (spec, i) =>
                cmd.lines.findIndex(
                  (x) =>
                    x.line % Math.max(1, t?.lines.length ?? 1) ===
                    spec.line % Math.max(1, t?.lines.length ?? 1),
                ) === i,
            )
          : cmd.lines;
        const lines = specs.map((spec) => {
          const line = t?.lines[spec.line % Math.max(1, t.lines.length)];
          const sku = line?.sku ?? SKUS[spec.line % SKUS.length]!;
          let { received, damaged, lost } = spec;
          const inTransit = line ? transferInTransit(line) : 0;
          if (cmd.exact && inTransit > 0) {
            damaged = Math.min(damaged, inTransit);
            lost = Math.min(lost, inTransit - damaged);
            received = inTransit - damaged - lost;
          }
          if (received + damaged + lost === 0) received = 1;
          return {
            sku,
            received,
            ...(damaged > 0 ? { damaged } : {}),
            ...(lost > 0 ? { lost, lossReason: 'missing on arrival' } : {}),
          };
        });
        const transferId = t?.transferId ?? NO_SUCH_TRANSFER;
        const expected = model.receiveTransfer(
          transferId,
          lines.map((l) => ({ damaged: 0, lost: 0, ...l })),
        );
        const actual = await h.call('POST', `/v1/transfers/${transferId}/receive`, { lines });
        if (same(actual, expected, 'transfer-receive', 201) && expected.ok) {
          if (lines.some((l) => l.damaged)) note('transfer-receive:ok(damaged)');
          if (lines.some((l) => l.lost)) note('transfer-receive:ok(lost)');
          if (expected.value.transfer.status === 'received') note('transfer:received');
          expect(actual.body.status, `${label}: status`).toBe(expected.value.transfer.status);
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'transferCancel': {
        const t = pickTransfer(model, cmd.transfer);
        const again = t?.status === 'cancelled';
        const transferId = t?.transferId ?? NO_SUCH_TRANSFER;
        const expected = model.cancelTransfer(transferId);
        const actual = await h.call('POST', `/v1/transfers/${transferId}/cancel`);
        if (
          same(actual, expected, again ? 'transfer-cancel(again)' : 'transfer-cancel', 200) &&
          expected.ok
        ) {
          expect(actual.body.status, `${label}: status`).toBe(expected.value.transfer.status);
          expect(actual.body.lines, `${label}: lines`).toEqual(transferLines(expected.value.transfer));
        }
        return;
      }
      case 'count': {
        let stage = cmd.stage;
        const active = model.counts.filter((c) => c.status === 'open' || c.status === 'closed').at(-1);
        // Closing early: the latest count in progress; the other stages: any of the run's counts.
        let count =
          stage === 'close'
            ? (active ?? pickFrom(model.counts, cmd.index))
            : pickFrom(model.counts, cmd.index);
        if (stage === 'next') {
          count = active;
          stage = !count
            ? 'open'
            : count.status === 'open'
              ? count.lines.some((l) => l.counted === null)
                ? 'entries'
                : 'close'
              : state.refusedPosts.has(count)
                ? 'cancel'
                : 'post';
        }
        switch (stage) {
          case 'open':
            return countOpen(cmd.open);
          case 'entries':
            return countEntries(count, cmd.entries);
          case 'close':
            return countClose(count, cmd.skipUncounted);
          case 'post':
            return countPost(count, cmd.reasons);
          default:
            return countCancel(count);
        }
      }
      case 'expire': {
        h.advance(cmd.ms);
        model.advance(cmd.ms);
        if (cmd.sweep) {
          const expected = model.expireDue();
          expect(expected.length, `${label}: at most one batch is due`).toBeLessThanOrEqual(100);
          const expired = await expireDueOrders(h.ctx);
          expect([...expired].sort(byCode), `${label}: expired orders`).toEqual(expected);
          note(expired.length > 0 ? 'expire:released' : 'expire:none');
        }
        if (cmd.release) {
          // The lock release pass, as every server process's background loop runs it.
          const expected = model.releaseDueLocks();
          const { releases } = await releaseDueLocks(h.ctx);
          expect(releases, `${label}: lock releases`).toEqual(expected);
          for (const r of releases) note(r.reason === 'lock expired' ? 'release:until' : 'release:wave');
        }
        return;
      }
    }
  }

  async function countOpen(spec: Extract<Command, { kind: 'count' }>['open']): Promise<void> {
    const at = pickPosition(model, spec.at, (p) => (spec.focus === 'reserved' ? p.reserved : heldOf(p)) > 0);
    const warehouse = at?.warehouse ?? spec.warehouse;
    // Where orders hold reservations, that SKU alone: a shortfall found there can oversell.
    const skus = !at
      ? spec.skus
      : spec.focus === 'reserved'
        ? [at.sku]
        : spec.skus.includes(at.sku)
          ? spec.skus
          : [at.sku, ...spec.skus.slice(1)];
    const scope: CountScope =
      spec.scope === 'list'
        ? { kind: 'list', skus }
        : spec.scope === 'all'
          ? { kind: 'all' }
          : { kind: 'sample', size: spec.size, seed: state.nextCountSeed() };
    const expected = model.openCount(warehouse, scope);
    const actual = await h.call('POST', '/v1/counts', { warehouse, scope });
    if (same(actual, expected, 'count-open', 201) && expected.ok) {
      expected.value.count.countId = actual.body.countId;
      if (scope.kind === 'sample') note('count-open:ok(sample)');
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }

  async function countEntries(
    count: ModelCount | undefined,
    spec: Extract<Command, { kind: 'count' }>['entries'],
  ): Promise<void> {
    const countedAt =
      count && spec.late !== undefined
        ? count.createdAt + Math.floor((model.clock - count.createdAt) * spec.late)
        : undefined;
    const lines: { sku: string; counted: number; countedAt?: string }[] = [];
    const uncounted = count?.lines.filter((l) => l.counted === null).length ?? 0;
    // Every line not counted yet; or, when all are (or for a few lines), a recount of some.
    const specs =
      spec.every && uncounted > 0
        ? [
            ...count!.lines.flatMap((l, i) =>
              l.counted === null ? [{ ...spec.lines[i % spec.lines.length]!, line: i, foreign: false }] : [],
            ),
            ...spec.lines.filter((l) => l.foreign),
          ]
        : spec.lines;
    for (const s of specs) {
      const held = count?.lines ?? [];
      const outside = SKUS.filter((sku) => !held.some((l) => l.sku === sku));
      const sku =
        s.foreign && outside.length > 0
          ? outside[s.line % outside.length]!
          : (held[s.line % Math.max(1, held.length)]?.sku ?? SKUS[s.line % SKUS.length]!);
      if (lines.some((l) => l.sku === sku)) continue;
      // What a counter would find: the books' quantity then, give or take a few.
      const warehouse = count?.warehouse ?? 'AMS';
      const books = model.onHandAt(sku, warehouse, countedAt ?? model.clock);
      const p = model.view(sku, warehouse);
      // -100: one unit more missing than is sellable, but not below the held units (which a
      // posting could not take), so that the posting oversells where reservations exceed V.
      const counted =
        s.delta === -100
          ? Math.max(
              books - Math.max(0, p.sellable) - 1,
              p.damaged + p.qcPending + p.locked + p.transferReserved,
            )
          : books + s.delta;
      lines.push({
        sku,
        counted: Math.max(0, counted),
        ...(countedAt === undefined ? {} : { countedAt: iso(countedAt)! }),
      });
    }
    const expected = model.recordCount(
      count,
      lines.map((l) => ({ sku: l.sku, counted: l.counted, countedAt })),
    );
    const actual = await h.call('POST', `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/entries`, { lines });
    if (same(actual, expected, 'count-entries', 200) && expected.ok) {
      if (countedAt !== undefined) note('count-entries:ok(late)');
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }

  async function countClose(count: ModelCount | undefined, skipUncounted: boolean): Promise<void> {
    const expected = model.closeCount(count, skipUncounted);
    const actual = await h.call(
      'POST',
      `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/close`,
      skipUncounted ? { skipUncounted: true } : undefined,
    );
    if (same(actual, expected, 'count-close', 200) && expected.ok) {
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }

  async function countPost(
    count: ModelCount | undefined,
    reasons: 'default' | 'per-sku' | 'none',
  ): Promise<void> {
    const varying = (count?.lines ?? []).filter((l) => l.counted !== null && l.counted !== l.expected);
    const body =
      reasons === 'default'
        ? { defaultReason: 'unrecorded breakage' }
        : reasons === 'per-sku'
          ? { reasons: varying.map((l, i) => ({ sku: l.sku, reason: i % 2 ? 'theft' : 'miscount' })) }
          : {};
    const expected = model.postCount(count, body.reasons ?? [], body.defaultReason);
    const actual = await h.call('POST', `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/post`, body);
    if (count && !expected.ok && expected.code === 'insufficient_on_hand') state.refusedPosts.add(count);
    if (same(actual, expected, 'count-post', 200) && expected.ok) {
      if (varying.length > 0) note('count-post:ok(variance)');
      const { positions, ...view } = actual.body;
      expect(countAnswer(view), `${label}: count`).toEqual(countView(expected.value.count));
      expect(positions, `${label}: positions`).toEqual(expected.value.positions);
    }
  }

  async function countCancel(count: ModelCount | undefined): Promise<void> {
    const expected = model.cancelCount(count);
    const actual = await h.call('POST', `/v1/counts/${count?.countId ?? NO_SUCH_COUNT}/cancel`);
    if (same(actual, expected, 'count-cancel', 200) && expected.ok) {
      expect(countAnswer(actual.body), `${label}: count`).toEqual(countView(expected.value.count));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The invariants, checked against the whole database after every step.

const key = (p: { sku: string; warehouse: string }) => `${p.sku}/${p.warehouse}`;

interface OrderState {
  orderId: string;
  status: string;
  expiresAt: number | null;
  releasedReason: string | null;
  allocations: {
    sku: string;
    warehouse: string;
    qty: number;
    shipped: number;
    released: number;
    returned: number;
  }[];
}

function modelOrders(model: ReferenceModel): OrderState[] {
  return model
    .orderList()
    .map((o) => ({
      orderId: o.orderId,
      status: o.status,
      expiresAt: o.expiresAt,
      releasedReason: o.releasedReason,
      allocations: o.allocations.map((a) => ({ ...a })),
    }))
    .sort((a, b) => byCode(a.orderId, b.orderId));
}

/** S-delta of a movement row, in SQL. */
const S_DELTA =
  'd_on_hand - d_reserved - d_damaged - d_qc_pending - d_locked - d_transfer_reserved + d_virtual';
const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;

const BUCKET_COLUMNS = `on_hand as "onHand", reserved, damaged, qc_pending as "qcPending", locked,
  transfer_reserved as "transferReserved", virtual`;
const BUCKET_SUMS = `sum(d_on_hand) as "onHand", sum(d_reserved) as reserved, sum(d_damaged) as damaged,
  sum(d_qc_pending) as "qcPending", sum(d_locked) as locked,
  sum(d_transfer_reserved) as "transferReserved", sum(d_virtual) as virtual`;

/**
 * Everything the checks read, in one statement (one round trip per step): the stored positions,
 * the positions rebuilt from the ledger, and the small tables of orders, locks, transfers, counts
 * and oversold records, aggregated as JSON.
 */
const STATE_SQL = `select
  (select coalesce(json_agg(x order by x.sku, x.warehouse), '[]') from (
     select sku, warehouse, ${BUCKET_COLUMNS} from stock_positions) x) as positions,
  (select coalesce(json_agg(x order by x.sku, x.warehouse), '[]') from (
     select sku, warehouse, ${BUCKET_SUMS},
       coalesce(sum(-(${S_DELTA})) filter (
         where type not in ('reserve', 'lock', 'transfer_plan') and ${S_DELTA} < 0), 0) as lowered
     from movements group by sku, warehouse) x) as rebuilt,
  (select coalesce(json_agg(x order by x."orderId"), '[]') from (
     select o.order_id as "orderId", o.status, ${ms('o.expires_at')} as "expiresAt",
       o.released_reason as "releasedReason",
       (select coalesce(json_agg(json_build_object('sku', a.sku, 'warehouse', a.warehouse, 'qty', a.qty,
          'shipped', a.shipped, 'released', a.released, 'returned', a.returned) order by a.sku, a.warehouse), '[]')
        from order_allocations a where a.order_id = o.order_id) as allocations
     from orders o) x) as orders,
  (select coalesce(json_agg(x), '[]') from (
     select sku, warehouse, count(*) as n from oversold_events group by sku, warehouse) x) as "oversoldAt",
  (select coalesce(json_agg(x), '[]') from (
     select type, sum(d_on_hand) as units from movements group by type) x) as ledger,
  (select coalesce(json_agg(x), '[]') from (
     select l.id as "lockId", l.sku, l.warehouse, l.qty, l.locked, ${ms('l.until')} as until,
       ${ms('l.released_at')} as "releasedAt",
       (select coalesce(json_agg(json_build_object('wave', w.wave_no, 'at', ${ms('w.at')}, 'qty', w.qty,
          'released', w.released, 'releasedAt', ${ms('w.released_at')}) order by w.wave_no), '[]')
        from stock_lock_waves w where w.lock_id = l.id) as waves
     from stock_locks l) x) as locks,
  (select coalesce(json_agg(x), '[]') from (
     select t.transfer_id as "transferId", t.from_warehouse as "from", t.to_warehouse as "to", t.status,
       (select json_agg(json_build_object('sku', tl.sku, 'planned', tl.planned, 'shipped', tl.shipped,
          'cancelled', tl.cancelled, 'received', tl.received, 'damaged', tl.damaged, 'lost', tl.lost,
          'lossReason', tl.loss_reason) order by tl.sku)
        from transfer_lines tl where tl.transfer_id = t.transfer_id) as lines
     from transfers t) x) as transfers,
  (select coalesce(json_agg(x), '[]') from (
     select c.id as "countId", c.warehouse, c.status, c.lines_total as "linesTotal",
       c.lines_counted as "linesCounted", c.lines_matched as "linesMatched",
       c.lines_with_variance as "linesWithVariance", c.net_variance as "netVariance",
       c.accuracy::float8 as accuracy,
       (select json_agg(json_build_object('sku', cl.sku, 'counted', cl.counted,
          'expected', cl.expected_on_hand, 'countedAt', ${ms('cl.counted_at')}, 'reason', cl.reason,
          'active', cl.active) order by cl.sku)
        from count_lines cl where cl.count_id = c.id) as lines
     from counts c) x) as counts`;

interface StoredState {
  positions: PositionState[];
  rebuilt: PositionState[];
  orders: OrderState[];
  oversold: number;
  oversoldAt: { sku: string; warehouse: string; n: number }[];
  /** Per position: how far physical facts lowered S (from `rebuilt`). */
  lowered: Map<string, number>;
  /** Per position: the open part of the order allocations on it (from `orders`). */
  openOrders: Map<string, number>;
  ledger: { type: string; units: number }[];
  locks: {
    lockId: string;
    sku: string;
    warehouse: string;
    qty: number;
    locked: number;
    until: number | null;
    releasedAt: number | null;
    waves: unknown[];
  }[];
  transfers: {
    transferId: string;
    from: string;
    to: string;
    status: string;
    lines: {
      sku: string;
      planned: number;
      shipped: number;
      cancelled: number;
      received: number;
      damaged: number;
      lost: number;
    }[];
  }[];
  counts: { countId: string }[];
}

async function storedState(db: Database): Promise<StoredState> {
  const { rows } = await db.query<Record<string, unknown>>(STATE_SQL);
  const row = rows[0]!;
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const rebuilt: (PositionState & { lowered: number })[] = json(row.rebuilt);
  const orders: OrderState[] = json(row.orders);
  const oversoldAt: { sku: string; warehouse: string; n: number }[] = json(row.oversoldAt);
  const openOrders = new Map<string, number>();
  for (const o of orders) {
    for (const a of o.allocations) {
      openOrders.set(key(a), (openOrders.get(key(a)) ?? 0) + a.qty - a.shipped - a.released);
    }
  }
  return {
    positions: json(row.positions),
    rebuilt: rebuilt.map(({ lowered: _lowered, ...p }) => p),
    lowered: new Map(rebuilt.map((p) => [key(p), p.lowered])),
    orders,
    oversold: oversoldAt.reduce((n, o) => n + o.n, 0),
    oversoldAt,
    openOrders,
    ledger: json(row.ledger),
    locks: json(row.locks),
    transfers: json(row.transfers),
    counts: json(row.counts),
  };
}

const sortBy = <T>(items: T[], by: (t: T) => string) => [...items].sort((a, b) => byCode(by(a), by(b)));

/** The oversold records as GET /v1/oversold lists them (newest first), without ids. */
const oversoldAnswer = (items: Record<string, unknown>[]) =>
  items.map((o) =>
    only(o, [
      'at',
      'sku',
      'warehouse',
      'movementType',
      'reason',
      'sellableAfter',
      'ordersAtRisk',
      'resolvedAt',
    ]),
  );
const oversoldExpected = (model: ReferenceModel, newest: number) =>
  model.oversold
    .slice(model.oversold.length - newest)
    .reverse()
    .map((o) => ({ ...o, at: iso(o.at), resolvedAt: null }));

async function checkInvariants(
  h: Harness,
  model: ReferenceModel,
  label: string,
  seen: Map<string, number>,
  oversoldSeen: { n: number },
): Promise<void> {
  const state = await storedState(h.db);
  const stored = state.positions;
  const rebuilt = state.rebuilt;
  const at = <T extends { sku: string; warehouse: string }>(rows: T[]) =>
    new Map(rows.map((r) => [key(r), r]));

  expect(h.now().getTime(), `${label}: clock`).toBe(model.clock);
  // The service agrees with the reference model on every position, order, lock, transfer and count.
  expect(stored, `${label}: stored positions vs the reference model`).toEqual(model.snapshot());
  expect(state.orders, `${label}: orders vs the reference model`).toEqual(modelOrders(model));
  expect(
    sortBy(state.locks, (l) => l.lockId),
    `${label}: locks vs the reference model`,
  ).toEqual(
    sortBy(
      model.locks.map((l) => ({
        lockId: l.lockId,
        sku: l.sku,
        warehouse: l.warehouse,
        qty: l.qty,
        locked: l.locked,
        until: l.until,
        releasedAt: l.releasedAt,
        waves: l.waves,
      })),
      (l) => l.lockId,
    ),
  );
  expect(
    sortBy(state.transfers, (t) => t.transferId),
    `${label}: transfers vs the reference model`,
  ).toEqual(
    sortBy(
      model.transferList().map((t) => ({
        transferId: t.transferId,
        from: t.from,
        to: t.to,
        status: t.status,
        lines: t.lines,
      })),
      (t) => t.transferId,
    ),
  );
  expect(
    sortBy(state.counts, (c) => c.countId),
    `${label}: counts vs the reference model`,
  ).toEqual(
    sortBy(
      model.counts.map((c) => ({
        countId: c.countId,
        warehouse: c.warehouse,
        status: c.status,
        linesTotal: c.lines.length,
        linesCounted: c.figures?.linesCounted ?? null,
        linesMatched: c.figures?.linesMatched ?? null,
        linesWithVariance: c.figures?.linesWithVariance ?? null,
        netVariance: c.figures?.netVariance ?? null,
        accuracy: c.figures?.accuracy ?? null,
        lines: c.lines,
      })),
      (c) => c.countId,
    ),
  );

  // Oversold records: as many as the model expects; the new ones as the API lists them.
  expect(state.oversold, `${label}: oversold records`).toBe(model.oversold.length);
  const fresh = state.oversold - oversoldSeen.n;
  if (fresh > 0) {
    const listed = await h.call('GET', `/v1/oversold?limit=${fresh}`);
    expect(oversoldAnswer(listed.body.items), `${label}: new oversold records`).toEqual(
      oversoldExpected(model, fresh),
    );
  }
  oversoldSeen.n = state.oversold;

  const oversoldAt = at(state.oversoldAt);
  const locked = new Map<string, number>();
  for (const l of state.locks) locked.set(key(l), (locked.get(key(l)) ?? 0) + l.locked);
  const promised = new Map<string, number>();
  for (const t of state.transfers) {
    for (const l of t.lines) {
      const k = key({ sku: l.sku, warehouse: t.from });
      promised.set(k, (promised.get(k) ?? 0) + l.planned - l.shipped - l.cancelled);
    }
  }
  for (const p of stored) {
    // 1. No quantity is negative; sellable only where physical facts made it so, and then an
    //    oversold record names the position.
    for (const b of BUCKETS) expect(p[b], `${label}: ${key(p)} ${b} is negative`).toBeGreaterThanOrEqual(0);
    const s = sellableOf(p);
    if (s < 0) {
      seen.set('state:negative-sellable', (seen.get('state:negative-sellable') ?? 0) + 1);
      const units = state.lowered.get(key(p)) ?? 0;
      expect(units, `${label}: ${key(p)} S lowered by physical facts, ledger vs model`).toBe(
        model.loweredAt(p.sku, p.warehouse),
      );
      // Only physical facts lower sellable without a guard, so S >= -(what they took out of sale).
      expect(s, `${label}: ${key(p)} sellable ${s} below what physical facts explain`).toBeGreaterThanOrEqual(
        -units,
      );
      expect(
        oversoldAt.get(key(p))?.n ?? 0,
        `${label}: ${key(p)} negative S without an oversold record`,
      ).toBeGreaterThan(0);
    }
    // 2. Held units fit in onHand.
    expect(heldOf(p), `${label}: ${key(p)} held units exceed onHand`).toBeLessThanOrEqual(p.onHand);
    // 5. (and its kin) Reserved, locked and transferReserved are what orders, locks and transfers hold.
    expect(p.reserved, `${label}: ${key(p)} reserved vs open order allocations`).toBe(
      state.openOrders.get(key(p)) ?? 0,
    );
    expect(p.locked, `${label}: ${key(p)} locked vs its locks`).toBe(locked.get(key(p)) ?? 0);
    expect(p.transferReserved, `${label}: ${key(p)} transferReserved vs open transfer lines`).toBe(
      promised.get(key(p)) ?? 0,
    );
  }
  for (const [k, units] of state.openOrders) {
    expect(units === 0 || stored.some((p) => key(p) === k), `${label}: open allocation on ${k}`).toBe(true);
  }

  // 3. The ledger rebuilds the stored positions exactly (a position set up without any movement,
  //    as setting virtual stock to 0 does, holds only zeros).
  const withMovements = new Set(rebuilt.map(key));
  for (const p of stored.filter((x) => !withMovements.has(key(x)))) {
    expect(
      BUCKETS.every((b) => p[b] === 0),
      `${label}: ${key(p)} is stored but has no movements`,
    ).toBe(true);
  }
  expect(rebuilt, `${label}: positions rebuilt from the ledger`).toEqual(
    stored.filter((p) => withMovements.has(key(p))),
  );

  // 4. Units are conserved: what was booked in minus out is on hand, on the road, or lost on it.
  const u = model.units;
  const onHand = stored.reduce((n, p) => n + p.onHand, 0);
  let inTransit = 0;
  let lost = 0;
  for (const t of state.transfers) {
    for (const l of t.lines) {
      inTransit += l.shipped - l.received - l.damaged - l.lost;
      lost += l.lost;
    }
  }
  if (inTransit > 0) seen.set('state:in-transit', (seen.get('state:in-transit') ?? 0) + 1);
  expect({ inTransit, lost }, `${label}: units in transit and lost`).toEqual({
    inTransit: model.inTransit(),
    lost: u.lost,
  });
  expect(onHand + inTransit + lost, `${label}: units conserved`).toBe(model.booked());
  const ledger = new Map(state.ledger.map((r) => [r.type, Number(r.units)]));
  const moved = (type: string) => ledger.get(type) ?? 0;
  expect(
    Object.fromEntries(
      [
        'receipt',
        'receipt_virtual',
        'return',
        'adjustment',
        'ship',
        'write_off',
        'count',
        'transfer_ship',
        'transfer_receive',
        'reserve',
        'release',
        'damage',
        'repair',
        'inspect',
        'lock',
        'unlock',
        'virtual',
        'transfer_plan',
        'transfer_cancel',
      ].map((t) => [t, moved(t)]),
    ),
    `${label}: onHand moved by each kind of movement`,
  ).toEqual({
    receipt: u.received,
    receipt_virtual: u.receivedAgainstVirtual,
    return: u.returned,
    adjustment: u.adjustedIn - u.adjustedOut,
    ship: 0 - u.shipped,
    write_off: 0 - u.writtenOff,
    count: u.countVariance,
    transfer_ship: 0 - u.transferShipped,
    transfer_receive: u.transferArrived,
    reserve: 0,
    release: 0,
    damage: 0,
    repair: 0,
    inspect: 0,
    lock: 0,
    unlock: 0,
    virtual: 0,
    transfer_plan: 0,
    transfer_cancel: 0,
  });
}

/** At the end of a run: the service's own verify, the full oversold list, and the totals. */
async function checkRunEnd(h: Harness, model: ReferenceModel, label: string): Promise<void> {
  const verify = await h.call('GET', '/v1/admin/verify');
  expect(verify.status, `${label}: verify answers`).toBe(200);
  expect({ ok: verify.body.ok, problems: verify.body.problems }, `${label}: verify`).toEqual({
    ok: true,
    problems: [],
  });
  expect(verify.body.units, `${label}: verify's unit figures`).toEqual({
    booked: model.booked(),
    onHand: model.snapshot().reduce((n, p) => n + p.onHand, 0),
    inTransit: model.inTransit(),
    lostInTransit: model.units.lost,
  });
  const oversold = await h.call('GET', '/v1/oversold?limit=1000');
  expect(oversoldAnswer(oversold.body.items), `${label}: all oversold records`).toEqual(
    oversoldExpected(model, model.oversold.length),
  );
  for (const sku of SKUS) {
    const onHand = model
      .snapshot()
      .filter((p) => p.sku === sku)
      .reduce((n, p) => n + p.onHand, 0);
    let inTransit = 0;
    let lost = 0;
    for (const t of model.transferList()) {
      for (const l of t.lines.filter((x) => x.sku === sku)) {
        inTransit += transferInTransit(l);
        lost += l.lost;
      }
    }
    expect((await h.call('GET', `/v1/totals/${sku}`)).body, `${label}: totals of ${sku}`).toEqual({
      sku,
      onHand,
      inTransit,
      onHandPlusInTransit: onHand + inTransit,
      lostInTransit: lost,
    });
  }
}

// ---------------------------------------------------------------------------------------------

describe.each(backends())('ledger property on $name', (backend) => {
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
              `truncate movements, order_allocations, order_lines, shipments, customer_returns,
                 receipts, orders, stock_positions, idempotency_keys, stock_lock_waves, stock_locks,
                 transfer_lines, transfers, oversold_events, virtual_supply, count_lines, counts cascade`,
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
