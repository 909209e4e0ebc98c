import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  getSku,
  getWarehouse,
  listSkus,
  listWarehouses,
  publicSku,
  putSku,
  putWarehouse,
  type Sku as SkuView,
} from '../../app/catalog.ts';
import type { Actor } from '../../app/context.ts';
import { MAX_BULK_SKUS, patchSkus } from '../../app/sku-bulk.ts';
import type { AppContext } from '../../app/context.ts';
import { sendOutcome } from '../reply.ts';
import { ADMIN, EVERYONE, OPERATORS } from '../auth.ts';
import {
  Code,
  Cursor,
  Limit,
  Sku,
  SkuBody,
  SkuPatch,
  Warehouse,
  WarehouseBody,
  page,
  SkuParams,
} from '../schemas.ts';
import { paged } from '../requests.ts';

/** Costs are never public: a storefront key reads SKUs without them. */
const forActor = (actor: Actor, sku: SkuView): SkuView =>
  actor.role === 'storefront' ? publicSku(sku) : sku;

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
          params: SkuParams,
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
          params: SkuParams,
          response: { 200: Sku },
        },
      },
      async (req) => forActor(req.actor, await getSku(ctx, req.params.sku)),
    );
    app.get(
      '/v1/skus',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['catalogue'],
          summary: 'List SKUs',
          querystring: Type.Object(
            {
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
              category: Type.Optional(Code),
              product: Type.Optional(Code),
            },
            { additionalProperties: false },
          ),
          response: { 200: page(Sku) },
        },
      },
      async (req) => {
        const found = await listSkus(ctx, {
          cursor: req.query.cursor,
          limit: paged(req.query).limit,
          category: req.query.category,
          product: req.query.product,
        });
        return { ...found, items: found.items.map((s) => forActor(req.actor, s)) };
      },
    );
    app.patch(
      '/v1/skus',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['catalogue'],
          summary: 'Bulk edit SKUs: price, cost, name, categories, attributes, product; all or nothing',
          description:
            'Each item changes only the fields it has (null clears price, unitCost or product); attributes are merged, a key set to null is removed; categories replace the set. One unknown SKU, product or category and nothing changes.',
          body: Type.Object(
            { items: Type.Array(SkuPatch, { minItems: 1, maxItems: MAX_BULK_SKUS }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(Sku) }) },
        },
      },
      async (req) => patchSkus(ctx, req.body.items),
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
