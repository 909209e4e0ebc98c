import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { getDemandHistory, importDemandHistory, UNKNOWN_SKU_POLICIES } from '../../app/demand.ts';
import { parseDemandCsv } from '../../app/demand-csv.ts';
import { DEFAULT_HORIZON_DAYS, DEFAULT_LEVEL, forecastPosition } from '../../app/forecast.ts';
import { deleteEventDay, listEventDays, MAX_EVENT_DATES, putEventDay } from '../../app/forecast-events.ts';
import { fail } from '../../domain/errors.ts';
import { BUCKETS, DEMAND_CLASSES, MAX_HORIZON_DAYS } from '../../domain/forecast/index.ts';
import { sendOutcome } from '../reply.ts';
import { ADMIN, OPERATORS } from '../auth.ts';
import { Code, literals, SkuParams } from '../schemas.ts';
import { laggingRead } from '../read-consistency.ts';
import { withDefaults } from '../requests.ts';
import { acceptCsvBodies } from '../csv-body.ts';

const IsoDate = Type.String({ format: 'date' });
const strict = { additionalProperties: false } as const;
/** A year of daily sales for a few thousand SKUs; the CLI has no limit. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

/** The intervals at the requested level, 80% and 95%, the narrowest first. */
const Bands = Type.Array(Type.Object({ level: Type.Number(), lower: Type.Number(), upper: Type.Number() }), {
  description: 'the interval at each level: the requested one, 0.8 and 0.95',
});

const DemandDay = Type.Object({
  date: Type.String(),
  units: Type.Number(),
  returned: Type.Number(),
  outOfStock: Type.Boolean(),
  source: Type.Union([Type.Literal('import'), Type.Literal('ledger'), Type.Literal('none')]),
});

export const DemandImportQuery = Type.Object(
  {
    bucket: Type.Optional(
      literals(BUCKETS, {
        description:
          'what one row is: a day (default), a week dated by its Monday or a month dated by its first day; weeks and months are spread evenly over their days',
        default: 'day',
      }),
    ),
    unknownSkus: Type.Optional(
      literals(UNKNOWN_SKU_POLICIES, {
        description:
          'SKUs not in the catalogue: reject the file (default, 404 unknown_sku), skip their rows, or create them',
        default: 'reject',
      }),
    ),
  },
  strict,
);
export const DemandHistoryQuery = Type.Object(
  { warehouse: Type.Optional(Code), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  strict,
);
export const ForecastQuery = Type.Object(
  {
    warehouse: Type.Optional(Code),
    // Checked by the use case, which answers invalid_horizon / invalid_level.
    horizonDays: Type.Optional(
      Type.Number({
        description: `days to forecast, 1 to ${MAX_HORIZON_DAYS}`,
        default: DEFAULT_HORIZON_DAYS,
      }),
    ),
    level: Type.Optional(
      Type.Number({ description: `interval coverage in (0, 1); default ${DEFAULT_LEVEL}` }),
    ),
    bucket: Type.Optional(
      literals(BUCKETS, {
        description:
          'forecast in days (default), weeks (Monday to Sunday) or calendar months; answered per bucket in periods, spread back to days in days',
      }),
    ),
    seasonLength: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 400,
        description: 'season length in buckets (default 7 for days, 52 for weeks, 12 for months); 0 for none',
      }),
    ),
  },
  strict,
);

/** What the forecast use case is asked for a SKU and the forecast route's query (also the CLI's). */
export function forecastRequest(sku: string, query: Static<typeof ForecastQuery>) {
  return {
    sku,
    warehouse: query.warehouse ?? null,
    horizonDays: withDefaults(query, 'horizonDays').horizonDays,
    ...(query.level === undefined ? {} : { level: query.level }),
    ...(query.bucket === undefined ? {} : { bucket: query.bucket }),
    ...(query.seasonLength === undefined
      ? {}
      : { seasonLength: query.seasonLength === 0 ? null : query.seasonLength }),
  };
}

