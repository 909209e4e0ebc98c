/** Unsellable stock: damage found, repairs, write-offs and inspections of qcPending units. */
import type { Command } from 'commander';
import {
  DAMAGE_REASONS,
  inspectStock,
  markDamaged,
  repairDamaged,
  writeOffDamaged,
} from '../../app/unsellable.ts';
import { DamageBody, InspectionBody, RepairBody, WriteOffBody } from '../../http/routes/unsellable.ts';
import { positionLine } from './format.ts';
import {
  commandOpts,
  numeral,
  request,
  withJson,
  withKey,
  type JsonOption,
  type KeyOption,
  type Runner,
} from './shared.ts';

export function registerUnsellable(program: Command, r: Runner): void {
  const position = (c: Command) =>
    withJson(withKey(c.argument('<warehouse>', 'warehouse code').argument('<sku>', 'SKU')));
  type Opts = JsonOption & KeyOption;

  position(
    program
      .command('damage')
      .description('mark units damaged: damaged += qty (booked even if sellable goes below 0)'),
  )
    .argument('<qty>', 'units found damaged')
    .requiredOption('--reason <reason>', DAMAGE_REASONS.join(', '))
    .option('--note <text>', 'what happened')
    .action(
      r.action(async (w: string, s: string, q: string, o: Opts & { reason: string; note?: string }) => {
        const input = await request('body', DamageBody, {
          warehouse: w,
          sku: s,
          qty: numeral(q),
          reason: o.reason,
          note: o.note,
        });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => markDamaged(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(
          `marked ${body.qty} ${body.sku} damaged at ${body.warehouse}: ${body.reason} (damage ${body.damageId})`,
        );
        r.print(positionLine(body.sku, body.position));
      }),
    );

  position(program.command('repair').description('repair damaged units: damaged -= qty, sellable again'))
    .argument('<qty>', 'units repaired')
    .option('--note <text>', 'what was done')
    .action(
      r.action(async (w: string, s: string, q: string, o: Opts & { note?: string }) => {
        const input = await request('body', RepairBody, {
          warehouse: w,
          sku: s,
          qty: numeral(q),
          note: o.note,
        });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => repairDamaged(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(`repaired ${body.qty} ${body.sku} at ${body.warehouse} (repair ${body.repairId})`);
        r.print(positionLine(body.sku, body.position));
      }),
    );

  position(
    program.command('write-off').description('write off damaged units: damaged -= qty and onHand -= qty'),
  )
    .argument('<qty>', 'units disposed of')
    .requiredOption('--reason <text>', 'why, e.g. "sent to recycling"')
    .action(
      r.action(async (w: string, s: string, q: string, o: Opts & { reason: string }) => {
        const input = await request('body', WriteOffBody, {
          warehouse: w,
          sku: s,
          qty: numeral(q),
          reason: o.reason,
        });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => writeOffDamaged(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(
          `wrote off ${body.qty} ${body.sku} at ${body.warehouse}: ${body.reason} (write-off ${body.writeOffId})`,
        );
        r.print(positionLine(body.sku, body.position));
      }),
    );

  position(
    program
      .command('inspect')
      .description('inspect units in qcPending: passed become sellable, failed damaged'),
  )
    .option('--passed <n>', 'units that passed', '0')
    .option('--failed <n>', 'units that failed (they become damaged)', '0')
    .action(
      r.action(async (w: string, s: string, o: Opts & { passed: string; failed: string }) => {
        const input = await request('body', InspectionBody, {
          warehouse: w,
          lines: [{ sku: s, passed: numeral(o.passed), failed: numeral(o.failed) }],
        });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => inspectStock(ctx, input, opts));
        if (o.json) return r.printJson(body);
        const [line] = body.lines;
        r.print(
          `inspected ${line!.passed + line!.failed} ${line!.sku} at ${body.warehouse}: ${line!.passed} passed, ${line!.failed} failed (inspection ${body.inspectionId})`,
        );
        for (const p of body.positions) r.print(positionLine(p.sku, p));
      }),
    );
}
