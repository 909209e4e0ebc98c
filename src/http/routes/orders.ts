import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { sendOutcome } from '../reply.ts';
import {
  cancelOrder,
  confirmOrder,
  getOrder,
  listOrders,
  placeOrder,
  recordReturn,
  shipOrder,
} from '../../app/orders.ts';
import { EVERYONE, OPERATORS } from '../auth.ts';
import {
  Code,
  Cursor,
  IdempotencyHeaders,
  Limit,
  Order,
  OrderBody,
  OrderStatus,
  PlacedOrder,
  ReturnBody,
  Shipment,
  ShipmentBody,
  SkuPosition,
  page,
  Nullable,
} from '../schemas.ts';
import { commandOptions, paged } from '../requests.ts';

const OrderParams = Type.Object({ orderId: Code });
const OrderSummary = Type.Object({
  orderId: Type.String(),
  status: OrderStatus,
  region: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  expiresAt: Nullable(Type.String()),
  releasedReason: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  units: Type.Integer({ description: 'units allocated' }),
  shipped: Type.Integer(),
  released: Type.Integer({ description: 'released by cancellation or expiry' }),
});

export const orderRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/orders',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['orders'],
          summary: 'Reserve stock for an order: all lines or none',
          description:
            'Repeating the same orderId with the same lines returns the first answer with 200. Lines without a warehouse are allocated by the service.',
          headers: IdempotencyHeaders,
          body: OrderBody,
          response: { 200: PlacedOrder, 201: PlacedOrder },
        },
      },
      async (req, reply) => {
        const out = await placeOrder(ctx, req.body, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/orders',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['orders'],
          summary: 'Orders, newest first, by status, channel, region or a SKU they hold',
          querystring: Type.Object(
            {
              status: Type.Optional(OrderStatus),
              channel: Type.Optional(Code),
              region: Type.Optional(Code),
              sku: Type.Optional(Code),
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
            },
            { additionalProperties: false },
          ),
          response: { 200: page(OrderSummary) },
        },
      },
      async (req) => listOrders(ctx, paged(req.query), req.actor),
    );
    app.get(
      '/v1/orders/:orderId',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: { tags: ['orders'], summary: 'Read an order', params: OrderParams, response: { 200: Order } },
      },
      async (req) => getOrder(ctx, req.params.orderId, req.actor),
    );
    app.post(
      '/v1/orders/:orderId/confirm',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['orders'],
          summary: 'Payment done: the reservation no longer expires',
          headers: IdempotencyHeaders,
          params: OrderParams,
          response: { 200: Order },
        },
      },
      async (req, reply) => {
        const out = await confirmOrder(ctx, req.params.orderId, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.post(
      '/v1/orders/:orderId/cancel',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['orders'],
          summary: 'Release whatever has not shipped',
          headers: IdempotencyHeaders,
          params: OrderParams,
          response: { 200: Order },
        },
      },
      async (req, reply) => {
        const out = await cancelOrder(ctx, req.params.orderId, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.post(
      '/v1/orders/:orderId/shipments',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        preValidation: async (req) => {
          // An empty body means "ship everything that is left".
          if (req.body === undefined || req.body === null) req.body = {};
        },
        schema: {
          tags: ['orders'],
          summary: 'Ship all that is left, or the listed part',
          headers: IdempotencyHeaders,
          params: OrderParams,
          body: ShipmentBody,
          response: { 201: Shipment },
        },
      },
      async (req, reply) => {
        const out = await shipOrder(ctx, req.params.orderId, req.body.lines, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.post(
      '/v1/returns',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['orders'],
          summary: 'Book a customer return as sellable, damaged or for inspection',
          headers: IdempotencyHeaders,
          body: ReturnBody,
          response: {
            201: Type.Object({
              returnId: Type.String(),
              orderId: Type.Union([Type.String(), Type.Null()]),
              warehouse: Type.String(),
              lines: Type.Array(
                Type.Object({ sku: Type.String(), qty: Type.Integer(), condition: Type.String() }),
              ),
              returnedAt: Type.String(),
              positions: Type.Array(SkuPosition),
            }),
          },
        },
      },
      async (req, reply) => {
        const out = await recordReturn(ctx, req.body, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
  };