export const demandRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    acceptCsvBodies(app, IMPORT_BODY_LIMIT);

    app.post(
      '/v1/demand/import',
      {
        config: { roles: ADMIN },
        bodyLimit: IMPORT_BODY_LIMIT,
        // A JSON body would otherwise reach the schema and read as a bad request: it is the wrong type.
        preValidation: async (req) => {
          if (typeof req.body !== 'string') fail('unsupported_media_type', 'send the history as text/csv');
        },
        schema: {
          tags: ['demand'],
          consumes: ['text/csv'],
          body: Type.String({
            description: 'CSV with a header row: date,sku,units[,warehouse,outOfStock,returned]',
          }),
          summary:
            'Import daily sales history (text/csv: date,sku,units[,warehouse,outOfStock,returned]); a day imported again is replaced',
          querystring: DemandImportQuery,
          response: {
            201: Type.Object({
              importId: Type.Number(),
              source: Type.String(),
              from: Type.String(),
              to: Type.String(),
              rows: Type.Integer(),
              skus: Type.Integer(),
              skippedSkus: Type.Array(Type.String()),
              createdSkus: Type.Array(Type.String()),
            }),
          },
        },
      },
      async (req, reply) => {
        const { bucket, unknownSkus } = withDefaults(req.query, 'bucket', 'unknownSkus');
        const lines = parseDemandCsv(req.body, { bucket });
        const out = await importDemandHistory(ctx, lines, { source: 'csv', unknownSkus });
        return reply.status(201).send(out);
      },
    );

    app.get(
      '/v1/demand/:sku',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['demand'],
          summary:
            'Daily demand of a SKU (at a warehouse, or everywhere): units ordered, returned, out of stock, and where each day comes from',
          params: SkuParams,
          querystring: DemandHistoryQuery,
          response: {
            200: Type.Object({
              sku: Type.String(),
              warehouse: Type.Union([Type.String(), Type.Null()]),
              from: Type.Union([Type.String(), Type.Null()]),
              to: Type.Union([Type.String(), Type.Null()]),
              firstLedgerDay: Type.Union([Type.String(), Type.Null()]),
              days: Type.Array(DemandDay),
            }),
          },
        },
      },
      async (req) =>
        getDemandHistory(ctx, {
          sku: req.params.sku,
          warehouse: req.query.warehouse ?? null,
          from: req.query.from,
          to: req.query.to,
        }),
    );

    app.get(
      '/v1/forecast/:sku',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['demand'],
          summary:
            'Daily demand forecast from today with prediction intervals, the model chosen and its backtest',
          params: SkuParams,
          querystring: ForecastQuery,
          response: {
            200: Type.Object({
              sku: Type.String(),
              warehouse: Type.Union([Type.String(), Type.Null()]),
              horizonDays: Type.Integer(),
              level: Type.Number(),
              bucket: literals(BUCKETS),
              seasonLength: Type.Union([Type.Integer(), Type.Null()], {
                description: 'the season length used, null when the history did not support one',
              }),
              model: Type.String(),
              classification: literals(DEMAND_CLASSES, {
                description: 'demand class (Syntetos-Boylan): how regular and how even the demand is',
              }),
              backtest: Type.Object({
                wape: Type.Union([Type.Number(), Type.Null()]),
                dailyErrorSd: Type.Number(),
                origins: Type.Integer(),
              }),
              history: Type.Object({
                from: Type.Union([Type.String(), Type.Null()]),
                to: Type.Union([Type.String(), Type.Null()]),
                observedDays: Type.Integer(),
                outOfStockDays: Type.Integer(),
              }),
              eventUplifts: Type.Array(
                Type.Object({
                  name: Type.String(),
                  uplift: Type.Number({ description: 'factor on the baseline forecast; 1: nothing learned' }),
                  occurrences: Type.Integer({ description: 'past occurrences it was learned from' }),
                }),
              ),
              intervals: Type.Object(
                {
                  method: Type.Union(
                    [
                      Type.Literal('conformal'),
                      Type.Literal('normal'),
                      Type.Literal('zero-inflated'),
                      Type.Literal('none'),
                    ],
                    {
                      description:
                        "conformal: calibrated quantiles of the backtest errors; normal: from the in-sample residuals (too few backtest errors); zero-inflated: an intermittent or lumpy history's share of days without demand and its order sizes, matched to the forecast; none: no history",
                    },
                  ),
                  heldOut: Type.Array(
                    Type.Object({
                      level: Type.Number(),
                      coverage: Type.Union([Type.Number(), Type.Null()], {
                        description:
                          'share of held-out backtest outcomes inside intervals calibrated on the other origins; null when it could not be checked',
                      }),
                      days: Type.Integer({ description: 'outcomes checked' }),
                    }),
                  ),
                },
                { description: 'how the intervals were made and how often they held on held-out data' },
              ),
              reconciliation: Type.Object(
                {
                  method: Type.Union([Type.Literal('bottom-up'), Type.Literal('none')]),
                  warehouses: Type.Array(Type.Object({ warehouse: Type.String(), model: Type.String() })),
                },
                {
                  description:
                    'bottom-up: the SKU as a whole (no warehouse) is the sum of its warehouses’ forecasts, its intervals keep the widths of its own forecast; none: its own forecast',
                },
              ),
              periods: Type.Array(
                Type.Object({
                  start: Type.String(),
                  end: Type.String(),
                  forecast: Type.Number(),
                  median: Type.Number({ description: MEDIAN_DESCRIPTION }),
                  lower: Type.Number(),
                  upper: Type.Number(),
                  bands: Bands,
                }),
              ),
              days: Type.Array(
                Type.Object({
                  date: Type.String(),
                  forecast: Type.Number({ description: 'expected demand (a mean): what stock is built on' }),
                  median: Type.Number({ description: MEDIAN_DESCRIPTION }),
                  lower: Type.Number(),
                  upper: Type.Number(),
                  bands: Bands,
                  events: Type.Array(Type.String()),
                }),
              ),
            }),
          },
        },
      },
      async (req, reply) =>
        laggingRead(ctx, 'forecast', req, reply, (reads) =>
          forecastPosition(reads, forecastRequest(req.params.sku, req.query)),
        ),
    );
  };

