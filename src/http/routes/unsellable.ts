import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { listOversold } from '../../app/oversold.ts';
import {
  DAMAGE_REASONS,
  damagedCsv,
  inspectStock,
  listDamaged,
  markDamaged,
  repairDamaged,
  writeOffDamaged,
} from '../../app/unsellable.ts';
import { OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import {
  Code,
  Cursor,
  IdempotencyHeaders,
  Limit,
  MAX_QTY,
  Note,
  Position,
  Qty,
  Reason,
  SkuPosition,
  page,
} from '../schemas.ts';
import { commandOptions, paged, withDefaults } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const DamageReason = Type.Union(DAMAGE_REASONS.map((r) => Type.Literal(r)));
const Inspected = Type.Integer({ minimum: 0, maximum: MAX_QTY });
const Suffix = Type.String({ pattern: '^[A-Za-z0-9\\-_]{1,8}$', default: 'U' });

export const DamageBody = Type.Object(
  { warehouse: Code, sku: Code, qty: Qty, reason: DamageReason, note: Type.Optional(Note) },
  strict,
);
export const RepairBody = Type.Object(
  { warehouse: Code, sku: Code, qty: Qty, note: Type.Optional(Note) },
  strict,
);
export const WriteOffBody = Type.Object({ warehouse: Code, sku: Code, qty: Qty, reason: Reason }, strict);
export const InspectionBody = Type.Object(
  {
    warehouse: Code,
    lines: Type.Array(Type.Object({ sku: Code, passed: Inspected, failed: Inspected }, strict), {
      minItems: 1,
      maxItems: 1000,
    }),
  },
  strict,
);

export const DamagedQuery = Type.Object(
  {
    warehouse: Type.Optional(Code),
    suffix: Type.Optional(Suffix),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  strict,
);
export const OversoldQuery = Type.Object(
  {
    sku: Type.Optional(Code),
    warehouse: Type.Optional(Code),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  strict,
);

const Stamp = { at: Type.String(), position: Position };

const DamagedUnit = Type.Object({
  sku: Type.String({ description: 'the SKU code with the suffix, e.g. 351038U' }),
  baseSku: Type.String(),
  warehouse: Type.String(),
  damaged: Type.Integer(),
});

const Oversold = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  sku: Type.String(),
  warehouse: Type.String(),
  movementId: Type.Integer(),
  movementType: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  sellableAfter: Type.Integer(),
  ordersAtRisk: Type.Array(Type.String()),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
});

export const unsellableRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/damage',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['unsellable'],
          summary: 'Mark units damaged (booked even if sellable goes negative; then an oversold record)',
          headers: IdempotencyHeaders,
          body: DamageBody,
          response: {
            201: Type.Object({ damageId: Type.String(), ...DamageBody.properties, ...Stamp }),
          },
        },
      },
      async (req, reply) => sendOutcome(reply, await markDamaged(ctx, req.body, commandOptions(req))),
    );
    app.post(
      '/v1/repairs',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['unsellable'],
          summary: 'Repair damaged units back to sellable',
          headers: IdempotencyHeaders,
          body: RepairBody,
          response: { 201: Type.Object({ repairId: Type.String(), ...RepairBody.properties, ...Stamp }) },
        },
      },
      async (req, reply) => sendOutcome(reply, await repairDamaged(ctx, req.body, commandOptions(req))),
    );
    app.post(
      '/v1/write-offs',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['unsellable'],
          summary: 'Write off damaged units: damaged and onHand both go down',
          headers: IdempotencyHeaders,
          body: WriteOffBody,
          response: { 201: Type.Object({ writeOffId: Type.String(), ...WriteOffBody.properties, ...Stamp }) },
        },
      },
      async (req, reply) => sendOutcome(reply, await writeOffDamaged(ctx, req.body, commandOptions(req))),
    );
    app.post(
      '/v1/inspections',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['unsellable'],
          summary: 'Inspect qcPending units: passed become sellable, failed damaged; all lines or none',
          headers: IdempotencyHeaders,
          body: InspectionBody,
          response: {
            201: Type.Object({
              inspectionId: Type.String(),
              ...InspectionBody.properties,
              at: Type.String(),
              positions: Type.Array(SkuPosition),
            }),
          },
        },
      },
      async (req, reply) => sendOutcome(reply, await inspectStock(ctx, req.body, commandOptions(req))),
    );
    // A static path: Fastify's router prefers it to GET /v1/stock/:sku.
    app.get(
      '/v1/stock/damaged',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['unsellable'],
          summary: 'Damaged units under a suffixed SKU code, as JSON (paginated) or CSV (all)',
          querystring: DamagedQuery,
          response: {
            200: {
              description: 'JSON page, or text/csv with header sku,base_sku,warehouse,damaged',
              content: {
                'application/json': { schema: page(DamagedUnit) },
                'text/csv': { schema: Type.String() },
              },
            },
          },
        },
      },
      async (req, reply) => {
        const filter = { warehouse: req.query.warehouse, suffix: withDefaults(req.query, 'suffix').suffix };
        if (req.query.format === 'csv') {
          return reply.type('text/csv; charset=utf-8').send(await damagedCsv(ctx, filter));
        }
        return reply
          .type('application/json; charset=utf-8')
          .send(
            await listDamaged(ctx, { ...filter, cursor: req.query.cursor, limit: paged(req.query).limit }),
          );
      },
    );
    app.get(
      '/v1/oversold',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['unsellable'],
          summary: 'Oversold records (a physical fact left sellable negative), newest first',
          querystring: OversoldQuery,
          response: { 200: page(Oversold) },
        },
      },
      async (req) => listOversold(ctx, paged(req.query)),
    );
  };
