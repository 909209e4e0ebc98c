/** Purchasing: replenishment suggestions (list, CSV, refresh, order) and purchase orders. */
import type { Command } from 'commander';
import type { PurchaseOrder } from '../../app/purchasing.ts';
import {
  ACTIVE_PURCHASE_ORDERS,
  PURCHASE_ORDER_STATUSES,
  type PurchaseOrderFilter,
} from '../../domain/purchase-orders.ts';
import { paged } from '../../http/requests.ts';
import {
  CloseBody,
  PoParams,
  PurchaseOrderBody,
  PurchaseOrderQuery,
  PurchaseReceiptBody,
  SupplierBody,
} from '../../http/routes/purchasing.ts';
import { CodeParams } from '../../http/schemas.ts';
import { RefreshBody, ReplenishmentQuery, SuggestionOrderBody } from '../../http/routes/replenishment.ts';
import { indent, table } from './format.ts';
import {
  CLI_ACTOR,
  commandOpts,
  numeral,
  optional,
  pageQuery,
  request,
  skuQty,
  withJson,
  withKey,
  withPaging,
  type JsonOption,
  type KeyOption,
  type PageOptions,
  type Runner,
} from './shared.ts';

const PO_FILTERS: readonly PurchaseOrderFilter[] = [ACTIVE_PURCHASE_ORDERS, ...PURCHASE_ORDER_STATUSES];

const purchasing = () => import('../../app/purchasing.ts');
const replenishment = () => import('../../app/replenishment.ts');

function formatOrder(po: PurchaseOrder): string {
  return [
    `purchase order ${po.poId} from ${po.supplier} to ${po.warehouse}: ${po.status}, expected ${po.expectedAt}` +
      (po.closeReason ? ` (${po.closeReason})` : ''),
    indent(
      table(
        ['sku', 'ordered', 'received', 'open', 'over', 'short'],
        po.lines.map((l) => [l.sku, l.ordered, l.received, l.open, l.overReceived, l.short]),
      ),
    ),
  ].join('\n');
}

interface Filters {
  warehouse?: string;
  supplier?: string;
  sku?: string;
  needed?: boolean;
}
const filtersOf = (o: Filters) => ({
  warehouse: o.warehouse,
  supplier: o.supplier,
  sku: o.sku,
  onlyNeeded: o.needed ?? false,
});

