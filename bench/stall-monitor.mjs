// Preloaded into each server process by bench/open-loop-tail.ts (node --import): writes a line
// to stderr, with the wall-clock time, whenever the event loop was held up for more than 30 ms
// or a garbage collection took more than 15 ms, so that slow windows can be matched with them.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setInterval } from 'node:timers';

const TICK_MS = 10;
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - last - TICK_MS;
  if (late > 30)
    process.stderr.write(`STALL loop pid=${process.pid} at=${Date.now()} ms=${late.toFixed(0)}\n`);
  last = now;
}, TICK_MS).unref();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.duration <= 15) continue;
    const at = Math.round(performance.timeOrigin + entry.startTime);
    process.stderr.write(`STALL gc pid=${process.pid} at=${at} ms=${entry.duration.toFixed(0)}\n`);
  }
}).observe({ entryTypes: ['gc'] });
