import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  replayDeadLetters,
} from '../../app/webhooks.ts';
import { ADMIN } from '../auth.ts';
import { Code, Cursor, Limit, page, Nullable } from '../schemas.ts';
import { paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;

const Ordering = Type.Union([Type.Literal('log'), Type.Literal('stream')], {
  description:
    '`log` (default): every event in log order; `stream`: in order within each stream, streams in parallel',
});

const WebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000, description: 'an http:// or https:// URL' }),
    eventTypes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        minItems: 1,
        maxItems: 50,
        description: 'event types to deliver, or ["*"] (the default) for all',
      }),
    ),
    secret: Type.Optional(
      Type.String({ minLength: 16, maxLength: 200, description: 'signing secret; generated if omitted' }),
    ),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    batchSize: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description: 'events per request; over 1, each request is {"events": [...]} (docs/events.md)',
      }),
    ),
    ordering: Type.Optional(Ordering),
  },
  strict,
);

const webhookFields = {
  webhookId: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  cursorSeq: Type.Integer({ description: 'events up to this seq have been queued for delivery' }),
  pending: Type.Integer({ description: 'deliveries not yet delivered nor dead-lettered' }),
  deadLetters: Type.Integer(),
  batchSize: Type.Integer(),
  ordering: Ordering,
};
const Webhook = Type.Object(webhookFields);
const WebhookCreated = Type.Object({
  ...webhookFields,
  secret: Type.String({ description: 'shown only here: store it to verify Stockroom-Signature' }),
});

const Status = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')]);

const Delivery = Type.Object({
  deliveryId: Type.String(),
  webhookId: Type.String(),
  eventId: Type.String(),
  eventSeq: Type.Integer(),
  eventType: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  deadAt: Nullable(Type.String()),
  attemptLog: Type.Array(
    Type.Object({
      attempt: Type.Integer(),
      at: Type.String(),
      statusCode: Type.Union([Type.Integer(), Type.Null()]),
      error: Nullable(Type.String()),
      durationMs: Type.Integer(),
    }),
  ),
});

const Params = Type.Object({ id: Code }, strict);
const DeliveryParams = Type.Object({ id: Code, deliveryId: Code }, strict);
const Paging = { cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) };
const Replayed = Type.Object({ replayed: Type.Integer(), items: Type.Array(Delivery) });

export const webhookRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const common = { config: { roles: ADMIN } } as const;
    app.post(
      '/v1/webhooks',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'Subscribe a URL to events from now on; the signing secret is shown only in this answer',
          body: WebhookBody,
          response: { 201: WebhookCreated },
        },
      },
      async (req, reply) => reply.status(201).send(await createWebhook(ctx, req.body)),
    );
    app.get(
      '/v1/webhooks',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'Webhook subscriptions (never their secrets)',
          querystring: Type.Object(Paging, strict),
          response: { 200: page(Webhook) },
        },
      },
      async (req) => listWebhooks(ctx, { cursor: req.query.cursor, limit: paged(req.query).limit }),
    );
    app.get(
      '/v1/webhooks/:id',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'A webhook subscription',
          params: Params,
          response: { 200: Webhook },
        },
      },
      async (req) => getWebhook(ctx, req.params.id),
    );
    app.delete(
      '/v1/webhooks/:id',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'Unsubscribe: no more deliveries; its delivery records go too',
          params: Params,
          response: { 200: Webhook },
        },
      },
      async (req) => deleteWebhook(ctx, req.params.id),
    );
    app.get(
      '/v1/webhooks/:id/deliveries',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'Deliveries in log order, with every attempt (status code, error, duration)',
          params: Params,
          querystring: Type.Object({ status: Type.Optional(Status), ...Paging }, strict),
          response: { 200: page(Delivery) },
        },
      },
      async (req) =>
        listDeliveries(ctx, req.params.id, {
          status: req.query.status,
          cursor: req.query.cursor,
          limit: paged(req.query).limit,
        }),
    );
    app.get(
      '/v1/webhooks/:id/dead-letters',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'Deliveries given up after the last retry',
          params: Params,
          querystring: Type.Object(Paging, strict),
          response: { 200: page(Delivery) },
        },
      },
      async (req) =>
        listDeliveries(ctx, req.params.id, {
          status: 'dead',
          cursor: req.query.cursor,
          limit: paged(req.query).limit,
        }),
    );
    app.post(
      '/v1/webhooks/:id/dead-letters/replay',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'Queue every dead letter again, with a fresh retry schedule, in log order',
          params: Params,
          response: { 200: Replayed },
        },
      },
      async (req) => {
        const items = await replayDeadLetters(ctx, req.params.id);
        return { replayed: items.length, items };
      },
    );
    app.post(
      '/v1/webhooks/:id/dead-letters/:deliveryId/replay',
      {
        ...common,
        schema: {
          tags: ['webhooks'],
          summary: 'Queue one dead letter again, with a fresh retry schedule',
          params: DeliveryParams,
          response: { 200: Replayed },
        },
      },
      async (req) => {
        const items = await replayDeadLetters(ctx, req.params.id, req.params.deliveryId);
        return { replayed: items.length, items };
      },
    );
  };
