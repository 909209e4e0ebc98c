/** Virtual stock: a supplier's quick-supply capacity, and the backorders it carries. */
import type { Command } from 'commander';
import { listBackorders, setVirtualStock } from '../../app/virtual.ts';
import { BackorderQuery, VirtualBody } from '../../http/routes/virtual.ts';
import { PositionParams } from '../../http/schemas.ts';
import { positionLine, table } from './format.ts';
import {
  commandOpts,
  numeral,
  optional,
  request,
  withJson,
  withKey,
  type JsonOption,
  type KeyOption,
  type Runner,
} from './shared.ts';

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
        .option('--lead-time-days <n>', 'days the supplier needs'),
    ),
  ).action(
    r.action(
      async (
        w: string,
        s: string,
        q: string,
        o: JsonOption & KeyOption & { supplier?: string; leadTimeDays?: string },
      ) => {
        const position = await request('params', PositionParams, { sku: s, warehouse: w });
        const stock = await request('body', VirtualBody, {
          virtual: numeral(q),
          supplier: o.supplier,
          leadTimeDays: optional(o.leadTimeDays, numeral),
        });
        const input = { ...stock, ...position };
        const opts = await commandOpts(o);
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
      const filter = await request('querystring', BackorderQuery, {
        warehouse: o.warehouse,
        supplier: o.supplier,
      });
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
