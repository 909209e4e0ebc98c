import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { countZone, deleteZone, listZones, moveBetweenZones, putZone } from '../../app/zones.ts';
import { ZONE_KINDS } from '../../domain/zones.ts';
import { ADMIN, OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import {
  Code,
  IdempotencyHeaders,
  MAX_QTY,
  Position,
  Qty,
  Reason,
  Text,
  page,
  PositionParams,
  CodeParams,
} from '../schemas.ts';
import { commandOptions } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const ZoneKind = Type.Union(ZONE_KINDS.map((k) => Type.Literal(k)));

const Zone = Type.Object({
  warehouse: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String({ description: ZONE_KINDS.join(' | ') }),
  sellable: Type.Boolean(),
});

/** A position's units in one zone; the implicit default zone has kind `default`. */
export const ZonesOfPosition = Type.Optional(
  Type.Array(
    Type.Object({
      zone: Type.String(),
      name: Type.String(),
      kind: Type.String({ description: `${ZONE_KINDS.join(' | ')} | default` }),
      sellable: Type.Boolean(),
      units: Type.Integer(),
    }),
  ),
);

const ZoneBody = Type.Object({ name: Text(200), kind: ZoneKind }, strict);
export const ZoneMoveBody = Type.Object({ from: Code, to: Code, qty: Qty, reason: Reason }, strict);
export const ZoneCountBody = Type.Object(
  { zone: Code, counted: Type.Integer({ minimum: 0, maximum: MAX_QTY }), reason: Reason },
  strict,
);
const ZoneParams = Type.Object({ code: Code, zone: Code });

export const zoneRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/warehouses/:code/zones/:zone',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['zones'],
          summary: 'Create or update a zone of a warehouse (its kind only while it is empty)',
          params: ZoneParams,
          body: ZoneBody,
          response: { 200: Zone, 201: Zone },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await putZone(ctx, req.params.code, req.params.zone, req.body)),
    );
    app.get(
      '/v1/warehouses/:code/zones',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['zones'],
          summary: 'The named zones of a warehouse (the default zone is implicit)',
          params: CodeParams,
          response: { 200: page(Zone) },
        },
      },
      async (req) => listZones(ctx, req.params.code, req.actor),
    );
    app.delete(
      '/v1/warehouses/:code/zones/:zone',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['zones'],
          summary: 'Delete an empty zone',
          params: ZoneParams,
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        await deleteZone(ctx, req.params.code, req.params.zone);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/v1/stock/:sku/:warehouse/zone-moves',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['zones'],
          summary: 'Move units of a position between zones (a zone_move movement with actor and reason)',
          headers: IdempotencyHeaders,
          params: PositionParams,
          body: ZoneMoveBody,
          response: {
            201: Type.Object({
              zoneMoveId: Type.String(),
              sku: Type.String(),
              warehouse: Type.String(),
              ...ZoneMoveBody.properties,
              at: Type.String(),
              position: Type.Composite([Position, Type.Object({ zones: ZonesOfPosition })]),
            }),
          },
        },
      },
      async (req, reply) =>
        sendOutcome(
          reply,
          await moveBetweenZones(
            ctx,
            { sku: req.params.sku, warehouse: req.params.warehouse, ...req.body },
            commandOptions(req),
          ),
        ),
    );
    app.post(
      '/v1/stock/:sku/:warehouse/zone-counts',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['zones'],
          summary: 'Count one zone of a position: the variance is booked as a count movement',
          headers: IdempotencyHeaders,
          params: PositionParams,
          body: ZoneCountBody,
          response: {
            201: Type.Object({
              zoneCountId: Type.String(),
              sku: Type.String(),
              warehouse: Type.String(),
              ...ZoneCountBody.properties,
              expected: Type.Integer(),
              variance: Type.Integer(),
              at: Type.String(),
              position: Type.Composite([Position, Type.Object({ zones: ZonesOfPosition })]),
            }),
          },
        },
      },
      async (req, reply) =>
        sendOutcome(
          reply,
          await countZone(
            ctx,
            { sku: req.params.sku, warehouse: req.params.warehouse, ...req.body },
            commandOptions(req),
          ),
        ),
    );
  };
