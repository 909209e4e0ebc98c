import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  createApiKey,
  listApiKeys,
  MAX_GRACE_SECONDS,
  revokeApiKey,
  rotateApiKey,
} from '../../app/api-keys.ts';
import type { AppContext } from '../../app/context.ts';
import { verifyStock } from '../../app/verify.ts';
import { ADMIN } from '../auth.ts';
import { ApiKey, ApiKeyBody, Code, emptyBodyIsEmptyObject } from '../schemas.ts';

const VerifyReport = Type.Object({
  ok: Type.Boolean(),
  checkedAt: Type.String({ format: 'date-time' }),
  positions: Type.Integer(),
  movements: Type.Integer(),
  durationMs: Type.Integer(),
  units: Type.Object({
    booked: Type.Integer(),
    onHand: Type.Integer(),
    inTransit: Type.Integer(),
    lostInTransit: Type.Integer(),
  }),
  problemCount: Type.Integer(),
  problems: Type.Array(
    Type.Object({
      invariant: Type.Integer({ minimum: 1, maximum: 5 }),
      sku: Type.Optional(Type.String()),
      warehouse: Type.Optional(Type.String()),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const adminRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/api-keys',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['admin'],
          summary: 'Create an API key; the secret is in this response only',
          body: ApiKeyBody,
          response: { 201: ApiKey },
        },
      },
      async (req, reply) => reply.status(201).send(await createApiKey(ctx, req.body)),
    );
    app.get(
      '/v1/api-keys',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['admin'],
          summary: 'List API keys (never their secrets)',
          response: { 200: Type.Object({ items: Type.Array(ApiKey), nextCursor: Type.Null() }) },
        },
      },
      async () => ({ items: await listApiKeys(ctx), nextCursor: null }),
    );
    app.delete(
      '/v1/api-keys/:id',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['admin'],
          summary: 'Revoke an API key',
          params: Type.Object({ id: Code }),
          response: { 200: ApiKey },
        },
      },
      async (req) => revokeApiKey(ctx, req.params.id),
    );
    app.post(
      '/v1/api-keys/:id/rotate',
      {
        config: { roles: ADMIN },
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags: ['admin'],
          summary:
            'Rotate an API key: a new key (secret in this response only) with the same name, role and warehouses; the old one keeps working for the grace period',
          params: Type.Object({ id: Code }),
          body: Type.Object(
            {
              gracePeriodSeconds: Type.Optional(
                Type.Integer({
                  minimum: 0,
                  maximum: MAX_GRACE_SECONDS,
                  description: 'how long the old key keeps working (default 0: it stops now)',
                }),
              ),
              expiresAt: Type.Optional(
                Type.String({ format: 'date-time', description: "the new key's expiry; none: never" }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ key: ApiKey, previous: ApiKey }) },
        },
      },
      async (req, reply) =>
        reply.status(201).send(
          await rotateApiKey(ctx, req.params.id, {
            graceSeconds: req.body.gracePeriodSeconds,
            expiresAt: req.body.expiresAt,
          }),
        ),
    );
    app.get(
      '/v1/admin/verify',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['admin'],
          summary: 'Rebuild every position from the ledger and check the invariants of the model',
          response: { 200: VerifyReport },
        },
      },
      async () => verifyStock(ctx),
    );
    app.post(
      '/v1/admin/demo',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['admin'],
          summary:
            'Load the demo into this database (what `stockroom demo` does): 3 regions and warehouses, 500 real SKUs with opening stock, a year of demand history, a supplier. Safe to repeat',
          response: {
            200: Type.Object({
              skus: Type.Integer(),
              skusCreated: Type.Integer(),
              units: Type.Integer({
                description: 'units received by this call (0 when the demo was loaded before)',
              }),
              historyDays: Type.Integer({ description: 'SKU-days of demand history written' }),
            }),
          },
        },
      },
      async () => {
        // The demo's loader and data files are read only when asked for.
        const { loadDemo } = await import('../../app/demo.ts');
        const { summary, plan, history } = await loadDemo(ctx.db);
        return {
          skus: plan.skus.size,
          skusCreated: summary.skusCreated,
          units: summary.units - summary.replayedUnits,
          historyDays: history.rows,
        };
      },
    );
  };
