import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  cancelCount,
  closeCount,
  getCount,
  listCounts,
  openCount,
  postCount,
  recordEntries,
} from '../../app/counts.ts';
import { COUNT_STATUSES, MAX_COUNT_LINES } from '../../domain/counts.ts';
import { OPERATORS } from '../auth.ts';
import { requireRecordReadable } from '../../app/access.ts';
import { sendOutcome } from '../reply.ts';
import {
  Code,
  Cursor,
  IdempotencyHeaders,
  Limit,
  MAX_QTY,
  Reason,
  SkuPosition,
  Text,
  page,
  Nullable,
  emptyBodyIsEmptyObject,
  literals,
} from '../schemas.ts';
import { commandOptions, paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const MAX_ENTRY_LINES = 1000;
const Status = literals(COUNT_STATUSES);

const Scope = Type.Union(
  [
    Type.Object({ kind: Type.Literal('all') }, strict),
    Type.Object(
      {
        kind: Type.Literal('list'),
        skus: Type.Array(Code, { minItems: 1, maxItems: MAX_ENTRY_LINES, uniqueItems: true }),
      },
      strict,
    ),
    Type.Object(
      {
        kind: Type.Literal('sample'),
        size: Type.Integer({ minimum: 1, maximum: MAX_COUNT_LINES }),
        seed: Type.Optional(Text(64)),
      },
      strict,
    ),
  ],
  {
    description:
      'all: every SKU with a position at the warehouse; list: these SKUs; sample: `size` SKUs drawn at random from the positions (the same seed over the same positions draws the same SKUs)',
  },
);

export const OpenBody = Type.Object(
  {
    warehouse: Code,
    zone: Type.Optional({
      ...Code,
      description:
        "count one zone of the warehouse (a named zone, or `default` for the units in no named zone): lines then expect the zone's units, and variances are booked in it (docs/counts.md)",
    }),
    scope: Scope,
  },
  strict,
);

export const EntriesBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          sku: Code,
          counted: Type.Integer({ minimum: 0, maximum: MAX_QTY }),
          countedAt: Type.Optional(
            Type.String({
              format: 'date-time',
              description: 'when the units were counted (a scanner syncing late); default now',
            }),
          ),
        },
        strict,
      ),
      { minItems: 1, maxItems: MAX_ENTRY_LINES },
    ),
  },
  strict,
);

export const CloseBody = Type.Object(
  {
    skipUncounted: Type.Optional(
      Type.Boolean({ description: 'close although lines are uncounted: they are left out and never posted' }),
    ),
  },
  strict,
);

export const PostBody = Type.Object(
  {
    reasons: Type.Optional(
      Type.Array(Type.Object({ sku: Code, reason: Reason }, strict), { maxItems: MAX_COUNT_LINES }),
    ),
    defaultReason: Type.Optional(Reason),
  },
  strict,
);

export const CancelBody = Type.Object({}, strict);

const CountLine = Type.Object({
  sku: Type.String(),
  counted: Nullable(Type.Integer()),
  countedAt: Nullable(Type.String()),
  countedBy: Nullable(Type.String()),
  expected: Type.Optional(
    Nullable(Type.Integer({ description: 'once closed: the books’ onHand when the line was counted' })),
  ),
  variance: Type.Optional(Nullable(Type.Integer({ description: 'once closed: counted - expected' }))),
  reason: Type.Optional(Nullable(Type.String({ description: 'once posted: the reason of its movement' }))),
});

