/**
 * The stock commands of the CLI: receipts and adjustments, damage, repair, write-off and
 * inspection, locks, transfers, virtual stock, cycle counts, zones, and the reads that go with them.
 * Each command is a thin caller of the use case that serves the HTTP route: it checks its
 * arguments as the API's schemas do, calls the use case as the admin actor `cli`, and prints a
 * short answer (`--json`: the use case's answer as the API returns it). See ./shared.ts for
 * how a refusal is printed.
 */
import type { Command } from 'commander';
import { registerCounts } from './counts.ts';
import { registerDamagedSuffix } from './damaged-suffix.ts';
import { registerDemand } from './demand.ts';
import { registerGoods } from './goods.ts';
import { registerLocks } from './locks.ts';
import { registerPurchasing } from './purchasing.ts';
import { registerReads } from './reads.ts';
import { processIo, runner, type CliIo } from './shared.ts';
import { registerTransfers } from './transfers.ts';
import { registerUnsellable } from './unsellable.ts';
import { registerVirtual } from './virtual.ts';
import { registerZones } from './zones.ts';

export { CLI_ACTOR, EXIT_REFUSED, processIo, type CliIo } from './shared.ts';

/** Registers the stock commands on `program`; `io` is the process unless a test says otherwise. */
export function registerStockCommands(program: Command, io: CliIo = processIo): void {
  const r = runner(io);
  registerReads(program, r);
  registerGoods(program, r);
  registerUnsellable(program, r);
  registerLocks(program, r);
  registerTransfers(program, r);
  registerVirtual(program, r);
  registerCounts(program, r);
  registerDemand(program, r);
  registerPurchasing(program, r);
  registerDamagedSuffix(program, r);
  registerZones(program, r);
}
