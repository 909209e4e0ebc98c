import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { getShopSettings, putShopSettings } from '../../app/shop.ts';
import { ADMIN, EVERYONE } from '../auth.ts';

const ShopSettings = Type.Object(
  {
    currency: Type.String({
      pattern: '^[A-Z]{3}$',
      description: 'ISO 4217 code of every price, cost and stock value (Stockroom converts nothing)',
      examples: ['GBP'],
    }),
  },
  { additionalProperties: false },
);

export const shopRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/settings/shop',
      {
        // The currency belongs to no warehouse: a limited operator reads it too.
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['settings'],
          summary: "The shop's settings: the currency its money figures are in",
          response: { 200: ShopSettings },
        },
      },
      async () => getShopSettings(ctx.db),
    );
    app.put(
      '/v1/settings/shop',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['settings'],
          summary: "Set the shop's currency (an ISO 4217 code); figures are relabelled, not converted",
          body: ShopSettings,
          response: { 200: ShopSettings },
        },
      },
      async (req) => putShopSettings(ctx, req.body),
    );
  };
