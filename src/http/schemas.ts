/** Request and response schemas: they validate requests and generate /openapi.json. */
import { Type, type SchemaOptions, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../app/paging.ts';
import { CODE_PATTERN, MAX_QTY, ORDER_STATUSES } from '../domain/orders.ts';
import { ROUTING_STRATEGIES } from '../domain/routing.ts';

export { MAX_QTY };

export const Code = Type.String({ pattern: CODE_PATTERN.source, minLength: 1, maxLength: 64 });
/** A code in a path: /v1/suppliers/:code, /v1/warehouses/:code/zones. */
export const CodeParams = Type.Object({ code: Code });
/** A SKU in a path: /.../:sku. */
export const SkuParams = Type.Object({ sku: Code });
/** A stock position in a path: /.../:sku/:warehouse. */
export const PositionParams = Type.Object({ sku: Code, warehouse: Code });
export const Qty = Type.Integer({ minimum: 1, maximum: MAX_QTY });
export const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
/** Why a stock change was made, or what it refers to (a receipt's reference): on every ledger entry. */
export const Reason = Text(200);
/** A free-text note (a transfer, an inspection). */
export const Note = Text(500);
const strict = { additionalProperties: false } as const;

/** A value or null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * One of a list of strings (`literals(['day', 'week'] as const)`). Typed as a union of a tuple:
 * a union built from an array type is `never` to the route type provider's TypeBox, so a reply
 * of it would not compile.
 */
export const literals = <const T extends readonly string[]>(values: T, options?: SchemaOptions) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;

/** A preValidation hook: an empty body is an empty object (close, post, cancel need no fields). */
export const emptyBodyIsEmptyObject = async (req: FastifyRequest) => {
  if (req.body === undefined || req.body === null) req.body = {};
};

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});

export const Quantities = {
  onHand: Type.Integer(),
  reserved: Type.Integer(),
  damaged: Type.Integer(),
  qcPending: Type.Integer(),
  locked: Type.Integer(),
  transferReserved: Type.Integer(),
  virtual: Type.Integer(),
  sellable: Type.Integer(),
};

export const Position = Type.Object({ warehouse: Type.String(), ...Quantities });
export const SkuPosition = Type.Object({ sku: Type.String(), warehouse: Type.String(), ...Quantities });
/** Read-only beside the quantities: open purchase-order units, not sellable. Current reads only. */
export const Incoming = {
  incoming: Type.Optional(
    Type.Integer({ description: 'units still expected on open purchase orders; not sellable, not in S' }),
  ),
};

/** Option values of a variant: `{"size": "M", "colour": "red"}`. */
export const OptionValues = Type.Record(
  Type.String({ minLength: 1, maxLength: 64 }),
  Type.String({ maxLength: 200 }),
  {
    maxProperties: 10,
  },
);
export const CategoryCodes = Type.Array(Code, { maxItems: 50, uniqueItems: true });
const Attributes = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 });
const Amount = Type.Union([Type.Number({ minimum: 0, maximum: 1e9 }), Type.Null()]);

const SkuFields = {
  attributes: Type.Optional(Attributes),
  unitCost: Type.Optional(Amount),
  price: Type.Optional(Amount),
  product: Type.Optional(Nullable(Code)),
  options: Type.Optional(OptionValues),
  categories: Type.Optional(CategoryCodes),
  volumeLitres: Type.Optional(
    Nullable(
      Type.Number({
        minimum: 0,
        maximum: 1e6,
        description: "one unit's volume in litres, for warehouse capacity by volume (null: not known)",
      }),
    ),
  ),
};

