import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  closePurchaseOrder,
  createPurchaseOrder,
  getPolicy,
  getPurchaseOrder,
  getReplenishmentDefaults,
  getSupplier,
  listPurchaseOrders,
  listSuppliers,
  putPolicy,
  putReplenishmentDefaults,
  putSupplier,
  receivePurchaseOrder,
} from '../../app/purchasing.ts';
import { readableWarehouses } from '../../app/access.ts';
import { ACTIVE_PURCHASE_ORDERS, PURCHASE_ORDER_STATUSES } from '../../domain/purchase-orders.ts';
import { ADMIN, OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import {
  Code,
  Cursor,
  IdempotencyHeaders,
  Limit,
  MAX_QTY,
  Qty,
  SkuPosition,
  Text,
  page,
  Nullable,
  emptyBodyIsEmptyObject,
  PositionParams,
  CodeParams,
  literals,
} from '../schemas.ts';
import { commandOptions, paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const MAX_LINES = 1000;

export const LeadTimeDays = Type.Integer({
  minimum: 0,
  maximum: 365,
  description: 'days from order to arrival',
});
export const ServiceLevel = Type.Number({
  exclusiveMinimum: 0,
  exclusiveMaximum: 1,
  description: 'cycle service level: the chance of not running out before the next order arrives, e.g. 0.95',
});
export const ReviewPeriodDays = Type.Integer({
  minimum: 0,
  maximum: 365,
  description: 'days between two orders of this position (0: order any day)',
});
export const MinOrder = Type.Integer({
  minimum: 0,
  maximum: MAX_QTY,
  description: 'smallest order in units',
});
export const PackSize = Type.Integer({ minimum: 1, maximum: MAX_QTY, description: 'orders are whole packs' });

const PolicyFields = {
  leadTimeDays: LeadTimeDays,
  serviceLevel: ServiceLevel,
  reviewPeriodDays: ReviewPeriodDays,
  minOrder: MinOrder,
  packSize: PackSize,
};
const Defaults = Type.Object(PolicyFields, strict);

export const SupplierBody = Type.Object(
  {
    name: Text(200),
    leadTimeDays: LeadTimeDays,
    serviceLevel: Type.Optional(ServiceLevel),
    reviewPeriodDays: Type.Optional(ReviewPeriodDays),
    minOrder: Type.Optional(MinOrder),
    packSize: Type.Optional(PackSize),
  },
  strict,
);
const Supplier = Type.Object({
  code: Type.String(),
  name: Type.String(),
  ...PolicyFields,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const PolicyBody = Type.Object(
  {
    supplier: Type.Optional(Nullable(Code)),
    leadTimeDays: Type.Optional(Nullable(LeadTimeDays)),
    serviceLevel: Type.Optional(Nullable(ServiceLevel)),
    reviewPeriodDays: Type.Optional(Nullable(ReviewPeriodDays)),
    minOrder: Type.Optional(Nullable(MinOrder)),
    packSize: Type.Optional(Nullable(PackSize)),
  },
  { ...strict, description: 'a null or missing field inherits from the supplier, then the defaults' },
);
const Policy = Type.Object({
  sku: Type.String(),
  warehouse: Type.String(),
  own: Type.Object({
    supplier: Nullable(Type.String()),
    leadTimeDays: Nullable(Type.Integer()),
    serviceLevel: Nullable(Type.Number()),
    reviewPeriodDays: Nullable(Type.Integer()),
    minOrder: Nullable(Type.Integer()),
    packSize: Nullable(Type.Integer()),
  }),
  effective: Type.Object({ supplier: Nullable(Type.String()), ...PolicyFields }),
});

const PurchaseOrderStatus = literals(PURCHASE_ORDER_STATUSES);

export const PurchaseOrderBody = Type.Object(
  {
    supplier: Code,
    warehouse: Code,
    expectedAt: Type.Optional(
      Type.String({ format: 'date-time', description: "default: now plus the supplier's lead time" }),
    ),
    reference: Type.Optional(Text(200)),
    lines: Type.Array(
      Type.Object(
        { sku: Code, qty: Qty, unitCost: Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 })) },
        strict,
      ),
      { minItems: 1, maxItems: MAX_LINES },
    ),
  },
  strict,
);

export const PurchaseOrder = Type.Object({
  poId: Type.String(),
  supplier: Type.String(),
  warehouse: Type.String(),
  status: PurchaseOrderStatus,
  reference: Nullable(Type.String()),
  expectedAt: Type.String(),
  closeReason: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      ordered: Type.Integer(),
      received: Type.Integer(),
      open: Type.Integer({ description: "still expected: the position's incoming while the order is open" }),
      overReceived: Type.Integer({ description: 'received beyond what was ordered' }),
      short: Type.Integer({ description: 'missing when the order was closed' }),
      unitCost: Nullable(Type.Number()),
    }),
  ),
});

