import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CATALOG_COLUMNS,
  exportCatalogCsv,
  failCsv,
  importCatalog,
  parseCatalogCsv,
} from '../../app/catalog-csv.ts';
import { deleteCategory, getCategory, listCategories, putCategory } from '../../app/categories.ts';
import type { AppContext } from '../../app/context.ts';
import { putListing } from '../../app/listings.ts';
import { deleteProduct, getProduct, listProducts, productStock, putProduct } from '../../app/products.ts';
import { fail } from '../../domain/errors.ts';
import { ADMIN, EVERYONE, OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import {
  Category,
  CategoryBody,
  Code,
  Cursor,
  Limit,
  Listing,
  ListingBody,
  page,
  Product,
  ProductBody,
  ProductStock,
  ProductView,
  CodeParams,
} from '../schemas.ts';
import { acceptCsvBodies } from '../csv-body.ts';
import { paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
/** A catalogue of 100,000 SKUs with long names fits. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const ImportSummary = Type.Object({
  rows: Type.Integer(),
  skusCreated: Type.Integer(),
  skusUpdated: Type.Integer(),
  productsCreated: Type.Integer(),
});

export const productRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    acceptCsvBodies(app, IMPORT_BODY_LIMIT);

    // products
    app.put(
      '/v1/products/:code',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['products'],
          summary: 'Create or update a product (SKUs join it with PUT/PATCH /v1/skus: product, options)',
          params: CodeParams,
          body: ProductBody,
          response: { 200: ProductView, 201: ProductView },
        },
      },
      async (req, reply) => sendOutcome(reply, await putProduct(ctx, req.params.code, req.body, req.actor)),
    );
    app.get(
      '/v1/products/:code',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['products'],
          summary: 'A product with its SKUs (no costs for storefront keys)',
          params: CodeParams,
          response: { 200: ProductView },
        },
      },
      async (req) => getProduct(ctx, req.params.code, req.actor),
    );
    app.get(
      '/v1/products',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['products'],
          summary: 'Products by code, with sellable units rolled up from their SKUs',
          querystring: Type.Object(
            {
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
              category: Type.Optional(Code),
              search: Type.Optional(Type.String({ maxLength: 200 })),
            },
            strict,
          ),
          response: { 200: page(Product) },
        },
      },
      async (req) =>
        listProducts(
          ctx,
          {
            cursor: req.query.cursor,
            limit: paged(req.query).limit,
            category: req.query.category,
            search: req.query.search,
          },
          req.actor,
        ),
    );
    app.get(
      '/v1/products/:code/stock',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['products'],
          summary: "A product's stock rolled up from its SKUs: total, by warehouse, by region, by SKU",
          params: CodeParams,
          querystring: Type.Object({ warehouse: Type.Optional(Code) }, strict),
          response: { 200: ProductStock },
        },
      },
      async (req) => productStock(ctx, req.params.code, req.actor, req.query.warehouse),
    );
    app.delete(
      '/v1/products/:code',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['products'],
          summary: 'Delete a product that groups no SKUs (409 product_has_skus otherwise)',
          params: CodeParams,
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        await deleteProduct(ctx, req.params.code);
        return reply.status(204).send(null);
      },
    );

    // categories
    app.put(
      '/v1/categories/:code',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['products'],
          summary: 'Create a category or rename or move it (409 category_cycle, category_too_deep)',
          params: CodeParams,
          body: CategoryBody,
          response: { 200: Category, 201: Category },
        },
      },
      async (req, reply) => sendOutcome(reply, await putCategory(ctx, req.params.code, req.body)),
    );
    app.get(
      '/v1/categories',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['products'],
          summary: 'The category tree, depth first',
          response: { 200: page(Category) },
        },
      },
      async () => listCategories(ctx),
    );
    app.get(
      '/v1/categories/:code',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['products'],
          summary: 'A category',
          params: CodeParams,
          response: { 200: Category },
        },
      },
      async (req) => getCategory(ctx, req.params.code),
    );
    app.delete(
      '/v1/categories/:code',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['products'],
          summary: 'Delete a category without subcategories (409 category_has_children otherwise)',
          params: CodeParams,
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        await deleteCategory(ctx, req.params.code);
        return reply.status(204).send(null);
      },
    );

    // channel listings
    app.put(
      '/v1/channels/:code/listings/skus/:sku',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['channels'],
          summary: "A SKU's own title, price and listed flag on a channel (a field left out falls back)",
          params: Type.Object({ code: Code, sku: Code }),
          body: ListingBody,
          response: { 200: Listing, 201: Listing },
        },
      },
      async (req, reply) =>
        sendOutcome(
          reply,
          await putListing(ctx, req.params.code, { kind: 'sku', code: req.params.sku }, req.body),
        ),
    );
    app.put(
      '/v1/channels/:code/listings/products/:product',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['channels'],
          summary:
            "A product's title, price and listed flag on a channel, for every SKU of it without its own",
          params: Type.Object({ code: Code, product: Code }),
          body: ListingBody,
          response: { 200: Listing, 201: Listing },
        },
      },
      async (req, reply) =>
        sendOutcome(
          reply,
          await putListing(ctx, req.params.code, { kind: 'product', code: req.params.product }, req.body),
        ),
    );

    // catalogue CSV
    app.post(
      '/v1/catalog/import',
      {
        config: { roles: ADMIN },
        bodyLimit: IMPORT_BODY_LIMIT,
        preValidation: async (req) => {
          if (typeof req.body !== 'string') fail('unsupported_media_type', 'send the catalogue as text/csv');
        },
        schema: {
          tags: ['products'],
          consumes: ['text/csv'],
          summary:
            'Import the catalogue (CSV); all or nothing, every bad row listed by line; safe to run again',
          body: Type.String({
            description: `CSV with a header row: ${CATALOG_COLUMNS.join(',')} (sku, name required)`,
          }),
          response: { 200: ImportSummary },
        },
      },
      async (req) => {
        const { plan, problems } = parseCatalogCsv(req.body);
        if (problems.length > 0) failCsv(problems);
        return importCatalog(ctx, plan);
      },
    );
    app.get(
      '/v1/catalog/export.csv',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['products'],
          summary: 'The catalogue as CSV (the import format), streamed; costs included, so staff only',
          querystring: Type.Object({ category: Type.Optional(Code) }, strict),
          response: {
            200: {
              description: `text/csv with header ${CATALOG_COLUMNS.join(',')}`,
              content: { 'text/csv': { schema: Type.String() } },
            },
          },
        },
      },
      async (req, reply) => {
        const chunks = exportCatalogCsv(ctx, { category: req.query.category });
        // The first chunk is read before the response starts: an unknown category is a 404, not a cut stream.
        const first = await chunks.next();
        async function* all() {
          if (!first.done) yield first.value;
          yield* chunks;
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="catalog.csv"')
          .send(Readable.from(all()) as never);
      },
    );
  };
