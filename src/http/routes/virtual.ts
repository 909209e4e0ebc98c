import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { setVirtualStock } from '../../app/virtual.ts';
import { OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, IdempotencyHeaders, MAX_QTY, Position, Text } from '../schemas.ts';

export const virtualRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/virtual/:sku/:warehouse',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['stock'],
          summary: "Set a position's virtual stock: a supplier's quick-supply capacity (V := virtual)",
          headers: IdempotencyHeaders,
          params: Type.Object({ sku: Code, warehouse: Code }),
          body: Type.Object(
            {
              virtual: Type.Integer({ minimum: 0, maximum: MAX_QTY }),
              supplier: Type.Optional(Text(200)),
              leadTimeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
            },
            { additionalProperties: false },
          ),
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
          { actor: req.actor, idempotencyKey: req.headers['idempotency-key'] },
        );
        return sendOutcome(reply, out);
      },
    );
  };
