import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { availability, MAX_AVAILABILITY_SKUS } from '../../app/availability.ts';
import type { AppContext } from '../../app/context.ts';
import { availabilityOfOne } from '../../app/reads.ts';
import { DEFAULT_COMMITTED_DAYS, MAX_COMMITTED_DAYS } from '../../domain/standing-orders.ts';
import { EVERYONE } from '../auth.ts';
import { Availability, Code, SkuParams } from '../schemas.ts';
import { answered, laggingRead, minEventSeq } from '../read-consistency.ts';

/** Where the customer is: a region code, or an address resolved to a region by its coverage. */
const where = {
  region: Type.Optional(Code),
  committedDays: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: MAX_COMMITTED_DAYS,
      description: `days from today whose standing-order deliveries count as committed (default ${DEFAULT_COMMITTED_DAYS}; 0: none)`,
    }),
  ),
  country: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'resolved to a region' })),
  postalCode: Type.Optional(
    Type.String({ pattern: '^[0-9A-Za-z -]{1,16}$', description: 'resolved to a region (with country)' }),
  ),
};

export const storefrontRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/availability/:sku',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['storefront'],
          summary: 'Sellable units of a SKU for a region, and which warehouses deliver them in how many days',
          params: SkuParams,
          querystring: Type.Object(where, { additionalProperties: false }),
          response: { 200: Availability },
        },
      },
      async (req, reply) =>
        answered(reply, await availabilityOfOne(ctx, req.params.sku, req.query, minEventSeq(req))),
    );
    app.post(
      '/v1/availability',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['storefront'],
          summary: `Availability of up to ${MAX_AVAILABILITY_SKUS.toLocaleString('en')} SKUs at once`,
          body: Type.Object(
            { skus: Type.Array(Code, { minItems: 1, maxItems: MAX_AVAILABILITY_SKUS }), ...where },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(Availability) }) },
        },
      },
      async (req, reply) =>
        laggingRead(ctx, 'availability', req, reply, async (reads) => ({
          items: await availability(reads, req.body.skus, req.body),
        })),
    );
  };