const countFields = {
  countId: Type.String(),
  warehouse: Type.String(),
  zone: Nullable(Type.String({ description: 'the zone counted; null: whole positions' })),
  scope: Type.Object({
    kind: Type.Union([Type.Literal('all'), Type.Literal('list'), Type.Literal('sample')]),
    size: Type.Optional(Type.Integer()),
    seed: Type.Optional(Type.String()),
  }),
  status: Status,
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  postedAt: Nullable(Type.String()),
  postedBy: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  cancelledBy: Nullable(Type.String()),
  linesTotal: Type.Integer(),
  linesCounted: Type.Integer({ description: 'lines counted so far; fixed at close' }),
  linesMatched: Nullable(Type.Integer({ description: 'once closed: lines where counted = expected' })),
  linesWithVariance: Nullable(Type.Integer()),
  netVariance: Nullable(Type.Integer({ description: 'once closed: the sum of the variances, in units' })),
  accuracy: Type.Union([
    Type.Number({ description: 'once closed: linesMatched / linesCounted, to 4 decimals' }),
    Type.Null(),
  ]),
};

const Count = Type.Object(countFields);
const CountDetail = Type.Object({ ...countFields, lines: Type.Array(CountLine) });
const PostedCount = Type.Object({
  ...countFields,
  lines: Type.Array(CountLine),
  positions: Type.Array(SkuPosition, { description: 'the positions the posting changed, after it' }),
});
export const CountParams = Type.Object({ id: Code });

const TAGS = ['counts'];

export const CountQuery = Type.Object(
  {
    status: Type.Optional(Status),
    warehouse: Type.Optional(Code),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  strict,
);

export const countRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/counts',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: 'Open a cycle count at a warehouse: the lines to count (SKUs only, blind)',
          headers: IdempotencyHeaders,
          body: OpenBody,
          response: { 201: CountDetail },
        },
      },
      async (req, reply) => sendOutcome(reply, await openCount(ctx, req.body, commandOptions(req))),
    );
    app.get(
      '/v1/counts',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: TAGS,
          summary: 'Counts, oldest first, with their figures',
          querystring: CountQuery,
          response: { 200: page(Count) },
        },
      },
      async (req) => listCounts(ctx, paged(req.query)),
    );
    app.get(
      '/v1/counts/:id',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: 'A count and its lines; expected quantities and variances only once closed',
          params: CountParams,
          response: { 200: CountDetail },
        },
      },
      async (req) => {
        const count = await getCount(ctx, req.params.id);
        requireRecordReadable(req.actor, [count.warehouse]);
        return count;
      },
    );
    app.post(
      '/v1/counts/:id/entries',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: 'Record or overwrite counted quantities while the count is open',
          description:
            'Each line is compared with the books’ onHand at countedAt (default now); the answer stays blind.',
          headers: IdempotencyHeaders,
          params: CountParams,
          body: EntriesBody,
          response: { 200: CountDetail },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await recordEntries(ctx, req.params.id, req.body, commandOptions(req))),
    );
    app.post(
      '/v1/counts/:id/close',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags: TAGS,
          summary: 'Close a count for review: fixes variances and accuracy',
          description: 'Refused with count_incomplete while lines are uncounted, unless skipUncounted.',
          headers: IdempotencyHeaders,
          params: CountParams,
          body: CloseBody,
          response: { 200: CountDetail },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await closeCount(ctx, req.params.id, req.body, commandOptions(req))),
    );
    app.post(
      '/v1/counts/:id/post',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags: TAGS,
          summary: 'Post a closed count: every variance becomes a count movement with a reason',
          description:
            'Booked even if sellable goes negative (then an oversold record names the orders at risk); all lines or none.',
          headers: IdempotencyHeaders,
          params: CountParams,
          body: PostBody,
          response: { 200: PostedCount },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await postCount(ctx, req.params.id, req.body, commandOptions(req))),
    );
    app.post(
      '/v1/counts/:id/cancel',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags: TAGS,
          summary: 'Cancel an open or closed count; nothing is posted',
          headers: IdempotencyHeaders,
          params: CountParams,
          body: CancelBody,
          response: { 200: CountDetail },
        },
      },
      async (req, reply) => sendOutcome(reply, await cancelCount(ctx, req.params.id, commandOptions(req))),
    );
  };
