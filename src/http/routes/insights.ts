import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  REPORTS,
  runReport,
  toCsv,
  type InsightsQuery,
  type ReportBodies,
  type ReportName,
} from '../../app/insights/index.ts';
import { ABC_BASES } from '../../app/insights/classes.ts';
import { SALES_DIMENSIONS } from '../../app/insights/sales.ts';
import { ABC_CLASSES, BUCKETS, XYZ_CLASSES } from '../../domain/insights.ts';
import { OPERATORS } from '../auth.ts';
import { withDefaults } from '../requests.ts';
import { Code, literals, Nullable } from '../schemas.ts';

const strict = { additionalProperties: false } as const;
const Day = Type.String({ format: 'date', description: 'a UTC calendar day, YYYY-MM-DD' });

const SUMMARIES: Record<ReportName, string> = {
  stock: 'On hand, sellable and stock value (units x unit cost then) at the end of each bucket',
  sales: 'Units, revenue, COGS and margin per bucket, and per SKU, channel or warehouse',
  summary: 'Turnover, days of inventory, sell-through and GMROI over the period',
  ageing: 'Units and value on hand by days since receipt (FIFO layers from the ledger), as of now',
  'dead-stock': 'SKUs on hand with no sale in the last `days` days, and the value tied up',
  classes: 'ABC (by revenue or margin) and XYZ (by demand variability) class of each SKU',
  stockouts: 'Days out of stock and estimated lost sales per SKU, and SKU-days out per bucket',
  'forecast-accuracy': 'One-day-ahead forecast against units ordered, per bucket and per SKU',
};

const Money = Type.Number({ description: "in the shop's currency, rounded to its minor unit" });
const Units = Type.Number();
const Currency = Type.String({ description: "the shop's currency (ISO 4217)" });
/** The first day of a bucket. */
const BucketStart = Type.String({ format: 'date', description: 'the first day of the bucket' });
const Period = { from: Day, to: Day, bucket: literals(BUCKETS) };
const SalesFigures = { units: Units, revenue: Money, cogs: Money, margin: Money };
const Accuracy = {
  forecast: Units,
  actual: Units,
  wape: Nullable(
    Type.Number({ description: 'sum |forecast - actual| / sum actual; null when nothing was ordered' }),
  ),
  bias: Nullable(
    Type.Number({ description: 'sum (forecast - actual) / sum actual: over-forecast when positive' }),
  ),
};
const Ratio = (description: string) => Nullable(Type.Number({ description }));

/** Each report's JSON answer. */
const BODIES = {
  stock: Type.Object({
    ...Period,
    currency: Currency,
    points: Type.Array(
      Type.Object({
        t: BucketStart,
        onHand: Type.Number({ description: 'units on hand at the end of the bucket' }),
        sellable: Type.Number({
          description: 'sellable at the end of the bucket (oversold positions count negative)',
        }),
        value: Money,
      }),
    ),
  }),
  sales: Type.Object({
    ...Period,
    currency: Currency,
    by: literals(SALES_DIMENSIONS),
    totals: Type.Object(SalesFigures),
    points: Type.Array(Type.Object({ t: BucketStart, ...SalesFigures })),
    rows: Type.Array(
      Type.Object({ key: Type.String({ description: 'the SKU, channel or warehouse' }), ...SalesFigures }),
    ),
  }),
  summary: Type.Object({
    ...Period,
    currency: Currency,
    days: Type.Number(),
    ...SalesFigures,
    averageInventoryValue: Money,
    closingUnits: Units,
    closingValue: Money,
    turnover: Ratio('COGS / average inventory value'),
    daysOfInventory: Ratio('days the average inventory lasts at the period rate of COGS'),
    sellThrough: Ratio('units sold / (units sold + units on hand at the end)'),
    gmroi: Ratio('gross margin / average inventory value at cost'),
  }),
  ageing: Type.Object({
    currency: Currency,
    at: Type.String({ format: 'date-time' }),
    bands: Type.Array(Type.Object({ band: Type.String(), units: Units, value: Money })),
    rows: Type.Array(
      Type.Object({
        sku: Type.String(),
        name: Type.String(),
        units: Units,
        value: Money,
        bands: Type.Array(Units, { description: 'units per age band, in the order of `bands`' }),
        oldestDays: Type.Number(),
      }),
    ),
  }),
  'dead-stock': Type.Object({
    currency: Currency,
    days: Type.Number(),
    units: Units,
    value: Money,
    skus: Type.Number(),
    rows: Type.Array(
      Type.Object({
        sku: Type.String(),
        name: Type.String(),
        units: Units,
        value: Money,
        lastSoldAt: Nullable(Type.String()),
      }),
    ),
  }),
  classes: Type.Object({
    ...Period,
    currency: Currency,
    basis: literals(ABC_BASES),
    counts: Type.Record(Type.String(), Type.Number(), { description: 'SKUs per class, e.g. "AX"' }),
    rows: Type.Array(
      Type.Object({
        sku: Type.String(),
        name: Type.String(),
        units: Units,
        revenue: Money,
        margin: Money,
        cv: Nullable(Type.Number({ description: 'coefficient of variation of units per bucket' })),
        abc: literals(ABC_CLASSES),
        xyz: literals(XYZ_CLASSES),
      }),
    ),
  }),
  stockouts: Type.Object({
    ...Period,
    currency: Currency,
    skusOut: Type.Number(),
    skuDaysOut: Type.Number(),
    lostRevenue: Money,
    points: Type.Array(Type.Object({ t: BucketStart, skuDaysOut: Type.Number() })),
    rows: Type.Array(
      Type.Object({
        sku: Type.String(),
        name: Type.String(),
        daysOut: Type.Number(),
        forecastDaily: Nullable(
          Type.Number({ description: 'mean forecast units per day; null without a forecast' }),
        ),
        lostUnits: Nullable(Units),
        lostRevenue: Nullable(Money),
      }),
    ),
  }),
  'forecast-accuracy': Type.Object({
    ...Period,
    totals: Type.Object(Accuracy),
    points: Type.Array(Type.Object({ t: BucketStart, ...Accuracy })),
    rows: Type.Array(Type.Object({ sku: Type.String(), ...Accuracy })),
  }),
} satisfies Record<ReportName, TSchema>;

