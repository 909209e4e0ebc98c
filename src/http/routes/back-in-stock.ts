import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  listSubscriptions,
  subscribe,
  SUBSCRIPTION_STATUSES,
  unsubscribe,
  waitingBySku,
  waitingForSku,
} from '../../app/back-in-stock.ts';
import { EVERYONE, OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, Cursor, IdempotencyHeaders, Limit, literals, page } from '../schemas.ts';
import { commandOptions, paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const NullString = Type.Union([Type.String(), Type.Null()]);

const SubscribeBody = Type.Object(
  {
    sku: Code,
    region: Type.Optional(Code),
    contact: Type.Object(
      {
        email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
        webhookUrl: Type.Optional(Type.String({ minLength: 8, maxLength: 2000 })),
        secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
      },
      { ...strict, description: 'exactly one of email, or webhookUrl (with an optional signing secret)' },
    ),
  },
  strict,
);

const Status = literals(SUBSCRIPTION_STATUSES);

const subscriptionFields = {
  subscriptionId: Type.Integer({ description: 'also the place in the queue: lower is notified first' }),
  sku: Type.String(),
  region: NullString,
  channel: Type.Union([Type.Literal('email'), Type.Literal('webhook')]),
  target: Type.String({ description: 'the email address or webhook URL' }),
  status: Status,
  note: NullString,
  attempts: Type.Integer(),
  lastError: NullString,
  createdAt: Type.String({ format: 'date-time' }),
  notifiedAt: NullString,
  unsubscribedAt: NullString,
};
const Subscription = Type.Object(subscriptionFields);
const Subscribed = Type.Object({
  ...subscriptionFields,
  unsubscribeToken: Type.String({ description: 'the only way to unsubscribe; shown here only' }),
  unsubscribePath: Type.String(),
  webhookSecret: Type.Optional(
    Type.String({ description: 'deliveries are signed with it (Stockroom-Signature)' }),
  ),
});
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) });

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const backInStockRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/back-in-stock-subscriptions',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['back-in-stock'],
          summary:
            'Wait for a SKU to be sellable again (in a region): notified once, by email, or by webhook (admin and operator keys only)',
          headers: IdempotencyHeaders,
          body: SubscribeBody,
          response: { 201: Subscribed },
        },
      },
      async (req, reply) => sendOutcome(reply, await subscribe(ctx, req.body, commandOptions(req))),
    );
    app.get(
      '/v1/back-in-stock-subscriptions',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['back-in-stock'],
          summary: 'Subscriptions in queue order, with their status',
          querystring: Type.Object(
            {
              sku: Type.Optional(Code),
              status: Type.Optional(Status),
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
            },
            strict,
          ),
          response: { 200: page(Subscription) },
        },
      },
      async (req) => listSubscriptions(ctx, paged(req.query)),
    );
    // Public: the token is the credential (it is in the email's unsubscribe link).
    app.delete(
      '/v1/back-in-stock-subscriptions/:token',
      {
        schema: {
          tags: ['back-in-stock'],
          summary: 'Unsubscribe (no API key: the token is enough)',
          security: [],
          params: TokenParams,
          response: { 200: Subscription },
        },
      },
      async (req) => unsubscribe(ctx, req.params.token),
    );
    app.get(
      '/v1/back-in-stock-subscriptions/:token/unsubscribe',
      {
        schema: {
          tags: ['back-in-stock'],
          summary: 'The unsubscribe link of a notice: unsubscribes and answers with a short HTML page',
          security: [],
          params: TokenParams,
        },
      },
      async (req, reply) => {
        const sub = await unsubscribe(ctx, req.params.token);
        const text =
          sub.status === 'unsubscribed'
            ? `You will not be told when ${sub.sku} is back in stock.`
            : `This subscription for ${sub.sku} is already ${sub.status}; nothing more will be sent.`;
        return reply
          .type('text/html; charset=utf-8')
          .send(`<!doctype html><title>Unsubscribed</title><p>${escapeHtml(text)}</p>\n`);
      },
    );
    app.get(
      '/v1/back-in-stock/waiting',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['back-in-stock'],
          summary: 'Who waits: for one SKU (by region), or SKUs by number waiting, most first',
          querystring: Type.Object(
            { sku: Type.Optional(Code), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
            strict,
          ),
          response: {
            200: Type.Union([
              Type.Object({
                sku: Type.String(),
                waiting: Type.Integer(),
                byRegion: Type.Array(Type.Object({ region: NullString, waiting: Type.Integer() })),
              }),
              page(Type.Object({ sku: Type.String(), name: Type.String(), waiting: Type.Integer() })),
            ]),
          },
        },
      },
      async (req) =>
        req.query.sku
          ? waitingForSku(ctx, req.query.sku)
          : waitingBySku(ctx, { cursor: req.query.cursor, limit: paged(req.query).limit }),
    );
  };
