import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { createLock, getLock, listLocks, unlockLock } from '../../app/locks.ts';
import { OPERATORS } from '../auth.ts';
import { requireRecordReadable } from '../../app/access.ts';
import { sendOutcome } from '../reply.ts';
import { Code, Cursor, IdempotencyHeaders, Limit, Position, Qty, Reason, page } from '../schemas.ts';
import { commandOptions, paged } from '../requests.ts';

const strict = { additionalProperties: false } as const;
const Timestamp = Type.String({ format: 'date-time' });
const MAX_WAVES = 100;

export const LockBody = Type.Object(
  {
    warehouse: Code,
    sku: Code,
    qty: Qty,
    reason: Reason,
    until: Type.Optional(Timestamp),
    waves: Type.Optional(
      Type.Array(Type.Object({ at: Timestamp, qty: Qty }, strict), { minItems: 1, maxItems: MAX_WAVES }),
    ),
  },
  strict,
);

export const UnlockBody = Type.Object({ qty: Type.Optional(Qty) }, strict);

const Wave = Type.Object({
  wave: Type.Integer(),
  at: Type.String(),
  qty: Type.Integer(),
  released: Type.Integer(),
  releasedAt: Type.Union([Type.String(), Type.Null()]),
});

const lockFields = {
  lockId: Type.String(),
  sku: Type.String(),
  warehouse: Type.String(),
  reason: Type.String(),
  qty: Type.Integer({ description: 'units locked at creation' }),
  locked: Type.Integer({ description: 'units still locked' }),
  released: Type.Integer({ description: 'units released so far, by hand, by waves or at until' }),
  active: Type.Boolean(),
  until: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  releasedAt: Type.Union([Type.String(), Type.Null()]),
  waves: Type.Array(Wave),
};

const Lock = Type.Object(lockFields);
const LockDetail = Type.Object({
  ...lockFields,
  releases: Type.Array(
    Type.Object({
      at: Type.String(),
      qty: Type.Integer(),
      reason: Type.Union([Type.String(), Type.Null()]),
      actor: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
const LockCreated = Type.Object({ ...lockFields, position: Position });
const Unlocked = Type.Object({ ...lockFields, unlocked: Type.Integer(), position: Position });
export const LockParams = Type.Object({ id: Code });

export const LockQuery = Type.Object(
  {
    sku: Type.Optional(Code),
    warehouse: Type.Optional(Code),
    active: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  strict,
);

export const lockRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/locks',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['locks'],
          summary: 'Lock units at a position (L += qty, needs sellable), released in waves or at until',
          description:
            'Waves are (at, qty) releases in time order, summing to at most qty, all before until; until releases whatever is still locked. The service carries them out itself.',
          headers: IdempotencyHeaders,
          body: LockBody,
          response: { 201: LockCreated },
        },
      },
      async (req, reply) => {
        const out = await createLock(ctx, req.body, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
    app.get(
      '/v1/locks',
      {
        config: { roles: OPERATORS },
        schema: {
          tags: ['locks'],
          summary: 'Locks, oldest first; active=true for those still holding units',
          querystring: LockQuery,
          response: { 200: page(Lock) },
        },
      },
      async (req) => listLocks(ctx, paged(req.query)),
    );
    app.get(
      '/v1/locks/:id',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        schema: {
          tags: ['locks'],
          summary: 'A lock, its waves and every release so far',
          params: LockParams,
          response: { 200: LockDetail },
        },
      },
      async (req) => {
        const lock = await getLock(ctx, req.params.id);
        requireRecordReadable(req.actor, [lock.warehouse]);
        return lock;
      },
    );
    app.post(
      '/v1/locks/:id/unlock',
      {
        config: { roles: OPERATORS, warehouseScoped: true },
        preValidation: async (req) => {
          // An empty body means "unlock everything still locked".
          if (req.body === undefined || req.body === null) req.body = {};
        },
        schema: {
          tags: ['locks'],
          summary: 'Unlock qty units of a lock, or all still locked',
          headers: IdempotencyHeaders,
          params: LockParams,
          body: UnlockBody,
          response: { 200: Unlocked },
        },
      },
      async (req, reply) => {
        const out = await unlockLock(ctx, req.params.id, req.body.qty, commandOptions(req));
        return sendOutcome(reply, out);
      },
    );
  };