/** Both ways assignable: neither has a field or a type the other lacks. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * Compile-time: each schema is what its report answers. A field the schema lacked would be
 * dropped from the answer by the serializer, and missing from the document and the client.
 */
const _bodiesMatch: { [N in ReportName]: Same<ReportBodies[N], Static<(typeof BODIES)[N]>> } = {
  stock: true,
  sales: true,
  summary: true,
  ageing: true,
  'dead-stock': true,
  classes: true,
  stockouts: true,
  'forecast-accuracy': true,
};

/** A report's query; every report takes the same one (the filters a report has no use for are ignored). */
export const ReportQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    bucket: Type.Optional(literals(BUCKETS, { default: 'day' })),
    warehouse: Type.Optional(Code),
    channel: Type.Optional(Code),
    supplier: Type.Optional(Code),
    category: Type.Optional(Code),
    product: Type.Optional(Code),
    by: Type.Optional(literals(SALES_DIMENSIONS, { default: 'sku' })),
    basis: Type.Optional(literals(ABC_BASES, { default: 'revenue' })),
    abc: Type.Optional(literals(ABC_CLASSES)),
    xyz: Type.Optional(literals(XYZ_CLASSES)),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660, default: 90 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    format: Type.Optional(literals(['json', 'csv'] as const)),
  },
  strict,
);

/** The use case's query from a checked one, whose defaults validation filled in; without the format. */
export function reportQuery({ format: _format, ...query }: Static<typeof ReportQuery>): InsightsQuery {
  return withDefaults(query, 'bucket', 'by', 'basis', 'days', 'limit');
}

/** The CSV export takes every row; JSON lists the first `limit`. */
const CSV_ROWS = 1_000_000;

export const insightsRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    for (const name of REPORTS) {
      app.get(
        `/v1/insights/${name}`,
        {
          config: { roles: OPERATORS, warehouseScoped: true },
          schema: {
            tags: ['insights'],
            summary: SUMMARIES[name],
            querystring: ReportQuery,
            response: {
              200: {
                description: 'the report as JSON, or with format=csv its table as text/csv',
                content: {
                  'application/json': { schema: BODIES[name] },
                  'text/csv': { schema: Type.String() },
                },
              },
            },
          },
        },
        async (req, reply) => {
          const query = reportQuery(req.query);
          const csv = req.query.format === 'csv';
          const result = await runReport(ctx, name, csv ? { ...query, limit: CSV_ROWS } : query, req.actor);
          if (!csv) return result.body;
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(toCsv(result.table));
        },
      );
    }
  };
