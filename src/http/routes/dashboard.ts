import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { shopCurrency } from '../../app/shop.ts';
import { getOverview, getSeries, listSkuSummaries, SKU_SORTS, SKU_STATES } from '../../app/dashboard.ts';
import { EVERYONE, OPERATORS } from '../auth.ts';
import { Code, KeyRole, literals } from '../schemas.ts';
import { laggingRead } from '../read-consistency.ts';
import { withDefaults } from '../requests.ts';

const strict = { additionalProperties: false } as const;

const SkuSummary = Type.Object({
  sku: Type.String(),
  name: Type.String(),
  price: Type.Union([Type.Number(), Type.Null()]),
  unitCost: Type.Union([Type.Number(), Type.Null()]),
  onHand: Type.Number(),
  reserved: Type.Number(),
  unsellable: Type.Number({ description: 'damaged + qcPending' }),
  locked: Type.Number(),
  transferReserved: Type.Number(),
  virtual: Type.Number(),
  sellable: Type.Number({
    description:
      'sellable across the warehouses in scope: the sum of positive S (oversold positions count 0)',
  }),
  oversold: Type.Number({ description: 'units sold beyond stock at oversold positions in scope' }),
  value: Type.Number({ description: 'onHand x unitCost' }),
  openAlerts: Type.Integer(),
});

export const dashboardRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/session',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['dashboard'],
          summary: 'The API key making the request: its id, role and warehouses',
          response: {
            200: Type.Object({
              keyId: Type.String(),
              role: KeyRole,
              warehouses: Type.Union([Type.Array(Type.String()), Type.Null()]),
              currency: Type.String({ description: "the shop's currency (ISO 4217)" }),
            }),
          },
        },
      },
      async (req) => ({
        keyId: req.actor.id,
        role: req.actor.role,
        warehouses: req.actor.warehouses ? [...req.actor.warehouses] : null,
        currency: await shopCurrency(ctx.db),
      }),
    );
    app.get(
      '/v1/dashboard/skus',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['dashboard'],
          summary: 'SKUs with stock totals: searched, filtered, sorted and paged on the server',
          querystring: Type.Object(
            {
              search: Type.Optional(Type.String({ maxLength: 200, description: 'part of the SKU or name' })),
              warehouse: Type.Optional(Code),
              channel: Type.Optional(Code),
              category: Type.Optional(Code),
              state: Type.Optional(literals(SKU_STATES)),
              sort: Type.Optional(literals(SKU_SORTS, { default: 'sku' })),
              desc: Type.Optional(Type.Boolean({ default: false })),
              offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              items: Type.Array(SkuSummary),
              currency: Type.String({
                description: "the shop's currency, which prices, costs and values are in",
              }),
              total: Type.Integer(),
              totals: Type.Object(
                {
                  skus: Type.Integer(),
                  sellable: Type.Number(),
                  onHand: Type.Number(),
                  reserved: Type.Number(),
                  unsellable: Type.Number(),
                  value: Type.Number(),
                },
                { description: 'the whole filtered list (every page), summed as its rows are; skus = total' },
              ),
              offset: Type.Integer(),
              limit: Type.Integer(),
            }),
          },
        },
      },
      async (req, reply) =>
        laggingRead(ctx, 'dashboard', req, reply, (reads) =>
          listSkuSummaries(reads, withDefaults(req.query, 'sort', 'desc', 'offset', 'limit'), req.actor),
        ),
    );
    app.get(
      '/v1/dashboard/overview',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['dashboard'],
          summary:
            'Counters for the overview: stock, value, out of stock, alerts, orders and shipments since a time',
          querystring: Type.Object(
            {
              since: Type.Optional(
                Type.String({ format: 'date-time', description: 'default: the start of the UTC day' }),
              ),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              at: Type.String(),
              since: Type.String(),
              currency: Type.String({ description: "the shop's currency, which stockValue is in" }),
              skus: Type.Integer(),
              skusOutOfStock: Type.Integer({ description: 'SKUs no warehouse can sell a unit of' }),
              skusOversold: Type.Integer({ description: 'SKUs with at least one oversold position' }),
              sellableUnits: Type.Number({ description: 'sellable across warehouses, summed over SKUs' }),
              oversoldUnits: Type.Number({ description: 'units sold beyond stock at oversold positions' }),
              onHandUnits: Type.Number(),
              stockValue: Type.Number(),
              openAlerts: Type.Integer(),
              acknowledgedAlerts: Type.Integer(),
              ordersReservedSince: Type.Integer(),
              ordersShippedSince: Type.Integer(),
              unitsShippedSince: Type.Number(),
              unitsInTransit: Type.Number(),
              transfersOpen: Type.Integer(),
            }),
          },
        },
      },
      async (req, reply) =>
        laggingRead(ctx, 'dashboard', req, reply, (reads) =>
          getOverview(reads, { since: req.query.since ? new Date(req.query.since) : undefined }),
        ),
    );
    app.get(
      '/v1/dashboard/series',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['dashboard'],
          summary: 'Sellable units at the end of each hour or day, with orders placed and shipped in it',
          querystring: Type.Object(
            {
              bucket: Type.Optional(literals(['hour', 'day'] as const, { default: 'day' })),
              points: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })),
              warehouse: Type.Optional(Code),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              bucket: Type.Union([Type.Literal('hour'), Type.Literal('day')]),
              points: Type.Array(
                Type.Object({
                  t: Type.String(),
                  sellable: Type.Number(),
                  ordersPlaced: Type.Integer(),
                  ordersShipped: Type.Integer(),
                }),
              ),
            }),
          },
        },
      },
      async (req, reply) =>
        laggingRead(ctx, 'dashboard', req, reply, (reads) =>
          getSeries(reads, withDefaults(req.query, 'bucket', 'points')),
        ),
    );
  };
