import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { availability } from '../../app/availability.ts';
import type { AppContext } from '../../app/context.ts';
import { EVERYONE } from '../auth.ts';
import { Availability, Code } from '../schemas.ts';

export const storefrontRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/availability/:sku',
      {
        config: { roles: EVERYONE },
        schema: {
          tags: ['storefront'],
          summary: 'Sellable units of a SKU for a region, and where they ship from',
          params: Type.Object({ sku: Code }),
          querystring: Type.Object({ region: Type.Optional(Code) }, { additionalProperties: false }),
          response: { 200: Availability },
        },
      },
      async (req) => (await availability(ctx, [req.params.sku], req.query.region))[0]!,
    );
    app.post(
      '/v1/availability',
      {
        config: { roles: EVERYONE },
        schema: {
          tags: ['storefront'],
          summary: 'Availability of up to 1,000 SKUs at once',
          body: Type.Object(
            { skus: Type.Array(Code, { minItems: 1, maxItems: 1000 }), region: Type.Optional(Code) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(Availability) }) },
        },
      },
      async (req) => ({ items: await availability(ctx, req.body.skus, req.body.region) }),
    );
  };
