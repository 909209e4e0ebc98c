import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { sendOutcome } from '../reply.ts';
import { adjustStock, getStock, listMovements, listStock, receiveGoods } from '../../app/stock.ts';
import { OPERATORS } from '../auth.ts';
import { ZonesOfPosition } from './zones.ts';
import {
  AdjustmentBody,
  Code,
  Cursor,
  IdempotencyHeaders,
  Incoming,
  Limit,
  Movement,
  Position,
  ReceiptBody,
  SkuPosition,
  page,
  Quantities,
  SkuParams,
} from '../schemas.ts';
import { commandOptions, paged } from '../requests.ts';

const Timestamp = Type.String({ format: 'date-time' });

export const StockAsOfQuery = Type.Object(
  { asOf: Type.Optional(Timestamp) },
  { additionalProperties: false },
);
export const StockQuery = Type.Object(
  { warehouse: Type.Optional(Code), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);

export const stockRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/receipts',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['stock'],
          summary: 'Receive goods; lines with inspect: true go to qcPending',
          headers: IdempotencyHeaders,
          body: ReceiptBody,
          response: {
            201: Type.Object({
              receiptId: Type.String(),
              warehouse: Type.String(),
              reference: Type.Union([Type.String(), Type.Null()]),
              lines: Type.Array(
                Type.Object({
                  sku: Type.String(),
                  qty: Type.Integer(),
                  inspect: Type.Boolean(),
                  againstVirtual: Type.Boolean(),
                  damaged: Type.Optional(Type.Boolean()),
                  code: Type.Optional(Type.String()),
                  zone: Type.Optional(Type.String()),
                }),
              ),
              receivedAt: Type.String(),
              positions: Type.Array(SkuPosition),
            }),
          },
        },
      },
      async (req, reply) => {
        const out = await receiveGoods(ctx, req.body, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.post(
      '/v1/adjustments',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['stock'],
          summary: 'Correct onHand by a signed delta, with a reason',
          headers: IdempotencyHeaders,
          body: AdjustmentBody,
          response: {
            201: Type.Object({
              adjustmentId: Type.String(),
              warehouse: Type.String(),
              sku: Type.String(),
              delta: Type.Integer(),
              reason: Type.String(),
              at: Type.String(),
              position: Position,
            }),
          },
        },
      },
      async (req, reply) => {
        const out = await adjustStock(ctx, req.body, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/stock/:sku',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['stock'],
          summary: 'Stock positions of a SKU, now or as of a past time',
          params: SkuParams,
          querystring: StockAsOfQuery,
          response: {
            200: Type.Object({
              sku: Type.String(),
              damagedOf: Type.Optional(
                Type.String({
                  description: 'sku is a damaged code: these are the damaged units of this SKU',
                }),
              ),
              asOf: Type.Optional(Type.String()),
              positions: Type.Array(
                Type.Composite([Position, Type.Object({ ...Incoming, zones: ZonesOfPosition })]),
              ),
              totals: Type.Object({ ...Quantities, ...Incoming }),
            }),
          },
        },
      },
      async (req) =>
        getStock(ctx, req.params.sku, req.actor, req.query.asOf ? new Date(req.query.asOf) : undefined),
    );
    app.get(
      '/v1/stock',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['stock'],
          summary: 'Stock positions, optionally of one warehouse',
          querystring: StockQuery,
          response: { 200: page(Type.Composite([SkuPosition, Type.Object(Incoming)])) },
        },
      },
      async (req) => listStock(ctx, paged(req.query), req.actor),
    );
    app.get(
      '/v1/movements',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['stock'],
          summary: 'The movement ledger, oldest first',
          querystring: Type.Object(
            {
              sku: Type.Optional(Code),
              warehouse: Type.Optional(Code),
              order: Type.Optional(Code),
              since: Type.Optional(Timestamp),
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
            },
            { additionalProperties: false },
          ),
          response: { 200: page(Movement) },
        },
      },
      async (req) =>
        listMovements(
          ctx,
          {
            sku: req.query.sku,
            warehouse: req.query.warehouse,
            orderId: req.query.order,
            since: req.query.since ? new Date(req.query.since) : undefined,
            cursor: req.query.cursor,
            limit: paged(req.query).limit,
          },
          req.actor,
        ),
    );
  };
