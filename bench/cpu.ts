/**
 * Where the CPU went during a measurement window: the whole machine, the benchmark process,
 * the server process (with its workers), and the PostgreSQL backends of the benchmark's database (found by
 * their process title). Per-process figures need Linux /proc; elsewhere they are null.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export interface CpuSnapshot {
  at: number;
  machine: { busy: number; total: number };
  self: NodeJS.CpuUsage;
  server: number | null;
  backends: Map<number, number>;
}

/** CPU use over a window, as a percentage of one CPU (200% = two CPUs busy). */
export interface CpuUse {
  machinePercentOfAll: number;
  benchClient: number;
  server: number | null;
  postgresBackends: number | null;
  /** Busy CPU on the machine not accounted for by the three above (WAL writer, other work...). */
  other: number | null;
}

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of a process, in clock ticks; null if it cannot be read. */
function processTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** utime + stime of a process and its children (the workers of a clustered server), in clock ticks. */
function treeTicks(root: number): number | null {
  const own = processTicks(root);
  if (own === null) return null;
  let total = own;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return own;
  }
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === root) total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return total;
}

function backendTicks(dbName: string): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres:') || !cmd.includes(` ${dbName} `)) continue;
      const ticks = processTicks(Number(p));
      if (ticks !== null) out.set(Number(p), ticks);
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

export function cpuSnapshot(serverPid: number | undefined, dbName: string): CpuSnapshot {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return {
    at: performance.now(),
    machine: { busy, total },
    self: process.cpuUsage(),
    server: serverPid === undefined ? null : treeTicks(serverPid),
    backends: backendTicks(dbName),
  };
}

export function cpuUse(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const tick = 1 / clockTicks();
  const pct = (cpuSeconds: number) => Math.round((cpuSeconds / seconds) * 1000) / 10;
  const machineBusy = b.machine.busy - a.machine.busy;
  const machineTotal = b.machine.total - a.machine.total;
  const cpus = os.cpus().length;
  const self = (b.self.user - a.self.user + b.self.system - a.self.system) / 1e6;
  const server = a.server !== null && b.server !== null ? (b.server - a.server) * tick : null;
  let backends: number | null = null;
  if (b.backends.size > 0 || a.backends.size > 0) {
    backends = 0;
    for (const [pid, ticks] of b.backends) backends += (ticks - (a.backends.get(pid) ?? ticks)) * tick;
  }
  const machinePercentOfAll = machineTotal > 0 ? Math.round((machineBusy / machineTotal) * 1000) / 10 : NaN;
  const machineCpuSeconds = (machinePercentOfAll / 100) * cpus * seconds;
  return {
    machinePercentOfAll,
    benchClient: pct(self),
    server: server === null ? null : pct(server),
    postgresBackends: backends === null ? null : pct(backends),
    other: backends === null ? null : pct(Math.max(0, machineCpuSeconds - self - (server ?? 0) - backends)),
  };
}

/** The cells a CPU table prints for one window: machine (% of all CPUs), client, server, backends, other. */
export function cpuCells(cpu: CpuUse | undefined): string[] {
  const whole = (n: number | null | undefined) => (n != null && Number.isFinite(n) ? n.toFixed(0) : '-');
  return [
    cpu ? `${whole(cpu.machinePercentOfAll)}%` : '-',
    whole(cpu?.benchClient),
    whole(cpu?.server),
    whole(cpu?.postgresBackends),
    whole(cpu?.other),
  ];
}

/**
 * CPU use over a load's measured window: hand `onWindowStart` and `onWindowEnd` to the load
 * (bench/load.ts), then read `use()`.
 */
export function cpuWindow(serverPid: number | undefined, dbName: string) {
  let start: CpuSnapshot | null = null;
  let use: CpuUse | undefined;
  return {
    onWindowStart: () => {
      start = cpuSnapshot(serverPid, dbName);
    },
    onWindowEnd: () => {
      use = start ? cpuUse(start, cpuSnapshot(serverPid, dbName)) : undefined;
    },
    use: (): CpuUse | undefined => use,
  };
}
