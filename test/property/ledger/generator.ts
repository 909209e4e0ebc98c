/**
 * The ledger property test's commands and their generators. Orders, locks, transfers, counts and
 * positions are referred to by position in the model's lists when the command runs, so the
 * generated commands do not depend on state and shrink freely.
 */
import fc from 'fast-check';
import type { ReturnCondition } from '../../../src/domain/movements.ts';

export const SKUS = ['CAP', 'MUG', 'TEE'] as const;
/**
 * seedCatalogue makes LON and AMS; BER is added so that automatic allocation has three to rank
 * (and DUB, below, for counts).
 */
export const WAREHOUSES = ['AMS', 'BER', 'LON'] as const;

/** A warehouse nothing is received at: only a count can find units there. */
export const UNSTOCKED = 'DUB';

/** Sales channels the run may create; orders name one of them, or a channel that does not exist. */
export const CHANNELS = ['APP', 'WEB'] as const;
export const NO_SUCH_CHANNEL = 'NOSUCH';

export const NO_SUCH_ORDER = 'no-such-order';
export const NO_SUCH_LOCK = 'no-such-lock';
export const NO_SUCH_TRANSFER = 'no-such-transfer';
export const NO_SUCH_COUNT = 'no-such-count';

// ---------------------------------------------------------------------------------------------
// Commands. Orders, locks, transfers, counts and positions are referred to by position in the
// model's lists when the command runs, so that the generated commands do not depend on state
// and shrink freely.

export interface OrderPick {
  index: number;
  /**
   * Any order; an open one (reserved, confirmed, partially shipped) if any; one with shipped units
   * not yet returned, if any; one of the last three placed; an open one with units reserved at a
   * position whose reservations exceed its physically free units (resting on virtual stock, or
   * written down since), if any; a released (cancelled or expired) one, if any.
   */
  from: 'any' | 'open' | 'shipped' | 'recent' | 'unbacked' | 'released';
}

export interface Pick<F extends string> {
  index: number;
  from: F;
}
export type LockPick = Pick<'any' | 'active' | 'released' | 'recent'>;
export type TransferPick = Pick<'any' | 'open' | 'transit' | 'recent' | 'closed' | 'cancelled'>;

export type Command =
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
      /** Placed through this sales channel (possibly one never created). */
      channel: string | undefined;
      /**
       * Set: placed through the channel of a ring-fence (picked by this index), its first line
       * asking for that SKU, at the fenced warehouse if the line names one, up to the units fenced.
       */
      onFence: number | undefined;
    }
  /**
   * Creates or updates a sales channel (PUT /v1/channels/{code}): the warehouses it sells from
   * (null: all), its buffer and cap, and (unless undefined) the ring-fences it holds from now on.
   */
  | {
      kind: 'channel';
      code: string;
      warehouses: string[] | null;
      bufferUnits: number | null;
      bufferPercent: number | null;
      cap: number | null;
      ringFenced: { sku: string; warehouse: string; qty: number }[] | undefined;
      /**
       * Send the ring-fences as generated: possibly at a warehouse the channel does not sell
       * from, or one position twice (else those are dropped first).
       */
      raw: boolean;
      /** Set: the first ring-fence goes to a position with sellable units (picked by this index). */
      at: number | undefined;
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

export const skuArb = fc.constantFrom(...SKUS);
export const warehouseArb = fc.constantFrom(...WAREHOUSES);
export const weighted = <T>(...choices: [T, number][]) =>
  fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
export const orderPickArb: fc.Arbitrary<OrderPick> = fc.record({
  index: fc.nat({ max: 999 }),
  from: fc.constantFrom('any', 'open', 'shipped', 'recent'),
});
export const pickArb = <F extends string>(...from: [F, number][]): fc.Arbitrary<Pick<F>> =>
  fc.record({ index: fc.nat({ max: 999 }), from: weighted(...from) });
/** Mostly a position chosen by the command's rule (an index), sometimes the given codes. */
export const atArb = fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 4 });
/** Mostly the SKU of one of the order's allocations (undefined), sometimes any SKU. */
export const lineSkuArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: skuArb, weight: 1 },
);

export const receiveArb = fc.record({
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

export const planArb = fc.record({
  kind: fc.constant('plan' as const),
  from: warehouseArb,
  to: weighted<'next' | 'previous' | 'same'>(['next', 6], ['previous', 6], ['same', 1]),
  source: weighted<'given' | 'best' | 'virtual'>(['given', 4], ['best', 4], ['virtual', 2]),
  lines: fc.array(fc.record({ sku: skuArb, qty: fc.integer({ min: 1, max: 5 }) }), {
    minLength: 1,
    maxLength: 2,
  }),
});

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
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
      channel: weighted<string | undefined>(
        [undefined, 16],
        ...CHANNELS.map((c): [string, number] => [c, 3]),
        [NO_SUCH_CHANNEL, 1],
      ),
      onFence: fc.option(fc.nat({ max: 99 }), { nil: undefined, freq: 6 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('channel' as const),
      code: fc.constantFrom(...CHANNELS),
      warehouses: fc.option(fc.subarray([...WAREHOUSES, UNSTOCKED].sort(), { minLength: 1 }), {
        nil: null,
        freq: 2,
      }),
      bufferUnits: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null, freq: 2 }),
      // 0.005: more than two decimals, which the service refuses.
      bufferPercent: weighted<number | null>([null, 6], [10, 2], [12.5, 2], [33.33, 1], [100, 1], [0.005, 1]),
      cap: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 2 }),
      ringFenced: fc.option(
        fc.array(fc.record({ sku: skuArb, warehouse: warehouseArb, qty: fc.integer({ min: 0, max: 6 }) }), {
          maxLength: 3,
        }),
        { nil: undefined, freq: 4 },
      ),
      raw: weighted([false, 6], [true, 1]),
      at: atArb,
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
