/**
 * `POST /v1/stock/import`: the stock CSV of `stockroom import` sent over HTTP (the dashboard's
 * Import screen), with a dry run that checks and describes the file before anything is written.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { importStock } from '../../app/stock-import.ts';
import { fail } from '../../domain/errors.ts';
import { ADMIN } from '../auth.ts';
import { acceptCsvBodies } from '../csv-body.ts';
import { Code } from '../schemas.ts';

const strict = { additionalProperties: false } as const;
/** 100,000 stock rows with long names fit; a larger file is for the CLI, which streams from disk. */
const STOCK_IMPORT_BODY_LIMIT = 32 * 1024 * 1024;
const Count = Type.Integer({ minimum: 0 });

const StockImportReport = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer({ description: 'data rows read (the header not counted)' }),
  skusNew: Type.Integer({ description: 'SKUs the file adds to the catalogue' }),
  skusUpdated: Type.Integer({ description: 'SKUs already there whose name, price or cost the file sets' }),
  stock: Type.Array(
    Type.Object({
      warehouse: Type.String(),
      skus: Count,
      units: Count,
      created: Type.Boolean({ description: 'the warehouse does not exist and the import creates it' }),
    }),
  ),
  units: Type.Integer({ description: 'units the file receives, over every warehouse' }),
  applied: Type.Union(
    [
      Type.Object({
        skusCreated: Count,
        skusUpdated: Count,
        receipts: Count,
        units: Count,
        replayedReceipts: Type.Integer({
          minimum: 0,
          description: 'receipts an earlier import of the same stock lines already recorded: not added again',
        }),
        replayedUnits: Count,
      }),
      Type.Null(),
    ],
    { description: 'what was written; null on a dry run' },
  ),
});

export const stockImportRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    acceptCsvBodies(app, STOCK_IMPORT_BODY_LIMIT);
    app.post(
      '/v1/stock/import',
      {
        // Admin only: the file writes the catalogue (names, prices, unit costs) as well as stock.
        config: { roles: ADMIN },
        bodyLimit: STOCK_IMPORT_BODY_LIMIT,
        preValidation: async (req) => {
          if (typeof req.body !== 'string') fail('unsupported_media_type', 'send the stock file as text/csv');
        },
        schema: {
          tags: ['stock'],
          consumes: ['text/csv'],
          summary:
            'Import SKUs and opening stock (CSV, as `stockroom import`); dryRun checks and describes it; ' +
            'all or nothing, every bad row listed by line; a file imported before adds no stock again',
          querystring: Type.Object(
            {
              dryRun: Type.Optional(Type.Boolean({ description: 'check and describe, write nothing' })),
              // For rows with no warehouse column, or an empty one.
              warehouse: Type.Optional(Code),
              createWarehouses: Type.Optional(
                Type.Boolean({ description: 'create the warehouses the file names that do not exist' }),
              ),
              fileName: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 180,
                  description: "the receipts' reference: import:<fileName>",
                }),
              ),
            },
            strict,
          ),
          body: Type.String({
            description:
              'CSV with a header row: sku, name, price, unitCost, warehouse, qty (sku, name required)',
          }),
          response: { 200: StockImportReport },
        },
      },
      async (req) =>
        importStock(ctx, req.body, {
          dryRun: req.query.dryRun ?? false,
          defaultWarehouse: req.query.warehouse,
          createWarehouses: req.query.createWarehouses ?? false,
          reference: `import:${req.query.fileName ?? 'upload.csv'}`,
        }),
    );
  };