export const PurchaseReceiptBody = Type.Object(
  {
    reference: Type.Optional(Text(200)),
    lines: Type.Array(
      Type.Object(
        {
          sku: Code,
          qty: Qty,
          inspect: Type.Optional(Type.Boolean({ description: 'book into qcPending, awaiting inspection' })),
          againstVirtual: Type.Optional(
            Type.Boolean({ description: 'goods that were sold as virtual stock: V -= q as I += q' }),
          ),
        },
        strict,
      ),
      { minItems: 1, maxItems: MAX_LINES },
    ),
  },
  strict,
);

export const CloseBody = Type.Object(
  {
    reason: Type.Optional(Text(200)),
    cancel: Type.Optional(
      Type.Boolean({ description: 'cancel instead of closing: only an open order nothing was received on' }),
    ),
  },
  strict,
);

export const PoParams = Type.Object({ poId: Code });
const TAGS = ['purchasing'];

export const PurchaseOrderQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([PurchaseOrderStatus, Type.Literal(ACTIVE_PURCHASE_ORDERS)], {
        description: 'active: open or partially received',
      }),
    ),
    supplier: Type.Optional(Code),
    warehouse: Type.Optional(Code),
    sku: Type.Optional(Code),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  strict,
);

export const purchasingRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/suppliers/:code',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: TAGS,
          summary: 'Create or replace a supplier and its defaults for the positions it supplies',
          params: CodeParams,
          body: SupplierBody,
          response: { 200: Supplier, 201: Supplier },
        },
      },
      async (req, reply) => sendOutcome(reply, await putSupplier(ctx, req.params.code, req.body)),
    );
    app.get(
      '/v1/suppliers',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: { tags: TAGS, summary: 'Suppliers', response: { 200: page(Supplier) } },
      },
      async () => listSuppliers(ctx),
    );
    app.get(
      '/v1/suppliers/:code',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: 'One supplier and its defaults',
          params: CodeParams,
          response: { 200: Supplier },
        },
      },
      async (req) => getSupplier(ctx, req.params.code),
    );

    app.get(
      '/v1/settings/replenishment',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: 'The defaults of positions without a supplier or their own figure',
          response: { 200: Defaults },
        },
      },
      async () => getReplenishmentDefaults(ctx.db),
    );
    app.put(
      '/v1/settings/replenishment',
      {
        config: { roles: ADMIN },
        schema: {
          tags: TAGS,
          summary: 'Replace the defaults of positions without a supplier or their own figure',
          body: Defaults,
          response: { 200: Defaults },
        },
      },
      async (req, reply) => sendOutcome(reply, await putReplenishmentDefaults(ctx, req.body)),
    );

    app.put(
      '/v1/replenishment/policies/:sku/:warehouse',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: 'How one position is replenished: its supplier and any figure of its own',
          params: PositionParams,
          body: PolicyBody,
          response: { 200: Policy, 201: Policy },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await putPolicy(ctx, req.params.sku, req.params.warehouse, req.body, req.actor)),
    );
    app.get(
      '/v1/replenishment/policies/:sku/:warehouse',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: 'How one position is replenished, with the figures in force',
          params: PositionParams,
          response: { 200: Policy },
        },
      },
      async (req) => {
        readableWarehouses(req.actor, req.params.warehouse);
        return getPolicy(ctx, req.params.sku, req.params.warehouse);
      },
    );

    app.post(
      '/v1/purchase-orders',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary: "Order from a supplier; the open quantities become the positions' incoming",
          headers: IdempotencyHeaders,
          body: PurchaseOrderBody,
          response: { 201: PurchaseOrder },
        },
      },
      async (req, reply) => sendOutcome(reply, await createPurchaseOrder(ctx, req.body, commandOptions(req))),
    );
    app.get(
      '/v1/purchase-orders',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: TAGS,
          summary: 'Purchase orders, newest first',
          querystring: PurchaseOrderQuery,
          response: { 200: page(PurchaseOrder) },
        },
      },
      async (req) => listPurchaseOrders(ctx, paged(req.query)),
    );
    app.get(
      '/v1/purchase-orders/:poId',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: TAGS,
          summary: 'One purchase order with its lines and receipts',
          params: PoParams,
          response: { 200: PurchaseOrder },
        },
      },
      async (req) => getPurchaseOrder(ctx, req.params.poId),
    );
    app.post(
      '/v1/purchase-orders/:poId/receipts',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: TAGS,
          summary:
            'Book goods in against an open purchase order (more than ordered is kept as an over-delivery)',
          params: PoParams,
          headers: IdempotencyHeaders,
          body: PurchaseReceiptBody,
          response: {
            201: Type.Object({
              receiptId: Type.String(),
              receivedAt: Type.String(),
              purchaseOrder: PurchaseOrder,
              positions: Type.Array(SkuPosition),
            }),
          },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await receivePurchaseOrder(ctx, req.params.poId, req.body, commandOptions(req))),
    );
    app.post(
      '/v1/purchase-orders/:poId/close',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        preValidation: emptyBodyIsEmptyObject,
        schema: {
          tags: TAGS,
          summary:
            'Close an open order (what has not come is recorded as short), or cancel one with nothing received',
          params: PoParams,
          body: CloseBody,
          response: { 200: PurchaseOrder },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await closePurchaseOrder(ctx, req.params.poId, req.body, req.actor)),
    );
  };
