/** Goods in: receipts (also into inspection or against virtual stock) and adjustments. */
import type { Command } from 'commander';
import { adjustStock, receiveGoods } from '../../app/stock.ts';
import { AdjustmentBody, ReceiptBody } from '../../http/schemas.ts';
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

export function registerGoods(program: Command, r: Runner): void {
  withJson(
    withKey(
      program
        .command('receive')
        .description('receive goods: onHand += qty (into qcPending with --inspect)')
        .argument('<warehouse>', 'warehouse code')
        .argument('<sku>', 'SKU')
        .argument('<qty>', 'units received')
        .option('--reference <text>', 'e.g. the delivery note')
        .option('--inspect', 'the goods wait for inspection (qcPending) before they can be sold')
        .option(
          '--against-virtual',
          'goods sold as virtual stock: virtual -= qty as onHand += qty, sellable unchanged',
        ),
    ),
  ).action(
    r.action(
      async (
        w: string,
        s: string,
        q: string,
        o: JsonOption & KeyOption & { reference?: string; inspect?: boolean; againstVirtual?: boolean },
      ) => {
        const input = await request('body', ReceiptBody, {
          warehouse: w,
          reference: o.reference,
          lines: [{ sku: s, qty: numeral(q), inspect: o.inspect, againstVirtual: o.againstVirtual }],
        });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => receiveGoods(ctx, input, opts));
        if (o.json) return r.printJson(body);
        const into = o.inspect ? ' into qcPending' : o.againstVirtual ? ' against virtual stock' : '';
        r.print(
          `received ${body.lines[0]!.qty} ${body.lines[0]!.sku} at ${body.warehouse}${into} (receipt ${body.receiptId})`,
        );
        for (const p of body.positions) r.print(positionLine(p.sku, p));
      },
    ),
  );

  withJson(
    withKey(
      program
        .command('adjust')
        .description('correct onHand by a signed delta, with a reason')
        .argument('<warehouse>', 'warehouse code')
        .argument('<sku>', 'SKU')
        .argument('<delta>', 'units to add (e.g. 3) or take away (e.g. -3)')
        .requiredOption('--reason <text>', 'why, e.g. "found in aisle 4"'),
    ),
  ).action(
    r.action(async (w: string, s: string, d: string, o: JsonOption & KeyOption & { reason: string }) => {
      const input = await request('body', AdjustmentBody, {
        warehouse: w,
        sku: s,
        delta: numeral(d),
        reason: o.reason,
      });
      const opts = await commandOpts(o);
      const { body } = await r.using((ctx) => adjustStock(ctx, input, opts));
      if (o.json) return r.printJson(body);
      r.print(
        `adjusted ${body.sku} at ${body.warehouse} by ${body.delta > 0 ? '+' : ''}${body.delta}: ${body.reason} (adjustment ${body.adjustmentId})`,
      );
      r.print(positionLine(body.sku, body.position));
    }),
  );
}
