import { describe, expect, it } from 'vitest';
import { cpuCells, cpuWindow } from '../../bench/cpu.ts';
import {
  cpuPerOperation,
  formatTargets,
  p99Target,
  rateTarget,
  ratioTarget,
  shareTarget,
  type MeasuredPhase,
} from '../../bench/targets.ts';

const busyCpu = { machinePercentOfAll: 95, benchClient: 20, server: 80, postgresBackends: 80, other: 10 };

const phase = (over: Partial<MeasuredPhase> = {}): MeasuredPhase => ({
  label: '(a) hot',
  perSecond: 1000,
  p50Ms: 10,
  p99Ms: 40,
  maxMs: 90,
  cpu: busyCpu,
  waits: { idle: 25, 'Lock:transactionid': 40, active: 30, 'IO:WALSync': 5 },
  commitsPerOrder: 0.125,
  walFlushesPerOrder: 0.1,
  ordersPerBatch: 8,
  rowsPerOrder: { inserted: 7.05, updated: 2.15 },
  ...over,
});

describe('cpuPerOperation', () => {
  it('turns percentages of one CPU into milliseconds per operation', () => {
    const per = cpuPerOperation(busyCpu, 1000, 2)!;
    // 95% of 2 CPUs is 1,900 ms of CPU a second, over 1,000 operations.
    expect(per.machine).toBeCloseTo(1.9);
    expect(per.server).toBeCloseTo(0.8);
    expect(per.postgres).toBeCloseTo(0.8);
    expect(per.client).toBeCloseTo(0.2);
    expect(per.other).toBeCloseTo(0.1);
  });

  it('has nothing to say about a window without operations', () => {
    expect(cpuPerOperation(busyCpu, 0, 2)).toBeNull();
  });
});

describe('targets', () => {
  it('on a busy machine, names the CPU per operation the target needs', () => {
    const line = shareTarget('(a) hot >= 35%', phase(), 5000, 0.35, 2);
    expect(line.met).toBe(false);
    expect(line.figure).toBe('1000.0/s, 20.0% of the ceiling');
    // 1,750/s on 2 CPUs leaves 1.14 ms an operation; this run spent 1.90.
    expect(line.bound).toContain('CPU-bound: 2 CPUs at 1.90 ms allow 1053/s; 1750/s needs <= 1.14 ms');
    expect(line.bound).toContain('PostgreSQL 0.80');
    expect(line.bound).toContain('WAL flushes/order 0.100');
    expect(line.bound).toContain('rows/order 7.05 inserted + 2.15 updated');
    // Shares of the samples with work: the spare connections ("idle") left out.
    expect(line.bound).toContain('backends with work: Lock:transactionid 53%, active 40%, IO:WALSync 7%');
  });

  it('on an idle machine, says the limit is not the CPU', () => {
    const line = shareTarget(
      '(a) hot >= 35%',
      phase({ cpu: { ...busyCpu, machinePercentOfAll: 40 } }),
      5000,
      0.35,
      2,
    );
    expect(line.bound).toContain('not CPU-bound');
  });

  it('with the database inside one server process, blames its one thread first', () => {
    const pglite = phase({ cpu: { ...busyCpu, machinePercentOfAll: 60, server: 99 }, serverProcesses: 1 });
    const line = rateTarget('(a) hot >= 1,500/s', pglite, 1500, 2);
    expect(line.met).toBe(false);
    expect(line.bound).toContain("bound by the server's one thread (99% of a CPU): at 0.99 ms allow 1010/s");
    expect(line.bound).toContain('1500/s needs <= 0.67 ms');
  });

  it('judges ratios and tails, and counts what was met', () => {
    const routed = ratioTarget('routed within 10%', phase({ perSecond: 950 }), phase(), 0.9, 2);
    expect(routed).toMatchObject({ met: true, figure: '0.950', bound: '' });
    const tail = p99Target('p99 <= 25 ms', phase({ p99Ms: 30 }), 25, 2);
    expect(tail.met).toBe(false);
    expect(tail.bound).toContain('p50 10.0 ms, max 90.0 ms');
    const lines = formatTargets([routed, tail]);
    expect(lines[0]).toMatch(/^ {2}MET +routed within 10% +0\.950$/);
    expect(lines.at(-1)).toBe('  1 of 2 met');
  });
});

describe('cpuCells', () => {
  it('prints whole percentages, and a dash for what was not measured', () => {
    expect(cpuCells(busyCpu)).toEqual(['95%', '20', '80', '80', '10']);
    expect(cpuCells({ ...busyCpu, server: null, postgresBackends: null, other: null })).toEqual([
      '95%',
      '20',
      '-',
      '-',
      '-',
    ]);
    expect(cpuCells(undefined)).toEqual(['-', '-', '-', '-', '-']);
  });
});

describe('cpuWindow', () => {
  it('has no figures before its window closes, and the whole machine after', () => {
    const window = cpuWindow(undefined, 'no_such_database');
    expect(window.use()).toBeUndefined();
    window.onWindowStart();
    // Busy for 50 ms: longer than the machine counters' 10 ms tick.
    let x = 0;
    const until = performance.now() + 50;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    window.onWindowEnd();
    const use = window.use()!;
    expect(x).toBeGreaterThan(0);
    expect(use.machinePercentOfAll).toBeGreaterThanOrEqual(0);
    expect(use.benchClient).toBeGreaterThan(0);
    // No server was named and no backend serves that database.
    expect(use.server).toBeNull();
    expect(use.postgresBackends).toBeNull();
  });
});
