import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import {
  acknowledgeAlert,
  getAlert,
  listAlertRules,
  listAlerts,
  putAlertRule,
} from '../../app/alert-views.ts';
import { OPERATORS } from '../auth.ts';
import { sendOutcome } from '../reply.ts';
import { Code, Cursor, IdempotencyHeaders, Limit, literals, Text, page } from '../schemas.ts';
import { ALERT_KINDS, ALERT_STATUSES } from '../../domain/alerts.ts';
import { commandOptions, paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends ReturnType<typeof Type.Integer>>(t: T) =>
  Type.Optional(Type.Union([t, Type.Null()]));
const Units = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Days = Type.Integer({ minimum: 1, maximum: 3650 });

const thresholds = {
  lowStockThreshold: Nullable(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000_000,
      description: 'low stock when 0 < sellable <= this (default 5)',
    }),
  ),
  reorderPoint: Nullable(
    Type.Integer({
      minimum: 0,
      maximum: 1_000_000_000,
      description: 'when set, low stock is sellable <= this instead',
    }),
  ),
  deadStockDays: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 3650,
      description: 'no sale for this many days while onHand > 0 (default 90)',
    }),
  ),
  overstockDays: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 3650,
      description: 'more than this many days of cover at the last 30 days of demand (default 180)',
    }),
  ),
  transferOverdueDays: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 3650,
      description: 'shipped, not fully received after this (default 7)',
    }),
  ),
  lockExpiringHours: Nullable(
    Type.Integer({ minimum: 1, maximum: 24 * 365, description: "a lock's until within this (default 24)" }),
  ),
};

const RuleBody = Type.Object(
  {
    scope: Type.Object({ sku: Type.Optional(Code), warehouse: Type.Optional(Code) }, strict),
    ...thresholds,
  },
  strict,
);

const NullInt = Type.Union([Type.Integer(), Type.Null()]);
const Rule = Type.Object({
  scope: Type.Object({
    sku: Type.Union([Type.String(), Type.Null()]),
    warehouse: Type.Union([Type.String(), Type.Null()]),
  }),
  lowStockThreshold: NullInt,
  reorderPoint: NullInt,
  deadStockDays: NullInt,
  overstockDays: NullInt,
  transferOverdueDays: NullInt,
  lockExpiringHours: NullInt,
  updatedAt: Type.String({ format: 'date-time' }),
});

const Defaults = Type.Object({
  lowStockThreshold: Units,
  reorderPoint: NullInt,
  deadStockDays: Days,
  overstockDays: Days,
  transferOverdueDays: Days,
  lockExpiringHours: Type.Integer(),
});

const Kind = literals(ALERT_KINDS);
const Status = literals(ALERT_STATUSES);
const NullString = Type.Union([Type.String(), Type.Null()]);

const Alert = Type.Object({
  alertId: Type.String(),
  kind: Kind,
  subject: Type.String({
    description: 'SKU@WAREHOUSE, transfer:<id>, lock:<id>, po:<id>, warehouse:<code> or standing-order:<id>',
  }),
  sku: NullString,
  warehouse: NullString,
  status: Status,
  details: Type.Record(Type.String(), Type.Unknown()),
  openedAt: Type.String({ format: 'date-time' }),
  acknowledgedAt: NullString,
  acknowledgedBy: NullString,
  acknowledgeNote: NullString,
  resolvedAt: NullString,
});

const AcknowledgeBody = Type.Object(
  { who: Type.Optional(Text(200)), note: Type.Optional(Text(2000)) },
  strict,
);
const AlertParams = Type.Object({ id: Code });

export const alertRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.put(
      '/v1/alert-rules',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['alerts'],
          summary: 'Set the alert thresholds of a scope: defaults ({}), a warehouse, a SKU, or a position',
          description:
            'Replaces the rule of that scope. A threshold left out or null inherits from the less specific scope; the most specific value wins.',
          body: RuleBody,
          response: { 200: Rule, 201: Rule },
        },
      },
      async (req, reply) => sendOutcome(reply, await putAlertRule(ctx, req.body)),
    );
    app.get(
      '/v1/alert-rules',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['alerts'],
          summary: 'The built-in defaults and every rule, least specific first',
          response: { 200: Type.Object({ defaults: Defaults, items: Type.Array(Rule) }) },
        },
      },
      async () => listAlertRules(ctx),
    );
    app.get(
      '/v1/alerts',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['alerts'],
          summary: 'Alerts, newest first',
          querystring: Type.Object(
            {
              status: Type.Optional(Status),
              kind: Type.Optional(Kind),
              sku: Type.Optional(Code),
              warehouse: Type.Optional(Code),
              cursor: Type.Optional(Cursor),
              limit: Type.Optional(Limit),
            },
            strict,
          ),
          response: { 200: page(Alert) },
        },
      },
      async (req) => listAlerts(ctx, paged(req.query)),
    );
    app.get(
      '/v1/alerts/:id',
      {
        config: { roles: OPERATORS },
        schema: { tags: ['alerts'], summary: 'An alert', params: AlertParams, response: { 200: Alert } },
      },
      async (req) => getAlert(ctx, req.params.id),
    );
    app.post(
      '/v1/alerts/:id/acknowledge',
      {
        config: { roles: OPERATORS },
        preValidation: async (req) => {
          if (req.body === undefined || req.body === null) req.body = {};
        },
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge an open alert (who, note); it still resolves when its condition ends',
          headers: IdempotencyHeaders,
          params: AlertParams,
          body: AcknowledgeBody,
          response: { 200: Alert },
        },
      },
      async (req, reply) =>
        sendOutcome(reply, await acknowledgeAlert(ctx, req.params.id, req.body, commandOptions(req))),
    );
  };
