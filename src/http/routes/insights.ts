import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { REPORTS, runReport, toCsv, type ReportName } from '../../app/insights/index.ts';
import { ABC_BASES } from '../../app/insights/classes.ts';
import { SALES_DIMENSIONS } from '../../app/insights/sales.ts';
import { ABC_CLASSES, BUCKETS, XYZ_CLASSES } from '../../domain/insights.ts';
import { OPERATORS } from '../auth.ts';
import { Code } from '../schemas.ts';

const strict = { additionalProperties: false } as const;
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
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
            querystring: Type.Object(
              {
                from: Type.Optional(Day),
                to: Type.Optional(Day),
                bucket: Type.Optional(literals(BUCKETS)),
                warehouse: Type.Optional(Code),
                channel: Type.Optional(Code),
                supplier: Type.Optional(Code),
                category: Type.Optional(Code),
                product: Type.Optional(Code),
                by: Type.Optional(literals(SALES_DIMENSIONS)),
                basis: Type.Optional(literals(ABC_BASES)),
                abc: Type.Optional(literals(ABC_CLASSES)),
                xyz: Type.Optional(literals(XYZ_CLASSES)),
                days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660 })),
                limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
                format: Type.Optional(literals(['json', 'csv'] as const)),
              },
              strict,
            ),
            response: {
              200: {
                description: 'the report as JSON, or with format=csv its table as text/csv',
                content: {
                  'application/json': { schema: Type.Object({}, { additionalProperties: true }) },
                  'text/csv': { schema: Type.String() },
                },
              },
            },
          },
        },
        async (req, reply) => {
          const { format, ...query } = req.query;
          const csv = format === 'csv';
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