export const SkuBody = Type.Object({ name: Text(200), ...SkuFields }, strict);
export const SkuPatch = Type.Object({ sku: Code, name: Type.Optional(Text(200)), ...SkuFields }, strict);
export const Sku = Type.Object({
  sku: Type.String(),
  name: Type.String(),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  unitCost: Type.Optional(
    Type.Union([Type.Number(), Type.Null()], {
      description: 'absent for storefront keys: costs are not public',
    }),
  ),
  price: Type.Union([Type.Number(), Type.Null()]),
  currency: Type.String({ description: "the shop's currency (ISO 4217), which unitCost and price are in" }),
  product: Type.Union([Type.String(), Type.Null()], { description: 'the product this SKU is a variant of' }),
  options: Type.Record(Type.String(), Type.String()),
  categories: Type.Array(Type.String()),
  volumeLitres: Type.Optional(
    Type.Union([Type.Number(), Type.Null()], {
      description: "one unit's volume in litres (null: not known)",
    }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CategoryBody = Type.Object({ name: Text(200), parent: Type.Optional(Nullable(Code)) }, strict);
export const Category = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  path: Type.Array(Type.String(), { description: 'codes from the root down to this category' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ProductBody = Type.Object(
  {
    name: Text(200),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10 })),
    attributes: Type.Optional(Attributes),
    categories: Type.Optional(CategoryCodes),
  },
  strict,
);
const ProductFields = {
  code: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  options: Type.Array(Type.String()),
  attributes: Type.Record(Type.String(), Type.Unknown()),
  categories: Type.Array(Type.String()),
  skuCount: Type.Integer(),
  sellable: Type.Integer({ description: 'sellable across the warehouses in scope, summed over its SKUs' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};
export const Product = Type.Object(ProductFields);
export const ProductView = Type.Object({ ...ProductFields, skus: Type.Array(Sku) });
const Rolled = { sellable: Type.Integer(), oversold: Type.Integer(), onHand: Type.Integer() };
export const ProductStock = Type.Object({
  product: Type.String(),
  ...Rolled,
  byWarehouse: Type.Array(Type.Object({ warehouse: Type.String(), region: Type.String(), ...Rolled })),
  byRegion: Type.Array(Type.Object({ region: Type.String(), ...Rolled })),
  bySku: Type.Array(
    Type.Object({ sku: Type.String(), options: Type.Record(Type.String(), Type.String()), ...Rolled }),
  ),
});

export const ListingBody = Type.Object(
  {
    title: Type.Optional(Nullable(Text(200))),
    price: Type.Optional(Amount),
    listed: Type.Optional(Nullable(Type.Boolean())),
  },
  strict,
);
export const Listing = Type.Object({
  channel: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  price: Type.Union([Type.Number(), Type.Null()]),
  listed: Type.Union([Type.Boolean(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const WarehouseBody = Type.Object(
  {
    name: Text(200),
    region: Code,
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
    capacityUnits: Type.Optional(
      Nullable(
        Type.Integer({ minimum: 1, maximum: MAX_QTY, description: 'watched by warehouse_near_capacity' }),
      ),
    ),
    capacityLitres: Type.Optional(
      Nullable(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 1e9,
          description:
            "litres the warehouse holds at most (SKUs' volumeLitres x on hand): watched by warehouse_near_capacity",
        }),
      ),
    ),
    capacityAlertPercent: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 1,
          maximum: 100,
          description: 'of capacityUnits and of capacityLitres (default 90)',
        }),
      ),
    ),
    ageingAlertDays: Type.Optional(
      Nullable(
        Type.Integer({ minimum: 1, maximum: 3650, description: 'stock_ageing after this (default 180)' }),
      ),
    ),
  },
  strict,
);
export const Warehouse = Type.Object({
  code: Type.String(),
  name: Type.String(),
  region: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  priority: Type.Integer(),
  capacityUnits: Nullable(Type.Number()),
  capacityLitres: Nullable(Type.Number()),
  capacityAlertPercent: Nullable(Type.Integer()),
  ageingAlertDays: Nullable(Type.Integer()),
});

const MAX_LINES = 1000;

export const ReceiptBody = Type.Object(
  {
    warehouse: Code,
    reference: Type.Optional(Reason),
    lines: Type.Array(
      Type.Object(
        {
          sku: Code,
          qty: Qty,
          inspect: Type.Optional(Type.Boolean()),
          againstVirtual: Type.Optional(Type.Boolean()),
          zone: Type.Optional(Code),
        },
        strict,
      ),
      {
        minItems: 1,
        maxItems: MAX_LINES,
      },
    ),
  },
  strict,
);

export const AdjustmentBody = Type.Object(
  {
    warehouse: Code,
    sku: Code,
    delta: Type.Integer({ minimum: -MAX_QTY, maximum: MAX_QTY, not: { const: 0 } }),
    reason: Reason,
  },
  strict,
);

export const RoutingStrategy = literals(ROUTING_STRATEGIES, {
  description:
    'fewest_shipments (default: fewest warehouses, then fastest delivery, then priority), fastest, priority, single_warehouse',
});

export const OrderLine = Type.Object({ sku: Code, qty: Qty, warehouse: Type.Optional(Code) }, strict);

export const OrderBody = Type.Object(
  {
    orderId: Code,
    lines: Type.Array(OrderLine, { minItems: 1, maxItems: MAX_LINES }),
    region: Type.Optional(Code),
    channel: Type.Optional(Code),
    expiresInSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 * 24 * 3600 })),
    routing: Type.Optional(
      Type.Object(
        { strategy: Type.Optional(RoutingStrategy), allowSplit: Type.Optional(Type.Boolean()) },
        {
          ...strict,
          description: "overrides the service's routing policy (GET /v1/settings/routing) for this order",
        },
      ),
    ),
  },
  strict,
);

export const Allocation = Type.Object({ sku: Type.String(), warehouse: Type.String(), qty: Type.Integer() });

const RoutingReason = Type.String({
  description: 'why this warehouse: named on the line, or the routing reason',
});

export const PlacedOrder = Type.Object({
  orderId: Type.String(),
  status: Type.Literal('reserved'),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  routing: Type.Object({
    strategy: RoutingStrategy,
    allowSplit: Type.Boolean(),
    region: Type.Union([Type.String(), Type.Null()]),
  }),
  allocations: Type.Array(
    Type.Object({ sku: Type.String(), warehouse: Type.String(), qty: Type.Integer(), reason: RoutingReason }),
  ),
});

export const OrderStatus = literals(ORDER_STATUSES);

export const Order = Type.Object({
  orderId: Type.String(),
  status: OrderStatus,
  region: Type.Union([Type.String(), Type.Null()]),
  channel: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  releasedReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lines: Type.Array(
    Type.Object({
      sku: Type.String(),
      qty: Type.Integer(),
      warehouse: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  allocations: Type.Array(
    Type.Object({
      sku: Type.String(),
      warehouse: Type.String(),
      qty: Type.Integer(),
      shipped: Type.Integer(),
      released: Type.Integer(),
      returned: Type.Integer(),
      open: Type.Integer(),
      reason: Type.Union([RoutingReason, Type.Null()]),
      onVirtual: Type.Integer({
        description:
          "of the open units, how many rest on virtual stock (a supplier's capacity) rather than on units physically free at the warehouse; first come, first served",
      }),
    }),
  ),
  shipments: Type.Array(
    Type.Object({ shipmentId: Type.String(), lines: Type.Array(Allocation), shippedAt: Type.String() }),
  ),
});

export const ShipmentBody = Type.Object(
  { lines: Type.Optional(Type.Array(OrderLine, { minItems: 1, maxItems: MAX_LINES })) },
  strict,
);

export const Shipment = Type.Object({
  shipmentId: Type.String(),
  orderId: Type.String(),
  status: OrderStatus,
  lines: Type.Array(Allocation),
  shippedAt: Type.String(),
});

export const ReturnBody = Type.Object(
  {
    orderId: Type.Optional(Code),
    warehouse: Code,
    lines: Type.Array(
      Type.Object(
        {
          sku: Code,
          qty: Qty,
          condition: Type.Union([Type.Literal('sellable'), Type.Literal('damaged'), Type.Literal('inspect')]),
        },
        strict,
      ),
      { minItems: 1, maxItems: MAX_LINES },
    ),
  },
  strict,
);

export const Availability = Type.Object({
  sku: Type.String(),
  damagedOf: Type.Optional(
    Type.String({ description: 'the SKU whose damaged units this code names: never sellable' }),
  ),
  region: Type.Union([Type.String(), Type.Null()]),
  sellable: Type.Integer(),
  inStock: Type.Boolean(),
  committed: Type.Integer({
    description:
      "standing orders' deliveries within committedDays not reserved yet, at the warehouses serving the region (not in S: reserved ones are)",
  }),
  promisable: Type.Integer({
    description:
      "the options' promisable units: what new orders may take and still leave the committed deliveries their stock",
  }),
  committedDays: Type.Integer({ description: 'the look-ahead committed counts, in days from today' }),
  options: Type.Array(
    Type.Object({
      warehouse: Type.String(),
      sellable: Type.Integer(),
      committed: Type.Integer({
        description: "standing orders' deliveries from this warehouse not reserved yet",
      }),
      promisable: Type.Integer({ description: 'sellable - committed, at least 0' }),
      deliveryDays: Type.Union([Type.Integer(), Type.Null()], {
        description: 'days to the region for units in stock; null when no region was given',
      }),
      fromStock: Type.Integer({ description: 'of sellable, units physically in the warehouse' }),
      virtual: Type.Union([
        Type.Object(
          {
            units: Type.Integer(),
            supplier: Type.Union([Type.String(), Type.Null()]),
            leadTimeDays: Type.Integer(),
            deliveryDays: Type.Union([Type.Integer(), Type.Null()]),
          },
          {
            description:
              "of sellable, units resting on a supplier's capacity: delivery days include its lead time",
          },
        ),
        Type.Null(),
      ]),
    }),
    { description: 'serving warehouses with sellable units, fastest first' },
  ),
});

export const Movement = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  sku: Type.String(),
  warehouse: Type.String(),
  type: Type.String(),
  qty: Type.Integer(),
  deltas: Type.Record(Type.String(), Type.Integer()),
  reason: Type.Union([Type.String(), Type.Null()]),
  orderId: Type.Union([Type.String(), Type.Null()]),
  reference: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.String(), Type.Null()]),
});

/** What an API key may do (docs/api.md, Keys and roles). */
export const KeyRole = Type.Union([
  Type.Literal('admin'),
  Type.Literal('operator'),
  Type.Literal('storefront'),
]);

export const ApiKeyBody = Type.Object(
  {
    name: Text(100),
    role: KeyRole,
    warehouses: Type.Optional(Type.Array(Code, { minItems: 1, maxItems: 1000, uniqueItems: true })),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'the key stops working then; none: never' }),
    ),
  },
  strict,
);

export const ApiKey = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: KeyRole,
  warehouses: Type.Union([Type.Array(Type.String()), Type.Null()]),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()], {
    description: 'to the minute: a use is recorded at most once a minute',
  }),
  replacedBy: Type.Union([Type.String(), Type.Null()], {
    description: 'the key a rotation replaced it with',
  }),
  key: Type.Optional(Type.String({ description: 'the secret, shown only in the response that creates it' })),
});

export const Limit = Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });
export const Cursor = Type.String({ maxLength: 512 });

export const page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const IdempotencyKey = Type.String({ minLength: 1, maxLength: 255 });
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) });
