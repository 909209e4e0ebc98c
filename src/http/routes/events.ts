import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { EVENT_TYPES, listEvents, MAX_EVENTS_PAGE } from '../../app/events.ts';
import { requireRetainedAfter } from '../../app/retention.ts';
import { OPERATORS } from '../auth.ts';

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

/** How often an open stream looks for new events, and sends a comment to keep proxies from timing out. */
const POLL_MS = 250;
const HEARTBEAT_MS = 15_000;

export const eventRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Open streams end when the server closes (a hijacked response would hold `close` open).
    const streams = new Set<() => void>();
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
        await requireRetainedAfter(ctx.db, req.query.after ?? 0);
        return listEvents(ctx.db, {
          after: req.query.after ?? 0,
          limit: req.query.limit ?? 100,
          types: parseTypes(req.query.types),
        });
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
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        out.write(`retry: 1000\n\n`);
        let open = true;
        let lastWrite = Date.now();
        const end = () => {
          open = false;
        };
        streams.add(end);
        req.raw.on('close', end);
        while (open) {
          try {
            const page = await listEvents(ctx.db, { after, limit: MAX_EVENTS_PAGE, types });
            for (const e of page.items) {
              out.write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
            }
            after = page.lastSeq;
            if (page.items.length > 0) lastWrite = Date.now();
            if (page.items.length === MAX_EVENTS_PAGE) continue;
          } catch (err) {
            // The database is away: keep the stream, the client resumes from its last id anyway.
            req.log.warn({ err }, 'event stream read failed; retrying');
          }
          if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            out.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        streams.delete(end);
        out.end();
      },
    );
  };
