import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  cancelTransfer,
  getTransfer,
  listInTransit,
  listTransfers,
  planTransfer,
  receiveTransfer,
  shipTransfer,
  systemTotals,
} from '../../app/transfers.ts';
import { OPERATORS } from '../auth.ts';
import { requireRecordReadable } from '../../app/access.ts';
import { sendOutcome } from '../reply.ts';
import {
  Code,
  Cursor,
  IdempotencyHeaders,
  Limit,
  MAX_QTY,
  Note,
  page,
  Qty,
  Text,
  SkuParams,
  literals,
} from '../schemas.ts';
import { TRANSFER_STATUSES } from '../../domain/transfers.ts';
import { commandOptions, paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const MAX_LINES = 1000;
const Count = Type.Integer({ minimum: 0, maximum: MAX_QTY });

const TransferStatus = literals(TRANSFER_STATUSES);

const TransferLineBody = Type.Object({ sku: Code, qty: Qty }, strict);

export const PlanBody = Type.Object(
  {
    transferId: Type.Optional(Code),
    from: Code,
    to: Code,
    lines: Type.Array(TransferLineBody, { minItems: 1, maxItems: MAX_LINES }),
    note: Type.Optional(Note),
  },
  strict,
);

export const ShipBody = Type.Object(
  { lines: Type.Optional(Type.Array(TransferLineBody, { minItems: 1, maxItems: MAX_LINES })) },
  strict,
);

export const ReceiveBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          sku: Code,
          received: Count,
          damaged: Type.Optional(Count),
          lost: Type.Optional(Count),
          lossReason: Type.Optional(Text(200)),
        },
        strict,
      ),
      { minItems: 1, maxItems: MAX_LINES },
    ),
  },
  strict,
);

const TransferLine = Type.Object({
  sku: Type.String(),
  planned: Type.Integer(),
  shipped: Type.Integer(),
  cancelled: Type.Integer(),
  received: Type.Integer(),
  damaged: Type.Integer(),
  lost: Type.Integer(),
  lossReason: Type.Union([Type.String(), Type.Null()]),
  open: Type.Integer(),
  inTransit: Type.Integer(),
});

const TransferFields = {
  transferId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  status: TransferStatus,
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lines: Type.Array(TransferLine),
};

const Transfer = Type.Object({
  ...TransferFields,
  events: Type.Array(
    Type.Object({
      eventId: Type.String(),
      type: Type.String(),
      at: Type.String(),
      actor: Type.String(),
      lines: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    }),
  ),
});

export const TransferParams = Type.Object({ transferId: Code });

export const TransferQuery = Type.Object(
  {
    status: Type.Optional(TransferStatus),
    from: Type.Optional(Code),
    to: Type.Optional(Code),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  strict,
);
export const InTransitQuery = Type.Object(
  { sku: Type.Optional(Code), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  strict,
);

export const transferRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/transfers',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['transfers'],
          summary: 'Plan a transfer: source transferReserved += q, all lines or none',
          description:
            'Needs sellable stock at the source. Repeating the same transferId with the same request returns the first answer with 200.',
          headers: IdempotencyHeaders,
          body: PlanBody,
          response: { 200: Transfer, 201: Transfer },
        },
      },
      async (req, reply) => {
        const out = await planTransfer(ctx, req.body, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/transfers',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['transfers'],
          summary: 'Transfers, oldest first, optionally by status or warehouse',
          querystring: TransferQuery,
          response: { 200: page(Type.Object(TransferFields)) },
        },
      },
      async (req) => listTransfers(ctx, paged(req.query)),
    );
    app.get(
      '/v1/transfers/:transferId',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['transfers'],
          summary: 'A transfer with planned, shipped, received, damaged, lost and in-transit units per line',
          params: TransferParams,
          response: { 200: Transfer },
        },
      },
      async (req) => {
        const transfer = await getTransfer(ctx, req.params.transferId);
        requireRecordReadable(req.actor, [transfer.from, transfer.to]);
        return transfer;
      },
    );
    app.post(
      '/v1/transfers/:transferId/ship',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        preValidation: async (req) => {
          // An empty body means "ship everything still planned".
          if (req.body === undefined || req.body === null) req.body = {};
        },
        schema: {
          tags: ['transfers'],
          summary: 'Ship all that is planned, or the listed part: the units leave the source',
          headers: IdempotencyHeaders,
          params: TransferParams,
          body: ShipBody,
          response: { 201: Transfer },
        },
      },
      async (req, reply) => {
        const out = await shipTransfer(ctx, req.params.transferId, req.body.lines, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.post(
      '/v1/transfers/:transferId/receive',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['transfers'],
          summary: 'Book in units at the destination: received, damaged, and a shortfall as lost',
          headers: IdempotencyHeaders,
          params: TransferParams,
          body: ReceiveBody,
          response: { 201: Transfer },
        },
      },
      async (req, reply) => {
        const out = await receiveTransfer(ctx, req.params.transferId, req.body.lines, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.post(
      '/v1/transfers/:transferId/cancel',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['transfers'],
          summary: 'Cancel what has not shipped: its transferReserved is released',
          headers: IdempotencyHeaders,
          params: TransferParams,
          response: { 200: Transfer },
        },
      },
      async (req, reply) => {
        const out = await cancelTransfer(ctx, req.params.transferId, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/in-transit',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['transfers'],
          summary: 'Units on the road, per SKU and transfer',
          querystring: InTransitQuery,
          response: {
            200: page(
              Type.Object({
                sku: Type.String(),
                transferId: Type.String(),
                from: Type.String(),
                to: Type.String(),
                status: TransferStatus,
                inTransit: Type.Integer(),
              }),
            ),
          },
        },
      },
      async (req) => listInTransit(ctx, paged(req.query)),
    );
    app.get(
      '/v1/totals/:sku',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['transfers'],
          summary: 'System-wide totals of a SKU: onHand over all warehouses plus units in transit',
          params: SkuParams,
          response: {
            200: Type.Object({
              sku: Type.String(),
              damagedOf: Type.Optional(
                Type.String({
                  description: 'set when `sku` is a damaged code: the base SKU whose damaged units these are',
                }),
              ),
              onHand: Type.Integer(),
              inTransit: Type.Integer(),
              onHandPlusInTransit: Type.Integer(),
              lostInTransit: Type.Integer(),
            }),
          },
        },
      },
      async (req) => systemTotals(ctx, req.params.sku),
    );
  };
