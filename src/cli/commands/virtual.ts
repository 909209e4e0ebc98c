/** Virtual stock: a supplier's quick-supply capacity, and the backorders it carries. */
import type { Command } from 'commander';
import { listBackorders, setVirtualStock } from '../../app/virtual.ts';
import { positionLine, table } from './format.ts';
import {
  bad,
  code,
  commandOpts,
  MAX_REASON,
  optional,
  text,
  units,
  withJson,
  withKey,
  type JsonOption,
  type KeyOption,
  type Runner,
} from './shared.ts';

const MAX_LEAD_TIME_DAYS = 365;

export function registerVirtual(program: Command, r: Runner): void {
  withJson(
    withKey(
      program
        .command('virtual')
        .description("set a position's virtual stock, a supplier's quick-supply capacity: virtual := qty")
        .argument('<warehouse>', 'warehouse code')
        .argument('<sku>', 'SKU')
        .argument('<qty>', 'units the supplier can deliver quickly (0 to stop)')
        .option('--supplier <name>', 'who supplies them')
        .option('--lead-time-days <n>', `days the supplier needs (0 to ${MAX_LEAD_TIME_DAYS})`),
    ),
  ).action(
    r.action(
      async (
        w: string,
        s: string,
        q: string,
        o: JsonOption & KeyOption & { supplier?: string; leadTimeDays?: string },
      ) => {
        const leadTimeDays = optional(o.leadTimeDays, (v) => units('--lead-time-days', v, 0));
        if (leadTimeDays !== undefined && leadTimeDays > MAX_LEAD_TIME_DAYS) {
          bad('--lead-time-days', o.leadTimeDays, `is at most ${MAX_LEAD_TIME_DAYS}`);
        }
        const input = {
          warehouse: code('warehouse', w),
          sku: code('sku', s),
          virtual: units('qty', q, 0),
          supplier: optional(o.supplier, (v) => text('--supplier', v, MAX_REASON)),
          leadTimeDays,
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => setVirtualStock(ctx, input, opts));
        if (o.json) return r.printJson(body);
        const supplier = body.supplier ? ` from ${body.supplier}, ${body.leadTimeDays} days lead time` : '';
        r.print(`set virtual stock of ${body.sku} at ${body.warehouse} to ${body.virtual}${supplier}`);
        r.print(positionLine(body.sku, body.position));
      },
    ),
  );

  withJson(
    program
      .command('backorders')
      .description('what purchasing must bring in: units reserved beyond physically free stock, by supplier')
      .option('--warehouse <code>', 'only this warehouse')
      .option('--supplier <name>', 'only this supplier'),
  ).action(
    r.action(async (o: JsonOption & { warehouse?: string; supplier?: string }) => {
      const filter = {
        warehouse: optional(o.warehouse, (v) => code('--warehouse', v)),
        supplier: optional(o.supplier, (v) => text('--supplier', v, MAX_REASON)),
      };
      const page = await r.using((ctx) => listBackorders(ctx, filter));
      if (o.json) return r.printJson(page);
      if (page.items.length === 0) return r.print('no backorders');
      r.print(
        table(
          ['supplier', 'warehouse', 'sku', 'backordered', 'onHand', 'reserved', 'virtual', 'leadTimeDays'],
          page.items.map((b) => [
            b.supplier ?? '-',
            b.warehouse,
            b.sku,
            b.backordered,
            b.onHand,
            b.reserved,
            b.virtual,
            b.leadTimeDays ?? '-',
          ]),
        ),
      );
    }),
  );
}
