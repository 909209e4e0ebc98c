/**
 * Issue 15's targets, judged from one benchmark run, and for each one missed what bounds it,
 * as measured in that run: the CPU an operation cost (split between the server's Node
 * processes, the database's backends, the load generator and the rest of the machine), how busy
 * the machine was, commits and WAL flushes per order, and what the backends waited on.
 * Pure: the benchmarks hand it their figures and print the lines it returns.
 */
import type { CpuUse } from './cpu.ts';
import { busyWaits } from './waits.ts';

/** CPU milliseconds one successful operation cost, by who spent them. */
export interface CpuPerOperation {
  /** Every busy CPU of the machine, divided by the operations of the window. */
  machine: number;
  server: number | null;
  postgres: number | null;
  client: number;
  other: number | null;
}

/** `CpuUse` gives percentages of one CPU; at `perSecond` operations, P% is P * 10 / perSecond ms each. */
export function cpuPerOperation(cpu: CpuUse, perSecond: number, cpus: number): CpuPerOperation | null {
  if (!(perSecond > 0) || !Number.isFinite(cpu.machinePercentOfAll)) return null;
  const ms = (percentOfOneCpu: number) => (percentOfOneCpu * 10) / perSecond;
  return {
    machine: ms(cpu.machinePercentOfAll * cpus),
    server: cpu.server === null ? null : ms(cpu.server),
    postgres: cpu.postgresBackends === null ? null : ms(cpu.postgresBackends),
    client: ms(cpu.benchClient),
    other: cpu.other === null ? null : ms(cpu.other),
  };
}

export interface MeasuredPhase {
  label: string;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpu?: CpuUse | undefined;
  /** What the database's backends were doing, in percent of the samples, largest first (bench/waits.ts). */
  waits?: Record<string, number> | undefined;
  commitsPerOrder?: number | undefined;
  walFlushesPerOrder?: number | null | undefined;
  ordersPerBatch?: number | undefined;
  /** Rows inserted and updated per order (pg_stat_user_tables). */
  rowsPerOrder?: { inserted: number; updated: number } | undefined;
  /**
   * Set where the server is one process with its database inside (PGlite): that process's one
   * thread can be the limit while the machine still has a CPU to spare.
   */
  serverProcesses?: number | undefined;
}

export interface TargetLine {
  target: string;
  figure: string;
  met: boolean;
  /** Empty when met; otherwise what this run measured about the limit. */
  bound: string;
}

const f = (n: number, digits = 2) => n.toFixed(digits);

/** At this share of all CPUs busy, the machine itself is the limit of a closed loop. */
export const MACHINE_BUSY = 90;

function waitsText(waits: Record<string, number> | undefined, n = 3): string | null {
  const busy = busyWaits(waits);
  if (!busy) return null;
  const top = Object.entries(busy).slice(0, n);
  return top.length === 0
    ? null
    : `backends with work: ${top.map(([k, v]) => `${k} ${v.toFixed(0)}%`).join(', ')}`;
}

/**
 * Why a throughput fell short of `neededPerSecond`. When the machine was busy, the CPU per
 * operation is the bound: the machine's CPUs divided by it is the most this run could have
 * reached, and the target needs that cost to fall to `cpus * 1000 / neededPerSecond`.
 * Otherwise something other than CPU held the requests: the backends' waits say what.
 */
export function throughputBound(phase: MeasuredPhase, neededPerSecond: number, cpus: number): string {
  const parts: string[] = [];
  const per = phase.cpu ? cpuPerOperation(phase.cpu, phase.perSecond, cpus) : null;
  if (phase.cpu && per) {
    const busy = phase.cpu.machinePercentOfAll;
    const split = [
      per.server !== null ? `server ${f(per.server)}` : null,
      per.postgres !== null ? `PostgreSQL ${f(per.postgres)}` : null,
      `load generator ${f(per.client)}`,
      per.other !== null ? `other ${f(per.other)}` : null,
    ].filter((s) => s !== null);
    parts.push(`machine ${busy.toFixed(0)}% busy`);
    parts.push(`CPU per operation ${f(per.machine)} ms (${split.join(', ')})`);
    const serverPercent = phase.cpu.server;
    const processes = phase.serverProcesses;
    if (
      processes !== undefined &&
      serverPercent !== null &&
      per.server !== null &&
      serverPercent >= MACHINE_BUSY * processes
    ) {
      parts.push(
        `bound by the server's ${processes === 1 ? 'one thread' : `${processes} processes`} (${serverPercent.toFixed(0)}% of a CPU): ` +
          `at ${f(per.server)} ms allow ${Math.round((processes * 1000) / per.server)}/s; ` +
          `${Math.round(neededPerSecond)}/s needs <= ${f((processes * 1000) / neededPerSecond)} ms`,
      );
    } else if (busy >= MACHINE_BUSY) {
      parts.push(
        `CPU-bound: ${cpus} CPUs at ${f(per.machine)} ms allow ${Math.round((cpus * 1000) / per.machine)}/s; ` +
          `${Math.round(neededPerSecond)}/s needs <= ${f((cpus * 1000) / neededPerSecond)} ms`,
      );
    } else {
      parts.push('not CPU-bound');
    }
  }
  if (phase.commitsPerOrder !== undefined) parts.push(`commits/order ${f(phase.commitsPerOrder, 3)}`);
  if (phase.walFlushesPerOrder !== undefined && phase.walFlushesPerOrder !== null) {
    parts.push(`WAL flushes/order ${f(phase.walFlushesPerOrder, 3)}`);
  }
  if (phase.ordersPerBatch !== undefined) parts.push(`orders/batch ${f(phase.ordersPerBatch, 1)}`);
  if (phase.rowsPerOrder) {
    parts.push(
      `rows/order ${f(phase.rowsPerOrder.inserted)} inserted + ${f(phase.rowsPerOrder.updated)} updated`,
    );
  }
  const waits = waitsText(phase.waits);
  if (waits) parts.push(waits);
  return parts.join('; ');
}

