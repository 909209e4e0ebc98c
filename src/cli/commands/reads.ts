/**
 * Reading commands: stock positions with the sellable sum worked out, oversold records, and
 * the damaged units exported as CSV.
 */
import type { Command } from 'commander';
import { requireKnown } from '../../app/catalog.ts';
import { listOversold } from '../../app/oversold.ts';
import { getStock, listStock } from '../../app/stock.ts';
import { damagedCsv } from '../../app/unsellable.ts';
import { addQuantities, sellable, ZERO } from '../../domain/quantities.ts';
import { StockAsOfQuery, StockQuery } from '../../http/routes/stock.ts';
import { SkuParams } from '../../http/schemas.ts';
import { DamagedQuery, OversoldQuery } from '../../http/routes/unsellable.ts';
import { withDefaults } from '../../http/requests.ts';
import { BUCKET_HEAD, buckets, indent, sellableSum, table, when } from './format.ts';
import { bad, CLI_ACTOR, pageQuery, request, withPaging, type PageOptions, type Runner } from './shared.ts';

export function registerReads(program: Command, r: Runner): void {
  withPaging(
    program
      .command('stock')
      .description(
        'stock positions of a SKU with the sellable sum S = I - O - U - L - T + V; without a SKU, all positions',
      )
      .argument('[sku]', 'the SKU')
      .option('--warehouse <code>', 'only this warehouse')
      .option('--as-of <time>', 'as the ledger stood then (with a SKU; ISO date-time with a zone)'),
  ).action(
    r.action(async (rawSku: string | undefined, o: PageOptions & { warehouse?: string; asOf?: string }) => {
      if (rawSku === undefined) {
        if (o.asOf !== undefined) bad('--as-of', o.asOf, 'needs a SKU');
        const filter = await pageQuery(StockQuery, {
          warehouse: o.warehouse,
          cursor: o.cursor,
          limit: o.limit,
        });
        const page = await r.using((ctx) => listStock(ctx, filter, CLI_ACTOR));
        if (o.json) return r.printJson(page);
        r.print(
          table(
            ['sku', 'warehouse', ...BUCKET_HEAD, 'sellable'],
            page.items.map((p) => [p.sku, p.warehouse, ...buckets(p), p.sellable]),
          ),
        );
        return r.more(page);
      }
      const { sku } = await request('params', SkuParams, { sku: rawSku });
      const { asOf: at } = await request('querystring', StockAsOfQuery, { asOf: o.asOf });
      // One position of the SKU is a CLI view: its warehouse is checked as the listing's filter is.
      const { warehouse } = await request('querystring', StockQuery, { warehouse: o.warehouse });
      const asOf = at === undefined ? undefined : new Date(at);
      const view = await r.using(async (ctx) => {
        if (warehouse) await requireKnown(ctx.db, [], [warehouse]);
        return getStock(ctx, sku, CLI_ACTOR, asOf);
      });
      if (warehouse) {
        // One warehouse: its position (zeros if the SKU has never been there), and totals of it alone.
        const position = view.positions.find((p) => p.warehouse === warehouse) ?? {
          warehouse,
          ...ZERO,
          sellable: 0,
        };
        view.positions = [position];
        const totals = addQuantities({ ...ZERO }, position);
        view.totals = { ...totals, sellable: sellable(totals) };
      }
      if (o.json) return r.printJson(view);
      printStock(r, view);
    }),
  );

  withPaging(
    program
      .command('oversold')
      .description('oversold records, newest first: a physical fact left sellable below zero')
      .option('--sku <sku>', 'only this SKU')
      .option('--warehouse <code>', 'only this warehouse'),
  ).action(
    r.action(async (o: PageOptions & { sku?: string; warehouse?: string }) => {
      const filter = await pageQuery(OversoldQuery, {
        sku: o.sku,
        warehouse: o.warehouse,
        cursor: o.cursor,
        limit: o.limit,
      });
      const page = await r.using((ctx) => listOversold(ctx, filter));
      if (o.json) return r.printJson(page);
      if (page.items.length === 0) return r.print('no oversold records');
      r.print(
        table(
          ['id', 'at', 'sku', 'warehouse', 'movement', 'reason', 'sellableAfter', 'ordersAtRisk', 'resolved'],
          page.items.map((r) => [
            r.id,
            r.at,
            r.sku,
            r.warehouse,
            r.movementType,
            r.reason ?? '-',
            r.sellableAfter,
            r.ordersAtRisk.join(' ') || '-',
            when(r.resolvedAt),
          ]),
        ),
      );
      r.more(page);
    }),
  );

  const exportCommand = program.command('export').description('export stock data as CSV to stdout');
  exportCommand
    .command('damaged')
    .description(
      'damaged units as CSV (sku,base_sku,warehouse,damaged) under a suffixed SKU code, e.g. 351038U',
    )
    .option(
      '--suffix <suffix>',
      'appended to each SKU code (1 to 8 letters, digits, - or _)',
      DamagedQuery.properties.suffix.default,
    )
    .option('--warehouse <code>', 'only this warehouse')
    .action(
      r.action(async (o: { suffix: string; warehouse?: string }) => {
        const { suffix, warehouse } = withDefaults(
          await request('querystring', DamagedQuery, {
            suffix: o.suffix,
            warehouse: o.warehouse,
            format: 'csv',
          }),
          'suffix',
        );
        const filter = { suffix, warehouse };
        r.write(await r.using((ctx) => damagedCsv(ctx, filter)));
      }),
    );
}

function printStock(r: Runner, view: Awaited<ReturnType<typeof getStock>>): void {
  const of = view.damagedOf ? ` (the damaged units of ${view.damagedOf}, never sellable)` : '';
  const head = `${view.sku}${of}${view.asOf ? ` as of ${view.asOf}` : ''}: sellable ${view.totals.sellable}`;
  const rows = view.positions.map((p) => [p.warehouse, ...buckets(p), p.sellable]);
  if (view.positions.length > 1) rows.push(['total', ...buckets(view.totals), view.totals.sellable]);
  const sums = view.positions.map((p) => [p.warehouse, sellableSum(p)]);
  if (view.positions.length > 1) sums.push(['total', sellableSum(view.totals)]);
  r.print(head);
  if (view.positions.length === 0) return r.print('  no stock at any warehouse');
  r.print(indent(table(['warehouse', ...BUCKET_HEAD, 'sellable'], rows)));
  r.print('S = I - O - (damaged + qcPending) - L - T + V:');
  const width = Math.max(...sums.map(([name]) => name!.length));
  for (const [name, sum] of sums) r.print(`  ${name!.padEnd(width)}  ${sum}`);
  const incoming = view.positions.filter((p) => (p.incoming ?? 0) > 0);
  if (incoming.length > 0) {
    r.print(
      `incoming on open purchase orders (not sellable): ${incoming.map((p) => `${p.warehouse} ${p.incoming}`).join(', ')}`,
    );
  }
}
