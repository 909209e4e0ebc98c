import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  availabilityCsv,
  availabilityJson,
  channelAvailability,
  CSV_HEADER,
  exportChannelAvailability,
} from '../../app/channel-availability.ts';
import { getChannel, listChannels, putChannel } from '../../app/channels.ts';
import type { AppContext } from '../../app/context.ts';
import { ADMIN, EVERYONE } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, Cursor, IdempotencyHeaders, Limit, MAX_QTY, Text, page } from '../schemas.ts';
import { laggingRead } from '../read-consistency.ts';
import { commandOptions, paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const Units = Type.Integer({ minimum: 0, maximum: MAX_QTY });
const MAX_WAREHOUSES = 1000;
const MAX_RING_FENCES = 1000;
/** An opaque token; PostgreSQL transaction ids are at most 19 digits. */
const SyncToken = Type.String({ minLength: 1, maxLength: 128 });

const ChannelBody = Type.Object(
  {
    name: Text(200),
    warehouses: Type.Optional(
      Type.Union([
        Type.Array(Code, { minItems: 1, maxItems: MAX_WAREHOUSES, uniqueItems: true }),
        Type.Null(),
      ]),
    ),
    bufferUnits: Type.Optional(Type.Union([Units, Type.Null()])),
    bufferPercent: Type.Optional(
      Type.Union([
        Type.Number({ minimum: 0, maximum: 100, description: 'at most two decimals' }),
        Type.Null(),
      ]),
    ),
    cap: Type.Optional(Type.Union([Units, Type.Null()])),
    ringFenced: Type.Optional(
      Type.Array(Type.Object({ sku: Code, warehouse: Code, qty: Units }, strict), {
        maxItems: MAX_RING_FENCES,
        description:
          'units locked for this channel alone, by position; replaces the current set (a position left out is released). Omitted: unchanged',
      }),
    ),
  },
  strict,
);

const RingFence = Type.Object({ sku: Type.String(), warehouse: Type.String(), qty: Type.Integer() });
const Channel = Type.Object({
  code: Type.String(),
  name: Type.String(),
  warehouses: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'null: every warehouse' }),
  bufferUnits: Type.Union([Type.Integer(), Type.Null()]),
  bufferPercent: Type.Union([Type.Number(), Type.Null()]),
  cap: Type.Union([Type.Integer(), Type.Null()]),
  ringFenced: Type.Array(RingFence, { description: 'units still locked for the channel, by position' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const ChannelParams = Type.Object({ code: Code });

const AvailabilityItem = Type.Object({
  sku: Type.String(),
  published: Type.Integer({
    description: 'what the channel may sell: shared pool after buffer and cap, plus ring-fenced',
  }),
  ringFenced: Type.Integer({ description: 'units locked for this channel alone, at its warehouses' }),
  pool: Type.Integer({ description: "sellable units at the channel's warehouses, shared by every channel" }),
  product: Type.Union([Type.String(), Type.Null()], { description: 'the product the SKU is a variant of' }),
  title: Type.String({
    description: "the listing's title: the SKU's listing, else its product's, else its name",
  }),
  price: Type.Union([Type.Number(), Type.Null()], {
    description: "the listing's price: the SKU's listing, else its product's, else the SKU's price",
  }),
  listed: Type.Boolean({ description: 'whether the channel lists it (default true)' }),
});
const syncFields = {
  channel: Type.String(),
  syncToken: Type.String({
    description: 'pass as changedSince to the next sync; the same on every page of one sync',
  }),
  syncedAt: Type.String(),
};
const AvailabilityPage = Type.Object({
  ...syncFields,
  items: Type.Array(AvailabilityItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
/**
 * Exports are streamed page by page; the response schema documents what the stream carries, so
 * the typed reply (which expects that document) is told it gets one.
 */
const stream = (chunks: AsyncIterable<string>) => Readable.from(chunks) as never;

const ExportQuery = Type.Object({ changedSince: Type.Optional(SyncToken) }, strict);

/** Response headers are a map of header name to schema (OpenAPI), not one object schema. */
const SyncTokenHeader = {
  'stockroom-sync-token': Type.String({
    description: 'pass as changedSince to the next export to get only what changed after this one',
  }),
};

export const channelRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/channels/:code',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['channels'],
          summary: 'Create or update a sales channel: warehouses, buffer, cap, ring-fenced units',
          description:
            "published = min(pool - buffer, cap) + ringFenced, where pool is the sellable units at the channel's warehouses and buffer = bufferUnits + ceil(pool * bufferPercent / 100). Ring-fences are locks owned by the channel (they need sellable stock); all of it is one transaction.",
          headers: IdempotencyHeaders,
          params: ChannelParams,
          body: ChannelBody,
          response: { 200: Channel, 201: Channel },
        },
      },
      async (req, reply) => {
        const out = await putChannel(ctx, req.params.code, req.body, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/channels',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['channels'],
          summary: 'Sales channels, by code',
          querystring: Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, strict),
          response: { 200: page(Channel) },
        },
      },
      async (req) => listChannels(ctx, { cursor: req.query.cursor, limit: paged(req.query).limit }),
    );
    app.get(
      '/v1/channels/:code',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['channels'],
          summary: 'A sales channel and its ring-fenced units',
          params: ChannelParams,
          response: { 200: Channel },
        },
      },
      async (req) => getChannel(ctx, req.params.code),
    );
    app.get(
      '/v1/channels/:code/availability',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['channels'],
          summary:
            'The quantity the channel may show, per SKU (paginated; changedSince for incremental sync)',
          description:
            'Every SKU of the catalogue, in SKU order. With changedSince (the syncToken of an earlier answer), only the SKUs whose published quantity may have changed since: never fewer, sometimes a few more.',
          params: ChannelParams,
          querystring: Type.Object(
            {
              changedSince: Type.Optional(SyncToken),
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
            },
            strict,
          ),
          response: { 200: AvailabilityPage },
        },
      },
      async (req, reply) =>
        laggingRead(ctx, 'channel_feed', req, reply, (reads) =>
          channelAvailability(reads, req.params.code, {
            changedSince: req.query.changedSince,
            cursor: req.query.cursor,
            limit: paged(req.query).limit,
          }),
        ),
    );
    app.get(
      '/v1/channels/:code/availability.csv',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['channels'],
          summary: 'Marketplace feed: every SKU (or those changed since) as CSV, streamed',
          description: `Header ${CSV_HEADER}; the sync token is in the Stockroom-Sync-Token response header.`,
          params: ChannelParams,
          querystring: ExportQuery,
          response: {
            200: {
              description: `text/csv with header ${CSV_HEADER}`,
              headers: SyncTokenHeader,
              content: { 'text/csv': { schema: Type.String() } },
            },
          },
        },
      },
      async (req, reply) => {
        const exported = await laggingRead(ctx, 'channel_feed', req, reply, (reads) =>
          exportChannelAvailability(reads, req.params.code, req.query),
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('stockroom-sync-token', exported.syncToken)
          .send(stream(availabilityCsv(exported.pages)));
      },
    );
    app.get(
      '/v1/channels/:code/availability.json',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['channels'],
          summary: 'Marketplace feed: every SKU (or those changed since) as one JSON document, streamed',
          params: ChannelParams,
          querystring: ExportQuery,
          response: {
            200: {
              description:
                '{channel, syncToken, syncedAt, items: [{sku, published, ringFenced, pool, product, title, price, listed}]}',
              headers: SyncTokenHeader,
              content: {
                'application/json': {
                  schema: Type.Object({ ...syncFields, items: Type.Array(AvailabilityItem) }),
                },
              },
            },
          },
        },
      },
      async (req, reply) => {
        const exported = await laggingRead(ctx, 'channel_feed', req, reply, (reads) =>
          exportChannelAvailability(reads, req.params.code, req.query),
        );
        return reply
          .type('application/json; charset=utf-8')
          .header('stockroom-sync-token', exported.syncToken)
          .send(stream(availabilityJson(exported)));
      },
    );
  };
