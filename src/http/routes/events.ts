import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { EVENT_TYPES, listEvents, MAX_EVENTS_PAGE } from '../../app/events.ts';
import { requireRetainedAfter } from '../../app/retention.ts';
import { fail } from '../../domain/errors.ts';
import { OPERATORS } from '../auth.ts';
import {
  DEFAULT_STREAM_LIMITS,
  pumpEvents,
  type EventStreamOptions,
  type StreamLimits,
  type StreamStats,
} from '../event-stream.ts';
import { withDefaults } from '../requests.ts';

const Event = Type.Object({
  id: Type.String({ description: 'unique and stable: use it to de-duplicate' }),
  seq: Type.Integer({ description: 'position in the log: gap-free and increasing' }),
  stream: Type.String({ description: 'the aggregate, e.g. order:o-1, position:MUG@LON, sku:MUG' }),
  streamSeq: Type.Integer({ description: 'position within the stream' }),
  type: Type.String(),
  at: Type.String({ format: 'date-time' }),
  data: Type.Record(Type.String(), Type.Unknown()),
});

const Types = Type.String({
  pattern: `^(${EVENT_TYPES.map((t) => t.replace('.', '\\.')).join('|')})(,(${EVENT_TYPES.map((t) => t.replace('.', '\\.')).join('|')}))*$`,
  description: `comma-separated event types: ${EVENT_TYPES.join(', ')}`,
});

const parseTypes = (types: string | undefined) => (types ? types.split(',') : undefined);

export const eventRoutes =
  (ctx: AppContext, options: EventStreamOptions = {}): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Open streams end when the server closes (a hijacked response would hold `close` open).
    const streams = new Set<() => void>();
    /** Open streams per API key. */
    const openStreams = new Map<string, number>();
    const limits: StreamLimits = { ...DEFAULT_STREAM_LIMITS, ...options.limits };
    app.addHook('onClose', async () => {
      for (const end of streams) end();
    });
    app.get(
      '/v1/events',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['events'],
          summary: 'The event log after a sequence number, oldest first',
          querystring: Type.Object(
            {
              after: Type.Optional(
                Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 }),
              ),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EVENTS_PAGE, default: 100 })),
              types: Type.Optional(Types),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(Event),
              lastSeq: Type.Integer({ description: 'pass as `after` to read on' }),
            }),
          },
        },
      },
      async (req) => {
        const { after, limit, types } = withDefaults(req.query, 'after', 'limit');
        await requireRetainedAfter(ctx.db, after);
        return listEvents(ctx.db, { after, limit, types: parseTypes(types) });
      },
    );

    app.get(
      '/v1/events/stream',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['events'],
          summary:
            'Server-Sent Events: every event as it is sequenced (`id` is its seq); resumes after `Last-Event-ID` or `?after=`',
          querystring: Type.Object(
            {
              after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
              types: Type.Optional(Types),
            },
            { additionalProperties: false },
          ),
          headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })) }),
        },
      },
      async (req, reply) => {
        const resumeAt = req.headers['last-event-id'];
        let after = resumeAt !== undefined ? Number(resumeAt) : (req.query.after ?? null);
        const types = parseTypes(req.query.types);
        // A reader behind the retained log is told so (410), never silently skipped ahead.
        if (after !== null) await requireRetainedAfter(ctx.db, after);
        if (after === null) after = (await listEvents(ctx.db, { after: 0, limit: 0 })).lastSeq;
        const holder = req.actor.id;
        const open = openStreams.get(holder) ?? 0;
        if (open >= limits.maxPerKey) {
          fail(
            'too_many_streams',
            `this key already has ${open} open event streams (at most ${limits.maxPerKey})`,
            {
              open,
              max: limits.maxPerKey,
            },
          );
        }
        openStreams.set(holder, open + 1);
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        out.write(`retry: 1000\n\n`);
        let streaming = true;
        const end = () => {
          streaming = false;
        };
        streams.add(end);
        req.raw.on('close', end);
        const stats: StreamStats = {
          peakBufferedBytes: 0,
          lastSeqSent: after,
          dropped: false,
          closed: false,
        };
        options.onStream?.(stats);
        try {
          await pumpEvents({
            db: ctx.db,
            out,
            after,
            types,
            limits,
            isOpen: () => streaming,
            log: req.log,
            stats,
          });
        } finally {
          streams.delete(end);
          const left = (openStreams.get(holder) ?? 1) - 1;
          if (left > 0) openStreams.set(holder, left);
          else openStreams.delete(holder);
          if (stats.dropped)
            req.log.warn({ lastEventId: stats.lastSeqSent }, 'event stream client too slow; dropped');
        }
      },
    );
  };