export function registerPurchasing(program: Command, r: Runner): void {
  const rep = program
    .command('replenishment')
    .description('what to order, where and when: suggestions from the demand forecast');

  withPaging(
    rep
      .command('list')
      .description(
        'per position: inventory position, reorder point, order-up-to level and suggested quantity',
      )
      .option('--warehouse <code>', 'one warehouse')
      .option('--supplier <code>', "one supplier's positions")
      .option('--sku <sku>', 'one SKU')
      .option('--needed', 'only positions at or below their reorder point')
      .option('--csv', 'every matching row as CSV (no paging)'),
  ).action(
    r.action(async (o: PageOptions & Filters & { csv?: boolean }) => {
      const { format, cursor, limit, ...filter } = await pageQuery(ReplenishmentQuery, {
        ...filtersOf(o),
        format: o.csv ? 'csv' : undefined,
        cursor: o.cursor,
        limit: o.limit,
      });
      const { listReplenishment, replenishmentCsv, requireFilter } = await replenishment();
      if (format === 'csv') {
        return r.using(async (ctx) => {
          await requireFilter(ctx, filter);
          for await (const chunk of replenishmentCsv(ctx, filter)) r.write(chunk);
        });
      }
      const page = await r.using((ctx) => listReplenishment(ctx, { ...filter, cursor, limit }));
      if (o.json) return r.printJson(page);
      r.print(
        table(
          ['sku', 'warehouse', 'supplier', 'position', 'reorderPt', 'orderUpTo', 'order', 'by', 'model'],
          page.items.map((s) => [
            s.sku,
            s.warehouse,
            s.policy.supplier ?? '-',
            s.inventoryPosition,
            s.reorderPoint,
            s.orderUpTo,
            s.needed ? s.suggestedQty : '-',
            s.reorderBy ?? '-',
            s.forecastPending ? '(pending)' : (s.forecast?.model ?? '-'),
          ]),
        ),
      );
      r.more(page);
    }),
  );

  withJson(
    rep
      .command('refresh')
      .description('recompute missing or day-old stored forecasts now')
      .option('--warehouse <code>', 'one warehouse')
      .option('--limit <n>', `at most this many positions (default ${RefreshBody.properties.limit.default})`),
  ).action(
    r.action(async (o: JsonOption & { warehouse?: string; limit?: string }) => {
      const input = paged(
        await request('body', RefreshBody, { warehouse: o.warehouse, limit: optional(o.limit, numeral) }),
      );
      const { refreshForecasts } = await replenishment();
      const out = await r.using((ctx) => refreshForecasts(ctx, input));
      if (o.json) return r.printJson(out);
      r.print(`refreshed ${out.refreshed} forecast(s)${out.more ? '; more are due' : ''}`);
    }),
  );

  withJson(
    withKey(
      rep
        .command('order')
        .description("turn a supplier's current suggestions at a warehouse into one purchase order")
        .argument('<warehouse>', 'the warehouse')
        .argument('<supplier>', 'the supplier')
        .argument('[skus...]', 'only these SKUs (default: every position that needs an order)')
        .option('--expected <time>', "expected arrival (default: now plus the supplier's lead time)"),
    ),
  ).action(
    r.action(
      async (
        warehouse: string,
        supplier: string,
        skus: string[],
        o: JsonOption & KeyOption & { expected?: string },
      ) => {
        const input = await request('body', SuggestionOrderBody, {
          warehouse,
          supplier,
          skus: skus.length > 0 ? skus : undefined,
          expectedAt: o.expected,
        });
        const opts = await commandOpts(o);
        const { orderSuggestions } = await replenishment();
        const { body } = await r.using((ctx) => orderSuggestions(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(formatOrder(body));
      },
    ),
  );

  withJson(
    program
      .command('supplier')
      .description('create or replace a supplier; fields left out take the replenishment defaults')
      .argument('<code>', 'the supplier code')
      .requiredOption('--name <name>', "the supplier's name")
      .requiredOption('--lead-time-days <n>', 'days from order to arrival')
      .option('--pack-size <n>', 'order in multiples of this many units')
      .option('--min-order <n>', 'the smallest order in units'),
  ).action(
    r.action(
      async (
        c: string,
        o: JsonOption & { name: string; leadTimeDays: string; packSize?: string; minOrder?: string },
      ) => {
        const { code } = await request('params', CodeParams, { code: c });
        const input = await request('body', SupplierBody, {
          name: o.name,
          leadTimeDays: numeral(o.leadTimeDays),
          packSize: optional(o.packSize, numeral),
          minOrder: optional(o.minOrder, numeral),
        });
        const { putSupplier } = await purchasing();
        const { created, body } = await r.using((ctx) => putSupplier(ctx, code, input));
        if (o.json) return r.printJson(body);
        r.print(
          `${created ? 'created' : 'updated'} supplier ${body.code} (${body.name}): ` +
            `lead time ${body.leadTimeDays} days, pack size ${body.packSize}, minimum order ${body.minOrder}`,
        );
      },
    ),
  );

  const po = program.command('po').description('purchase orders: create, receive against, close, list');

  withJson(
    withKey(
      po
        .command('create')
        .description("order from a supplier: the open quantities become the positions' incoming")
        .argument('<supplier>', 'the supplier')
        .argument('<warehouse>', 'where the goods go')
        .argument('<sku=qty...>', 'the lines')
        .option('--expected <time>', "expected arrival (default: now plus the supplier's lead time)")
        .option('--reference <text>', "your reference, e.g. the supplier's order number"),
    ),
  ).action(
    r.action(
      async (
        supplier: string,
        warehouse: string,
        lines: string[],
        o: JsonOption & KeyOption & { expected?: string; reference?: string },
      ) => {
        const input = await request('body', PurchaseOrderBody, {
          supplier,
          warehouse,
          lines: lines.map((l) => skuQty('line', l)),
          expectedAt: o.expected,
          reference: o.reference,
        });
        const opts = await commandOpts(o);
        const { createPurchaseOrder } = await purchasing();
        const { body } = await r.using((ctx) => createPurchaseOrder(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(formatOrder(body));
      },
    ),
  );

  withJson(
    withKey(
      po
        .command('receive')
        .description('book goods in against an open order (more than ordered is kept as an over-delivery)')
        .argument('<poId>', 'the purchase order')
        .argument('<sku=qty...>', 'what arrived')
        .option('--inspect', 'book into qcPending, awaiting inspection')
        .option('--reference <text>', 'e.g. the delivery note'),
    ),
  ).action(
    r.action(
      async (
        id: string,
        lines: string[],
        o: JsonOption & KeyOption & { inspect?: boolean; reference?: string },
      ) => {
        const { poId } = await request('params', PoParams, { poId: id });
        const input = await request('body', PurchaseReceiptBody, {
          lines: lines.map((l) => ({ ...skuQty('line', l), inspect: o.inspect })),
          reference: o.reference,
        });
        const opts = await commandOpts(o);
        const { receivePurchaseOrder } = await purchasing();
        const { body } = await r.using((ctx) => receivePurchaseOrder(ctx, poId, input, opts));
        if (o.json) return r.printJson(body);
        r.print(`receipt ${body.receiptId}`);
        r.print(formatOrder(body.purchaseOrder));
      },
    ),
  );

  withJson(
    po
      .command('close')
      .description('close an open order (what has not come is recorded as short)')
      .argument('<poId>', 'the purchase order')
      .option('--reason <text>', 'why')
      .option('--cancel', 'cancel instead: only an order nothing was received on'),
  ).action(
    r.action(async (id: string, o: JsonOption & { reason?: string; cancel?: boolean }) => {
      const { poId } = await request('params', PoParams, { poId: id });
      const input = await request('body', CloseBody, { reason: o.reason, cancel: o.cancel });
      const { closePurchaseOrder } = await purchasing();
      const { body } = await r.using((ctx) => closePurchaseOrder(ctx, poId, input, CLI_ACTOR));
      if (o.json) return r.printJson(body);
      r.print(formatOrder(body));
    }),
  );

  withJson(
    po.command('show').description('one purchase order').argument('<poId>', 'the purchase order'),
  ).action(
    r.action(async (id: string, o: JsonOption) => {
      const { poId } = await request('params', PoParams, { poId: id });
      const { getPurchaseOrder } = await purchasing();
      const body = await r.using((ctx) => getPurchaseOrder(ctx, poId));
      if (o.json) return r.printJson(body);
      r.print(formatOrder(body));
    }),
  );

  withPaging(
    po
      .command('list')
      .description('purchase orders, newest first')
      .option('--status <status>', `one of ${PO_FILTERS.join(', ')}`)
      .option('--supplier <code>', 'one supplier')
      .option('--warehouse <code>', 'one warehouse')
      .option('--sku <sku>', 'orders with this SKU'),
  ).action(
    r.action(
      async (o: PageOptions & { status?: string; supplier?: string; warehouse?: string; sku?: string }) => {
        const filter = await pageQuery(PurchaseOrderQuery, {
          status: o.status,
          supplier: o.supplier,
          warehouse: o.warehouse,
          sku: o.sku,
          cursor: o.cursor,
          limit: o.limit,
        });
        const { listPurchaseOrders } = await purchasing();
        const page = await r.using((ctx) => listPurchaseOrders(ctx, filter));
        if (o.json) return r.printJson(page);
        r.print(
          table(
            ['poId', 'supplier', 'warehouse', 'status', 'expected', 'lines', 'open'],
            page.items.map((p) => [
              p.poId,
              p.supplier,
              p.warehouse,
              p.status,
              p.expectedAt.slice(0, 10),
              p.lines.length,
              p.lines.reduce((sum, l) => sum + l.open, 0),
            ]),
          ),
        );
        r.more(page);
      },
    ),
  );
}
