/**
 * What webhook receivers are sent (docs/events.md), as the OpenAPI 3.1 `webhooks` section:
 * one entry per event type with its `data`, and one for batched deliveries. These schemas
 * describe the outbox rows written by the use cases and migrations; they validate nothing.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { EVENT_TYPES, type EventType } from '../../app/events.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Int = Type.Integer();
const Timestamp = Type.String({ format: 'date-time' });

const positionAfter = {
  onHand: Int,
  reserved: Int,
  damaged: Int,
  qcPending: Int,
  locked: Int,
  transferReserved: Int,
  virtual: Int,
  sellable: Int,
};

const OrderLines = Type.Array(Type.Object({ sku: Str, warehouse: Str, qty: Int }));
const TransferLines = Type.Array(Type.Object({ sku: Str, qty: Int }));
const PurchaseOrderLines = Type.Array(
  Type.Object({
    sku: Str,
    ordered: Int,
    received: Int,
    open: Int,
    overReceived: Int,
    short: Int,
    unitCost: Nullable(Type.Number()),
  }),
);

const transferChange = Type.Object({
  transferId: Str,
  from: Str,
  to: Str,
  status: Str,
  type: Type.String({ description: 'ship, receive or cancel' }),
  eventId: Str,
  actor: Nullable(Str),
  at: Timestamp,
  lines: Type.Array(Type.Object({ sku: Str }, { additionalProperties: true })),
});

const purchaseOrderEnd = Type.Object({
  poId: Str,
  warehouse: Str,
  status: Str,
  reason: Nullable(Str),
  lines: PurchaseOrderLines,
});

const skuAvailability = Type.Object({
  sku: Str,
  region: Type.Union([Str, Type.Null()], { description: 'null: overall; else the region served' }),
  sellable: Int,
});

const alert = Type.Object({
  alertId: Str,
  kind: Str,
  subject: Str,
  sku: Nullable(Str),
  warehouse: Nullable(Str),
  details: Type.Record(Type.String(), Type.Unknown()),
});

/** Each event type's `data`, with its summary. */
const EVENT_DATA: Record<EventType, { summary: string; data: TSchema }> = {
  'stock.changed': {
    summary: 'A movement changed a position (every movement; the position after it)',
    data: Type.Object({
      sku: Str,
      warehouse: Str,
      movementId: Int,
      movement: Type.String({ description: 'the movement type: receipt, reserve, ship, ...' }),
      qty: Int,
      reason: Nullable(Str),
      orderId: Nullable(Str),
      reference: Nullable(Str),
      ...positionAfter,
      sellableBefore: Int,
    }),
  },
  'order.reserved': {
    summary: 'An order reserved its lines',
    data: Type.Object({
      orderId: Str,
      region: Nullable(Str),
      channel: Nullable(Str),
      expiresAt: Nullable(Timestamp),
      allocations: Type.Array(Type.Object({ sku: Str, warehouse: Str, qty: Int, reason: Str })),
    }),
  },
  'order.confirmed': {
    summary: 'An order was confirmed (paid): its reservations no longer expire',
    data: Type.Object({ orderId: Str }),
  },
  'order.released': {
    summary: "An order's reservations were released (cancelled or expired)",
    data: Type.Object({
      orderId: Str,
      reason: Type.Union([Type.Literal('cancelled'), Type.Literal('expired')]),
      status: Str,
      lines: OrderLines,
    }),
  },
  'order.shipped': {
    summary: 'Lines of an order were shipped',
    data: Type.Object({ orderId: Str, shipmentId: Str, status: Str, lines: OrderLines }),
  },
  'transfer.planned': {
    summary: 'A transfer between warehouses was planned; its units are reserved at the source',
    data: Type.Object({ transferId: Str, from: Str, to: Str, lines: TransferLines }),
  },
  'transfer.shipped': { summary: 'A transfer (or part of it) left the source', data: transferChange },
  'transfer.received': { summary: 'A transfer (or part of it) arrived', data: transferChange },
  'transfer.cancelled': { summary: 'A transfer was cancelled', data: transferChange },
  'purchase_order.created': {
    summary: 'A purchase order was placed with a supplier',
    data: Type.Object({
      poId: Str,
      supplier: Str,
      warehouse: Str,
      expectedAt: Nullable(Timestamp),
      lines: PurchaseOrderLines,
    }),
  },
  'purchase_order.received': {
    summary: 'Goods arrived against a purchase order',
    data: Type.Object({
      poId: Str,
      warehouse: Str,
      status: Str,
      receiptId: Str,
      lines: Type.Array(
        Type.Object({ sku: Str, qty: Int, inspect: Type.Boolean(), againstVirtual: Type.Boolean() }),
      ),
    }),
  },
  'purchase_order.closed': { summary: 'A purchase order was closed', data: purchaseOrderEnd },
  'purchase_order.cancelled': { summary: 'A purchase order was cancelled', data: purchaseOrderEnd },
  'sku.out_of_stock': {
    summary: "A SKU's sellable units fell to zero (overall or in a region)",
    data: skuAvailability,
  },
  'sku.back_in_stock': {
    summary: "A SKU's sellable units rose above zero (overall or in a region)",
    data: skuAvailability,
  },
  'alert.opened': { summary: 'An operational alert opened', data: alert },
  'alert.resolved': { summary: 'An operational alert resolved', data: alert },
};

