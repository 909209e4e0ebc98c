/**
 * `stockroom verify` and `GET /v1/admin/verify`: rebuilds every position from the ledger and
 * checks invariants 1-5 of the inventory model (docs/verify.md), reporting any drift. Each check
 * is one aggregate statement (src/db/verify.ts); all run in one read-only, repeatable-read
 * transaction, so they see one consistent snapshot while the service keeps writing.
 */
import {
  ledgerChecks,
  negativePositions,
  readConsistently,
  overheldPositions,
  reservationDrift,
  type Buckets,
  type ConservationRow,
} from '../db/verify.ts';
import { zoneDrift } from '../db/zones.ts';
import type { AppContext } from './context.ts';

/** Problems listed in full; beyond this only counted (`problemCount`). */
export const MAX_PROBLEMS = 1000;

export type Invariant = 1 | 2 | 3 | 4 | 5;

export interface VerifyProblem {
  invariant: Invariant;
  sku?: string;
  warehouse?: string;
  details: Record<string, unknown>;
}

export interface UnitTotals {
  /** Units booked in minus booked out by every movement except transfer ship/receive. */
  booked: number;
  onHand: number;
  inTransit: number;
  lostInTransit: number;
}

export interface VerifyReport {
  ok: boolean;
  checkedAt: string;
  positions: number;
  movements: number;
  durationMs: number;
  /** The system-wide figures of unit conservation (invariant 4). */
  units: UnitTotals;
  /** All problems found; `problems` lists the first MAX_PROBLEMS of them. */
  problemCount: number;
  problems: VerifyProblem[];
}

const diff = (stored: Buckets | null, rebuilt: Buckets | null) => {
  const out: Record<string, { stored: number; rebuilt: number }> = {};
  const keys = Object.keys(stored ?? rebuilt ?? {}) as (keyof Buckets)[];
  for (const k of keys) {
    const s = stored?.[k] ?? 0;
    const r = rebuilt?.[k] ?? 0;
    if (s !== r) out[k] = { stored: s, rebuilt: r };
  }
  return out;
};

export async function verifyStock(ctx: AppContext, limit = MAX_PROBLEMS): Promise<VerifyReport> {
  const started = performance.now();
  const checkedAt = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    await readConsistently(tx);
    const problems: VerifyProblem[] = [];
    let problemCount = 0;
    const add = (total: number, found: VerifyProblem[]) => {
      problemCount += found.length > 0 ? total : 0;
      problems.push(...found.slice(0, Math.max(0, limit - problems.length)));
    };

    const negative = await negativePositions(tx, limit);
    add(
      negative[0]?.total ?? 0,
      negative.map(({ sku, warehouse, total: _t, oversoldEvents, sellable, ...quantities }) => ({
        invariant: 1,
        sku,
        warehouse,
        details: {
          message:
            Object.values(quantities).some((v) => v < 0) || oversoldEvents > 0
              ? 'a quantity is negative'
              : 'sellable is negative and no oversold record explains it',
          sellable,
          oversoldEvents,
          ...quantities,
        },
      })),
    );

    const overheld = await overheldPositions(tx, limit);
    add(
      overheld[0]?.total ?? 0,
      overheld.map(({ sku, warehouse, total: _t, ...details }) => ({
        invariant: 2,
        sku,
        warehouse,
        details: { message: 'damaged + qcPending + locked + transferReserved exceed onHand', ...details },
      })),
    );

    const ledger = await ledgerChecks(tx, limit);
    const { summary } = ledger;
    add(
      ledger.driftTotal,
      ledger.drift.map((d) => ({
        invariant: 3,
        sku: d.sku,
        warehouse: d.warehouse,
        details: {
          message:
            d.stored === null
              ? 'the ledger has movements for a position that is not stored'
              : 'the stored position differs from the position rebuilt from the ledger',
          differences: diff(d.stored, d.rebuilt),
          stored: d.stored,
          rebuilt: d.rebuilt,
        },
      })),
    );

    const zones = await zoneDrift(tx, limit);
    add(
      zones.length,
      zones.map((d) => ({
        invariant: 3,
        sku: d.sku,
        warehouse: d.warehouse,
        details: {
          message:
            d.zone === null
              ? "the position's zone counters differ from the units of its zones"
              : 'the units stored in a zone differ from the zone ledger',
          zone: d.zone,
          stored: d.stored,
          rebuilt: d.rebuilt,
        },
      })),
    );

    const balance = (r: ConservationRow) => ({
      booked: r.booked,
      onHand: r.onHand,
      inTransit: r.inTransit,
      lostInTransit: r.lostInTransit,
      difference: r.booked - (r.onHand + r.inTransit + r.lostInTransit),
      transferShipped: -r.transferShipped,
      transferReceived: r.transferReceived,
      transferLinesShipped: r.linesShipped,
      transferLinesArrived: r.linesArrived,
    });
    const system = balance(ledger.system);
    const systemBad =
      system.difference !== 0 ||
      system.transferShipped !== system.transferLinesShipped ||
      system.transferReceived !== system.transferLinesArrived;
    if (systemBad) {
      add(1, [
        {
          invariant: 4,
          details: { message: 'units are not conserved system-wide', ...system },
        },
      ]);
    }
    add(
      ledger.unbalancedTotal,
      ledger.unbalanced.map((r) => ({
        invariant: 4,
        sku: r.sku,
        details: { message: 'units of this SKU are not conserved', ...balance(r) },
      })),
    );

    const reservations = await reservationDrift(tx, limit);
    add(
      reservations[0]?.total ?? 0,
      reservations.map(({ sku, warehouse, total: _t, ...details }) => ({
        invariant: 5,
        sku,
        warehouse,
        details: { message: 'reserved differs from the open order allocations', ...details },
      })),
    );

    return {
      ok: problemCount === 0,
      checkedAt: checkedAt.toISOString(),
      positions: summary.positions,
      movements: summary.movements,
      durationMs: Math.round(performance.now() - started),
      units: {
        booked: system.booked,
        onHand: system.onHand,
        inTransit: system.inTransit,
        lostInTransit: system.lostInTransit,
      },
      problemCount,
      problems,
    };
  });
}

/** The report as the CLI prints it: a summary line, the unit figures, then each problem. */
export function formatReport(r: VerifyReport): string {
  const n = (v: number) => v.toLocaleString('en');
  const lines = [
    `${r.ok ? 'OK' : 'DRIFT'}: ${n(r.positions)} positions, ${n(r.movements)} movements checked in ${n(r.durationMs)} ms (${r.checkedAt})`,
    `units: ${n(r.units.booked)} booked = ${n(r.units.onHand)} on hand + ${n(r.units.inTransit)} in transit + ${n(r.units.lostInTransit)} lost in transit`,
  ];
  if (!r.ok) {
    lines.push(`${n(r.problemCount)} problem(s):`);
    for (const p of r.problems) {
      const where = [p.sku, p.warehouse].filter(Boolean).join('@');
      const { message, ...rest } = p.details;
      lines.push(`  [${p.invariant}] ${where ? `${where}: ` : ''}${String(message)} ${JSON.stringify(rest)}`);
    }
    if (r.problemCount > r.problems.length) {
      lines.push(`  ... and ${n(r.problemCount - r.problems.length)} more`);
    }
  }
  return lines.join('\n');
}
