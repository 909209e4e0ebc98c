import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  getRegion,
  getRoutingPolicy,
  getWarehouseRegions,
  listRegions,
  putRegion,
  putRoutingPolicy,
  putWarehouseRegions,
} from '../../app/regions.ts';
import { ADMIN, EVERYONE, OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, RoutingStrategy, Text, page } from '../schemas.ts';

const strict = { additionalProperties: false } as const;
const Country = Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 country code' });
const PostalPrefix = Type.String({ pattern: '^[0-9A-Za-z -]{1,10}$' });

const RegionBody = Type.Object(
  {
    name: Text(200),
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    countries: Type.Optional(Type.Array(Country, { maxItems: 300 })),
    postalPrefixes: Type.Optional(Type.Array(PostalPrefix, { maxItems: 10_000 })),
  },
  {
    ...strict,
    description:
      'a region needs coordinates (lat and lon) or coverage (countries and/or postal-code prefixes)',
  },
);

const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  countries: Type.Array(Type.String()),
  postalPrefixes: Type.Array(Type.String()),
});

const ServiceLine = Type.Object(
  { region: Code, deliveryDays: Type.Integer({ minimum: 0, maximum: 365 }) },
  strict,
);
const WarehouseService = Type.Object({
  warehouse: Type.String(),
  regions: Type.Array(Type.Object({ region: Type.String(), deliveryDays: Type.Integer() })),
});

const RoutingPolicy = Type.Object(
  { strategy: RoutingStrategy, allowSplit: Type.Boolean() },
  { ...strict, description: 'how orders whose lines name no warehouse are routed' },
);

export const regionRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/regions/:code',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['regions'],
          summary: 'Create or update a region (coordinates and/or countries and postal prefixes it covers)',
          params: Type.Object({ code: Code }),
          body: RegionBody,
          response: { 200: Region, 201: Region },
        },
      },
      async (req, reply) => sendOutcome(reply, await putRegion(ctx, req.params.code, req.body)),
    );
    app.get(
      '/v1/regions/:code',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['regions'],
          summary: 'Read a region',
          params: Type.Object({ code: Code }),
          response: { 200: Region },
        },
      },
      async (req) => getRegion(ctx, req.params.code),
    );
    app.get(
      '/v1/regions',
      {
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: { tags: ['regions'], summary: 'List regions', response: { 200: page(Region) } },
      },
      async () => listRegions(ctx),
    );
    app.put(
      '/v1/warehouses/:code/regions',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['regions'],
          summary:
            'Set the regions a warehouse serves and in how many days (replaces the list; empty: every region, by distance)',
          params: Type.Object({ code: Code }),
          body: Type.Object({ regions: Type.Array(ServiceLine, { maxItems: 1000 }) }, strict),
          response: { 200: WarehouseService },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await putWarehouseRegions(ctx, req.params.code, req.body.regions)),
    );
    app.get(
      '/v1/warehouses/:code/regions',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['regions'],
          summary: 'The regions a warehouse serves explicitly, with delivery days',
          params: Type.Object({ code: Code }),
          response: { 200: WarehouseService },
        },
      },
      async (req) => getWarehouseRegions(ctx, req.params.code),
    );
    app.get(
      '/v1/settings/routing',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['regions'],
          summary: 'The routing policy for orders',
          response: { 200: RoutingPolicy },
        },
      },
      async () => getRoutingPolicy(ctx.db),
    );
    app.put(
      '/v1/settings/routing',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['regions'],
          summary: 'Set the routing policy: strategy and whether orders may be split across warehouses',
          body: RoutingPolicy,
          response: { 200: RoutingPolicy },
        },
      },
      async (req, reply) => sendOutcome(reply, await putRoutingPolicy(ctx, req.body)),
    );
  };