const envelope = (type: Record<string, unknown>, data: unknown) => ({
  type: 'object',
  required: ['id', 'seq', 'stream', 'streamSeq', 'type', 'at', 'data'],
  properties: {
    id: { type: 'string', description: 'unique and stable: de-duplicate on it (delivery is at least once)' },
    seq: { type: 'integer', description: 'position in the log: gap-free and increasing' },
    stream: { type: 'string', description: 'what it is about: order:ID, position:SKU@WH, sku:SKU, ...' },
    streamSeq: { type: 'integer', description: 'position within the stream' },
    type,
    at: { type: 'string', format: 'date-time' },
    data,
  },
});

const json = (schema: TSchema): unknown => JSON.parse(JSON.stringify(schema));

const schemaName = (type: string) =>
  `${type
    .split(/[._]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')}Event`;

const deliveryHeaders = {
  'Stockroom-Signature': {
    description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`',
    required: true,
    schema: { type: 'string' },
  },
  'Stockroom-Event-Id': {
    description: "the event's id (comma-separated in a batch)",
    schema: { type: 'string' },
  },
  'Stockroom-Event-Type': { description: "the event's type", schema: { type: 'string' } },
  'Stockroom-Delivery-Id': {
    description: 'the delivery (comma-separated in a batch)',
    schema: { type: 'string' },
  },
  'Stockroom-Delivery-Attempt': {
    description: '1, 2, ...: counts on across replays',
    schema: { type: 'integer' },
  },
};

const parameters = Object.entries(deliveryHeaders).map(([name, h]) => ({ name, in: 'header', ...h }));

const received = {
  '2XX': { description: 'delivered: answer quickly and do the work afterwards' },
  default: { description: 'any other answer (or none within the timeout) is a failed attempt, retried' },
};

/** Event payload schemas (components.schemas) and the `webhooks` section that refers to them. */
export function webhookDocument(): {
  schemas: Record<string, unknown>;
  webhooks: Record<string, unknown>;
} {
  const schemas: Record<string, unknown> = {};
  const webhooks: Record<string, unknown> = {};
  for (const type of EVENT_TYPES) {
    const { summary, data } = EVENT_DATA[type];
    const name = schemaName(type);
    schemas[name] = envelope({ type: 'string', const: type }, json(data));
    webhooks[type] = {
      post: {
        operationId: `on${name}`,
        summary,
        tags: ['webhooks'],
        security: [],
        parameters,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
        },
        responses: received,
      },
    };
  }
  schemas.Event = { oneOf: EVENT_TYPES.map((t) => ({ $ref: `#/components/schemas/${schemaName(t)}` })) };
  webhooks['events.batch'] = {
    post: {
      operationId: 'onEventBatch',
      summary: 'Up to batchSize events in log order (subscriptions with batchSize over 1)',
      tags: ['webhooks'],
      security: [],
      parameters: [
        ...parameters,
        { name: 'Stockroom-Event-Count', in: 'header', required: true, schema: { type: 'integer' } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['events'],
              properties: { events: { type: 'array', items: { $ref: '#/components/schemas/Event' } } },
            },
          },
        },
      },
      responses: received,
    },
  };
  return { schemas, webhooks };
}
