/** API keys: stored as SHA-256 hashes, shown in full only when created. */
import { createHash, randomBytes } from 'node:crypto';
import { fail } from '../domain/errors.ts';
import { requireKnown } from './catalog.ts';
import type { Actor, AppContext, Role } from './context.ts';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateKey(): string {
  return `sr_${randomBytes(24).toString('base64url')}`;
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  warehouses: string[] | null;
  createdAt: string;
  revokedAt: string | null;
}

interface KeyRow {
  id: string;
  name: string;
  role: Role;
  warehouses: string[] | null;
  created_at: Date;
  revoked_at: Date | null;
}

const view = (r: KeyRow): ApiKeyView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  warehouses: r.warehouses,
  createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function createApiKey(
  ctx: AppContext,
  input: { name: string; role: Role; warehouses?: string[] | undefined; key?: string },
): Promise<ApiKeyView & { key: string }> {
  if (input.warehouses && input.role !== 'operator') {
    fail('invalid_request', 'only operator keys can be limited to warehouses', { role: input.role });
  }
  if (input.warehouses) await requireKnown(ctx.db, [], input.warehouses);
  const key = input.key ?? generateKey();
  const { rows } = await ctx.db.query<KeyRow>(
    `insert into api_keys (id, name, key_hash, role, warehouses, created_at)
     values ($1, $2, $3, $4, $5, $6) returning *`,
    [ctx.newId('key'), input.name, hashKey(key), input.role, input.warehouses ?? null, ctx.clock()],
  );
  return { ...view(rows[0]!), key };
}

export async function listApiKeys(ctx: AppContext): Promise<ApiKeyView[]> {
  const { rows } = await ctx.db.query<KeyRow>('select * from api_keys order by created_at, id');
  return rows.map(view);
}

export async function revokeApiKey(ctx: AppContext, id: string): Promise<ApiKeyView> {
  const { rows } = await ctx.db.query<KeyRow>(
    'update api_keys set revoked_at = coalesce(revoked_at, $2) where id = $1 returning *',
    [id, ctx.clock()],
  );
  if (!rows[0]) fail('unknown_api_key', `no API key ${id}`, { id });
  return view(rows[0]);
}

export async function authenticate(ctx: AppContext, key: string): Promise<Actor | null> {
  const { rows } = await ctx.db.query<KeyRow>(
    'select * from api_keys where key_hash = $1 and revoked_at is null',
    [hashKey(key)],
  );
  const row = rows[0];
  return row ? { id: row.id, role: row.role, warehouses: row.warehouses } : null;
}

/**
 * Makes sure an admin key exists. A key given in the environment is registered if new;
 * otherwise, on the very first start, one is generated and returned so it can be printed once.
 */
export async function ensureAdminKey(ctx: AppContext, fromEnv?: string): Promise<string | null> {
  // Several processes may start at once on a new database: let one decide at a time.
  return ctx.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [ADMIN_KEY_LOCK]);
    if (fromEnv) {
      await tx.query(
        `insert into api_keys (id, name, key_hash, role, created_at)
         values ($1, 'admin (STOCKROOM_ADMIN_KEY)', $2, 'admin', $3) on conflict (key_hash) do nothing`,
        [ctx.newId('key'), hashKey(fromEnv), ctx.clock()],
      );
      return null;
    }
    const { rows } = await tx.query(`select 1 from api_keys where role = 'admin' limit 1`);
    if (rows.length > 0) return null;
    const key = generateKey();
    await tx.query(
      `insert into api_keys (id, name, key_hash, role, created_at) values ($1, 'first admin', $2, 'admin', $3)`,
      [ctx.newId('key'), hashKey(key), ctx.clock()],
    );
    return key;
  });
}

/** Any fixed number: serialises the first-start admin key decision across processes. */
const ADMIN_KEY_LOCK = 7_341_002;