const MEDIAN_DESCRIPTION =
  'the median of the demand: half the outcomes are at most this (often 0 for a SKU that sells on few days, where the mean is not); absolute-error measures such as MASE and WAPE judge a median';

const EventName = Code;
const EventDayBody = Type.Object(
  {
    dates: Type.Array(IsoDate, {
      minItems: 1,
      maxItems: MAX_EVENT_DATES,
      description: 'every date of the event, past and future',
    }),
  },
  strict,
);
const EventDayView = Type.Object({ name: Type.String(), dates: Type.Array(Type.String()) });

export const forecastEventRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/forecast-events',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['demand'],
          summary: 'Event days the forecasts know (Black Friday, a yearly sale, ...)',
          response: { 200: Type.Object({ items: Type.Array(EventDayView) }) },
        },
      },
      async () => ({ items: await listEventDays(ctx.db) }),
    );
    app.put(
      '/v1/forecast-events/:name',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['demand'],
          summary:
            'Create or replace an event: past dates are held out of fitting and teach its uplift, future dates get it',
          params: Type.Object({ name: EventName }),
          body: EventDayBody,
          response: { 200: EventDayView, 201: EventDayView },
        },
      },
      async (req, reply) => sendOutcome(reply, await putEventDay(ctx, req.params.name, req.body.dates)),
    );
    app.delete(
      '/v1/forecast-events/:name',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['demand'],
          summary: 'Forget an event day',
          params: Type.Object({ name: EventName }),
          response: { 204: Type.Null({ description: 'deleted' }) },
        },
      },
      async (req, reply) => {
        await deleteEventDay(ctx, req.params.name);
        return reply.status(204).send(null);
      },
    );
  };
