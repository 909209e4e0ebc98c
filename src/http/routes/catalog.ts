import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getSku, getWarehouse, listSkus, listWarehouses, putSku, putWarehouse } from '../../app/catalog.ts';
import type { AppContext } from '../../app/context.ts';
import { sendOutcome } from '../reply.ts';
import { ADMIN, EVERYONE, OPERATORS } from '../auth.ts';
import { Code, Cursor, Limit, Sku, SkuBody, Warehouse, WarehouseBody, page } from '../schemas.ts';

export const catalogRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/skus/:sku',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['catalogue'],
          summary: 'Create or update a SKU',
          params: Type.Object({ sku: Code }),
          body: SkuBody,
          response: { 200: Sku, 201: Sku },
        },
      },
      async (req, reply) => {
        const out = await putSku(ctx, req.params.sku, req.body);
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/skus/:sku',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['catalogue'],
          summary: 'Read a SKU',
          params: Type.Object({ sku: Code }),
          response: { 200: Sku },
        },
      },
      async (req) => getSku(ctx, req.params.sku),
    );
    app.get(
      '/v1/skus',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['catalogue'],
          summary: 'List SKUs',
          querystring: Type.Object(
            { cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
            { additionalProperties: false },
          ),
          response: { 200: page(Sku) },
        },
      },
      async (req) => listSkus(ctx, { cursor: req.query.cursor, limit: req.query.limit ?? 100 }),
    );
    app.put(
      '/v1/warehouses/:code',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['catalogue'],
          summary: 'Create or update a warehouse',
          params: Type.Object({ code: Code }),
          body: WarehouseBody,
          response: { 200: Warehouse, 201: Warehouse },
        },
      },
      async (req, reply) => {
        const out = await putWarehouse(ctx, req.params.code, req.body);
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/warehouses',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: { tags: ['catalogue'], summary: 'List warehouses', response: { 200: page(Warehouse) } },
      },
      async () => listWarehouses(ctx),
    );
    app.get(
      '/v1/warehouses/:code',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['catalogue'],
          summary: 'Read a warehouse',
          params: Type.Object({ code: Code }),
          response: { 200: Warehouse },
        },
      },
      async (req) => getWarehouse(ctx, req.params.code),
    );
  };
