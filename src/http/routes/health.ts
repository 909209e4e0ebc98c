/**
 * Probes for supervisors and load balancers, public (no key):
 * - `/healthz`: the process is alive and answering; it never touches the database, so a
 *   database outage does not get the process restarted (which would not help).
 * - `/readyz`: this process can serve now: the database answers, every migration this build
 *   knows is applied, and it is not shutting down. 503 with the reason otherwise, so a load
 *   balancer sends traffic elsewhere until it recovers by itself.
 * - `/health`: the older combined check, kept for existing monitors.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { isPgError, isUnavailable } from '../../db/database.ts';
import { loadMigrations } from '../../db/migrate.ts';
import { errorBody, RETRY_AFTER_SECONDS } from '../errors.ts';

/** Set by the process when it begins to stop, so that /readyz turns traffic away at once. */
export class Readiness {
  shuttingDown = false;
}

/** Longer than a probe's usual timeout is useless: a database this slow counts as away. */
const READY_CHECK_TIMEOUT_MS = 1_000;

const NotReady = Type.Object({
  error: Type.Object({
    code: Type.Literal('not_ready'),
    message: Type.String(),
    details: Type.Object({
      reason: Type.Union([
        Type.Literal('database_unavailable'),
        Type.Literal('migrations_pending'),
        Type.Literal('shutting_down'),
      ]),
      pending: Type.Optional(Type.Array(Type.String())),
    }),
  }),
});

type Reason = 'database_unavailable' | 'migrations_pending' | 'shutting_down';

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'ETIMEDOUT' })),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export const healthRoutes =
  (ctx: AppContext, readiness: Readiness = new Readiness()): FastifyPluginAsyncTypebox =>
  async (app) => {
    const expected = loadMigrations().map((m) => m.version);

    /** Why this process cannot serve, or null when it can. */
    const notReady = async (): Promise<{ reason: Reason; message: string; pending?: string[] } | null> => {
      if (readiness.shuttingDown)
        return { reason: 'shutting_down', message: 'this process is shutting down' };
      let applied: Set<string>;
      try {
        const { rows } = await withTimeout(
          ctx.db.query<{ version: string }>('select version from schema_migrations'),
          READY_CHECK_TIMEOUT_MS,
        );
        applied = new Set(rows.map((r) => r.version));
      } catch (err) {
        // undefined_table: a database nobody has migrated yet.
        if (isPgError(err) && err.code === '42P01') applied = new Set();
        else {
          if (!isUnavailable(err)) app.log.error({ err }, 'readiness check failed');
          return {
            reason: 'database_unavailable',
            message: `the database cannot be reached: ${err instanceof Error ? err.message : String(err)}`,
          };
        }
      }
      const pending = expected.filter((v) => !applied.has(v));
      if (pending.length > 0) {
        return {
          reason: 'migrations_pending',
          message: `${pending.length} migration(s) not applied: run \`stockroom migrate\``,
          pending,
        };
      }
      return null;
    };

    app.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'Liveness: the process answers (does not touch the database)',
          security: [],
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'Readiness: database reachable, migrations applied, not shutting down',
          security: [],
          response: {
            200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }),
            503: NotReady,
          },
        },
      },
      async (_req, reply) => {
        const problem = await notReady();
        if (!problem) return { status: 'ready' as const, database: ctx.db.kind };
        const { reason, message, pending } = problem;
        return reply
          .status(503)
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .send({
            error: {
              code: 'not_ready' as const,
              message,
              details: pending ? { reason, pending } : { reason },
            },
          });
      },
    );

    app.get(
      '/health',
      { schema: { tags: ['health'], summary: 'Liveness and database reachability', security: [] } },
      async (_req, reply) => {
        try {
          await ctx.db.query('select 1');
          return { status: 'ok', database: ctx.db.kind };
        } catch {
          return reply
            .status(503)
            .header('retry-after', String(RETRY_AFTER_SECONDS))
            .send(errorBody('database_unavailable', 'the database cannot be reached'));
        }
      },
    );
  };
