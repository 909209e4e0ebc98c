import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  cancelStandingOrder,
  committedDemand,
  getStandingOrder,
  listStandingOrders,
  putStandingOrder,
} from '../../app/standing-orders.ts';
import {
  COMMITTED_DEMAND_LIST_DAYS,
  MAX_COMMITTED_DAYS,
  MAX_EVERY_DAYS,
  MAX_RESERVE_DAYS_AHEAD,
  MAX_STANDING_ORDER_ID,
  STANDING_ORDER_STATUSES,
} from '../../domain/standing-orders.ts';
import { OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, Cursor, Limit, Nullable, page, Qty, Text } from '../schemas.ts';
import { paged, withDefaults } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const Day = Type.String({ format: 'date', description: 'a UTC calendar day, YYYY-MM-DD' });
const Id = Type.String({
  pattern: '^[A-Za-z0-9\\-_.]{1,40}$',
  maxLength: MAX_STANDING_ORDER_ID,
  description: "letters, digits and - _ . (at most 40): it is part of its deliveries' order ids",
});
const IdParams = Type.Object({ id: Id });
const Status = Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('cancelled')], {
  description: STANDING_ORDER_STATUSES.join(', '),
});

const Line = Type.Object({ sku: Code, qty: Qty }, strict);
const ScheduleBody = Type.Object(
  {
    startsOn: Day,
    everyDays: Type.Integer({ minimum: 1, maximum: MAX_EVERY_DAYS, description: '7: weekly' }),
    endsOn: Type.Optional(Nullable(Day)),
  },
  strict,
);
const StandingOrderBody = Type.Object(
  {
    customer: Text(200),
    warehouse: Code,
    channel: Type.Optional(Nullable(Code)),
    lines: Type.Array(Line, { minItems: 1, maxItems: 100 }),
    schedule: ScheduleBody,
    reserveDaysAhead: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_RESERVE_DAYS_AHEAD,
        description: 'days before each delivery its stock is reserved (default 3)',
      }),
    ),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('paused')])),
  },
  strict,
);
const Delivery = Type.Object({
  deliveryOn: Type.String(),
  orderId: Nullable(Type.String()),
  status: Type.Union([Type.Literal('reserved'), Type.Literal('short'), Type.Literal('missed')]),
  details: Type.Record(Type.String(), Type.Unknown()),
  attempts: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});
const StandingOrder = Type.Object({
  id: Type.String(),
  customer: Type.String(),
  warehouse: Type.String(),
  channel: Nullable(Type.String()),
  lines: Type.Array(Type.Object({ sku: Type.String(), qty: Type.Integer() })),
  schedule: Type.Object({
    startsOn: Type.String(),
    everyDays: Type.Integer(),
    endsOn: Nullable(Type.String()),
  }),
  reserveDaysAhead: Type.Integer(),
  status: Status,
  nextDeliveryOn: Nullable(Type.String({ description: 'the first delivery not reserved yet' })),
  upcoming: Type.Array(
    Type.Object({ deliveryOn: Type.String(), reserveOn: Type.String(), orderId: Type.String() }),
  ),
  deliveries: Type.Array(Delivery, { description: 'newest first; empty in lists' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
const Committed = Type.Object({
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(
    Type.Object({
      sku: Type.String(),
      warehouse: Type.String(),
      deliveryOn: Type.String(),
      units: Type.Integer(),
    }),
  ),
  totals: Type.Array(Type.Object({ sku: Type.String(), warehouse: Type.String(), units: Type.Integer() })),
});

export const standingOrderRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/standing-orders/:id',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['standing-orders'],
          summary: "Create or change a customer's standing order: SKU lines on a schedule from one warehouse",
          params: IdParams,
          body: StandingOrderBody,
          response: { 200: StandingOrder, 201: StandingOrder },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await putStandingOrder(ctx, req.params.id, req.body, req.actor)),
    );
    app.get(
      '/v1/standing-orders/:id',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['standing-orders'],
          summary: 'A standing order with its next deliveries and what happened to past ones',
          params: IdParams,
          response: { 200: StandingOrder },
        },
      },
      async (req) => getStandingOrder(ctx, req.params.id, req.actor),
    );
    app.get(
      '/v1/standing-orders',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['standing-orders'],
          summary: 'Standing orders by id, filtered by customer, SKU, warehouse or status',
          querystring: Type.Object(
            {
              customer: Type.Optional(Text(200)),
              sku: Type.Optional(Code),
              warehouse: Type.Optional(Code),
              status: Type.Optional(Status),
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
            },
            strict,
          ),
          response: { 200: page(StandingOrder) },
        },
      },
      async (req) => listStandingOrders(ctx, paged(req.query), req.actor),
    );
    app.post(
      '/v1/standing-orders/:id/cancel',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['standing-orders'],
          summary:
            'Cancel a standing order: nothing more is reserved, and upcoming reserved deliveries are released',
          params: IdParams,
          response: { 200: StandingOrder },
        },
      },
      async (req) => cancelStandingOrder(ctx, req.params.id, req.actor),
    );
    app.get(
      '/v1/committed-demand',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['standing-orders'],
          summary:
            "Standing orders' deliveries not reserved yet, per SKU, warehouse and day: committed future demand",
          querystring: Type.Object(
            {
              sku: Type.Optional(Code),
              warehouse: Type.Optional(Code),
              days: Type.Optional(
                Type.Integer({
                  minimum: 1,
                  maximum: MAX_COMMITTED_DAYS,
                  default: COMMITTED_DEMAND_LIST_DAYS,
                }),
              ),
            },
            strict,
          ),
          response: { 200: Committed },
        },
      },
      async (req) => committedDemand(ctx, withDefaults(req.query, 'days'), req.actor),
    );
  };