/** Why an open loop's p99 is over its target: its spread, and what the backends waited on. */
export function latencyBound(phase: MeasuredPhase, cpus: number): string {
  const parts = [`p50 ${f(phase.p50Ms, 1)} ms, max ${f(phase.maxMs, 1)} ms`];
  if (phase.cpu) {
    const busy = phase.cpu.machinePercentOfAll;
    const server = phase.cpu.server;
    const processes = phase.serverProcesses;
    parts.push(`machine ${busy.toFixed(0)}% busy`);
    // A fixed rate below the closed loop's peak can still saturate: smaller batches cost more per order.
    if (processes !== undefined && server !== null && server >= MACHINE_BUSY * processes) {
      parts.push(
        `the server's ${processes === 1 ? 'one thread' : `${processes} processes`} saturated (${server.toFixed(0)}% of a CPU)`,
      );
    } else if (busy >= MACHINE_BUSY) {
      parts.push('the machine saturated');
    }
  }
  const per = phase.cpu ? cpuPerOperation(phase.cpu, phase.perSecond, cpus) : null;
  if (per) {
    parts.push(
      `CPU per operation ${f(per.machine)} ms` +
        (per.server !== null
          ? ` (server ${f(per.server)}${per.postgres !== null ? `, PostgreSQL ${f(per.postgres)}` : ''})`
          : ''),
    );
  }
  const waits = waitsText(phase.waits);
  if (waits) parts.push(waits);
  return parts.join('; ');
}

export function shareTarget(
  target: string,
  phase: MeasuredPhase,
  ceilingPerSecond: number,
  share: number,
  cpus: number,
): TargetLine {
  const got = phase.perSecond / ceilingPerSecond;
  const met = got >= share;
  return {
    target,
    figure: `${f(phase.perSecond, 1)}/s, ${(100 * got).toFixed(1)}% of the ceiling`,
    met,
    bound: met ? '' : throughputBound(phase, share * ceilingPerSecond, cpus),
  };
}

export function rateTarget(
  target: string,
  phase: MeasuredPhase,
  perSecond: number,
  cpus: number,
): TargetLine {
  const met = phase.perSecond >= perSecond;
  return {
    target,
    figure: `${f(phase.perSecond, 1)}/s`,
    met,
    bound: met ? '' : throughputBound(phase, perSecond, cpus),
  };
}

/** `numerator / denominator >= least`; when missed, what bounds the numerator's phase. */
export function ratioTarget(
  target: string,
  numerator: MeasuredPhase,
  denominator: MeasuredPhase,
  least: number,
  cpus: number,
): TargetLine {
  const ratio = numerator.perSecond / denominator.perSecond;
  const met = ratio >= least;
  return {
    target,
    figure: f(ratio, 3),
    met,
    bound: met ? '' : throughputBound(numerator, least * denominator.perSecond, cpus),
  };
}

export function p99Target(target: string, phase: MeasuredPhase, atMostMs: number, cpus: number): TargetLine {
  const met = phase.p99Ms <= atMostMs;
  return {
    target,
    figure: `p99 ${f(phase.p99Ms, 1)} ms at ${f(phase.perSecond, 0)}/s`,
    met,
    bound: met ? '' : latencyBound(phase, cpus),
  };
}

export function formatTargets(lines: TargetLine[]): string[] {
  const width = Math.max(...lines.map((l) => l.target.length));
  const out: string[] = [];
  for (const l of lines) {
    out.push(`  ${l.met ? 'MET   ' : 'MISSED'} ${l.target.padEnd(width)}  ${l.figure}`);
    if (!l.met && l.bound) out.push(`         ${' '.repeat(width)}  bound: ${l.bound}`);
  }
  const missed = lines.filter((l) => !l.met).length;
  out.push(`  ${lines.length - missed} of ${lines.length} met`);
  return out;
}
