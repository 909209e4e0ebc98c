import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { listBackorders, setVirtualStock } from '../../app/virtual.ts';
import { OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, IdempotencyHeaders, MAX_QTY, Position, Text, PositionParams } from '../schemas.ts';
import { commandOptions } from '../requests.ts';

export const VirtualBody = Type.Object(
  {
    virtual: Type.Integer({ minimum: 0, maximum: MAX_QTY }),
    supplier: Type.Optional(Text(200)),
    leadTimeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  },
  { additionalProperties: false },
);
export const BackorderQuery = Type.Object(
  { warehouse: Type.Optional(Code), supplier: Type.Optional(Text(200)) },
  { additionalProperties: false },
);

export const virtualRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/virtual/:sku/:warehouse',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['stock'],
          summary: "Set a position's virtual stock: a supplier's quick-supply capacity (V := virtual)",
          headers: IdempotencyHeaders,
          params: PositionParams,
          body: VirtualBody,
          response: {
            200: Type.Object({
              sku: Type.String(),
              warehouse: Type.String(),
              virtual: Type.Integer(),
              supplier: Type.Union([Type.String(), Type.Null()]),
              leadTimeDays: Type.Integer(),
              position: Position,
            }),
          },
        },
      },
      async (req, reply) => {
        const out = await setVirtualStock(
          ctx,
          { ...req.body, sku: req.params.sku, warehouse: req.params.warehouse },
          commandOptions(req),
        );
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/backorders',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['stock'],
          summary: 'What purchasing must bring in: units reserved beyond physically free stock, by supplier',
          querystring: BackorderQuery,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  sku: Type.String(),
                  warehouse: Type.String(),
                  supplier: Type.Union([Type.String(), Type.Null()]),
                  leadTimeDays: Type.Union([Type.Integer(), Type.Null()]),
                  backordered: Type.Integer(),
                  onHand: Type.Integer(),
                  reserved: Type.Integer(),
                  virtual: Type.Integer(),
                }),
              ),
              nextCursor: Type.Null(),
            }),
          },
        },
      },
      async (req) => listBackorders(ctx, req.query),
    );
  };
