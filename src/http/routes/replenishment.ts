import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  CSV_COLUMNS,
  listReplenishment,
  orderSuggestions,
  refreshForecasts,
  replenishmentCsv,
  replenishmentTotals,
  requireFilter,
} from '../../app/replenishment.ts';
import { OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, Cursor, IdempotencyHeaders, Limit, Text, page, Nullable } from '../schemas.ts';
import { commandOptions, paged, withDefaults } from '../requests.ts';
import { PurchaseOrder } from './purchasing.ts';

const strict = { additionalProperties: false } as const;
const TAGS = ['purchasing'];

const Filters = {
  warehouse: Type.Optional(Code),
  supplier: Type.Optional(Code),
  sku: Type.Optional(Code),
  onlyNeeded: Type.Optional(Type.Boolean({ description: 'only positions at or below their reorder point' })),
};

const Row = Type.Object({
  sku: Type.String(),
  warehouse: Type.String(),
  policy: Type.Object({
    supplier: Nullable(Type.String()),
    leadTimeDays: Type.Integer(),
    serviceLevel: Type.Number(),
    reviewPeriodDays: Type.Integer(),
    minOrder: Type.Integer(),
    packSize: Type.Integer(),
  }),
  stock: Type.Object({
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    unsellable: Type.Integer({ description: 'damaged + awaiting inspection' }),
    locked: Type.Integer(),
    transferReserved: Type.Integer(),
    virtual: Type.Integer(),
    inboundTransfers: Type.Integer({ description: 'transfers to this warehouse, planned or on the road' }),
    incoming: Type.Integer({ description: 'open purchase-order units' }),
    backorders: Type.Integer({ description: 'reserved units resting on virtual stock' }),
    sellable: Type.Integer(),
  }),
  forecast: Nullable(
    Type.Object({
      model: Type.String(),
      computedAt: Type.String(),
      dailyMean: Type.Number({ description: 'mean daily demand over lead time plus review period' }),
      dailyErrorSd: Type.Number(),
      wape: Nullable(Type.Number()),
    }),
  ),
  committed: Type.Number({
    description:
      "units of standing orders' deliveries not reserved yet within lead time plus review period: known demand on top of the forecast",
  }),
  forecastPending: Type.Boolean({
    description:
      'no forecast yet (the background refresher computes it): the suggestion covers only what is owed',
  }),
  leadTimeDemand: Type.Number(),
  safetyStock: Type.Number({
    description:
      "quantile of the forecast's backtest errors summed over lead time plus review period, at the service level calibrated on the backtest origins; at most 3 times the demand over that interval",
  }),
  reorderPoint: Type.Number({
    description: 'leadTimeDemand + safetyStock, at most the demand over lead time plus review period',
  }),
  orderUpTo: Type.Number(),
  inventoryPosition: Type.Integer({
    description: 'onHand - unsellable - reserved - transferReserved + inboundTransfers + incoming',
  }),
  needed: Type.Boolean(),
  suggestedQty: Type.Integer(),
  coverWindowDays: Type.Integer({
    description: 'the window dailyDemand is taken over: leadTimeDays + reviewPeriodDays (at least 1)',
  }),
  dailyDemand: Type.Number({ description: 'mean forecast demand per day over coverWindowDays' }),
  daysOfCover: Nullable(
    Type.Number({ description: 'inventoryPosition / dailyDemand (null without demand)' }),
  ),
  reorderInDays: Nullable(Type.Integer()),
  reorderBy: Nullable(Type.String()),
  unitCost: Nullable(Type.Number()),
});

export const RefreshBody = Type.Object(
  {
    warehouse: Type.Optional(Code),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
  },
  strict,
);
export const ReplenishmentQuery = Type.Object(
  {
    ...Filters,
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        description: 'csv: every matching row at once, no paging',
      }),
    ),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  strict,
);
export const SuggestionOrderBody = Type.Object(
  {
    warehouse: Code,
    supplier: Code,
    skus: Type.Optional(Type.Array(Code, { minItems: 1, maxItems: 1000, uniqueItems: true })),
    expectedAt: Type.Optional(Type.String({ format: 'date-time' })),
    reference: Type.Optional(Text(200)),
  },
  strict,
);

export const replenishmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/replenishment',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: TAGS,
          summary:
            'What to order, where and when: per position, reorder point, order-up-to level and suggested quantity',
          querystring: ReplenishmentQuery,
          response: {
            200: {
              description: `JSON page, or with format=csv text/csv with header ${CSV_COLUMNS.join(',')}`,
              content: {
                'application/json': { schema: page(Row) },
                'text/csv': { schema: Type.String() },
              },
            },
          },
        },
      },
      async (req, reply) => {
        const { format, cursor, limit, ...filter } = paged(req.query);
        if (format === 'csv') {
          // Refusals (unknown warehouse, supplier) must come before the 200 starts streaming.
          await requireFilter(ctx, filter);
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', 'attachment; filename="replenishment.csv"')
            .send(Readable.from(replenishmentCsv(ctx, filter)) as never);
        }
        return listReplenishment(ctx, { ...filter, cursor, limit });
      },
    );
    app.get(
      '/v1/replenishment/totals',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: TAGS,
          summary:
            'The whole suggestion list under a filter: positions, how many to order now, units and value',
          querystring: Type.Object(
            { warehouse: Filters.warehouse, supplier: Filters.supplier, sku: Filters.sku },
            strict,
          ),
          response: {
            200: Type.Object({
              positions: Type.Integer(),
              needed: Type.Integer({ description: 'positions to order now' }),
              forecastPending: Type.Integer({ description: 'positions without a forecast yet' }),
              suggestedUnits: Type.Integer(),
              suggestedValue: Type.Number({
                description: 'suggestedQty x unitCost over needed rows with a cost',
              }),
              neededWithoutCost: Type.Integer({
                description: 'needed rows without a unit cost (not in the value)',
              }),
              currency: Type.String({ description: "the shop's currency, which suggestedValue is in" }),
            }),
          },
        },
      },
      async (req) => replenishmentTotals(ctx, req.query),
    );
    app.post(
      '/v1/replenishment/refresh',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: TAGS,
          summary:
            'Recompute missing or day-old stored forecasts now (the server also does it in the background)',
          body: RefreshBody,
          response: { 200: Type.Object({ refreshed: Type.Integer(), more: Type.Boolean() }) },
        },
      },
      async (req) => refreshForecasts(ctx, withDefaults(req.body, 'limit')),
    );
    app.post(
      '/v1/replenishment/purchase-orders',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: "Turn a supplier's current suggestions at a warehouse into one purchase order",
          headers: IdempotencyHeaders,
          body: SuggestionOrderBody,
          response: { 201: PurchaseOrder },
        },
      },
      async (req, reply) => sendOutcome(reply, await orderSuggestions(ctx, req.body, commandOptions(req))),
    );
  };
