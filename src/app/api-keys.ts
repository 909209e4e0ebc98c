/**
 * API keys: stored as SHA-256 hashes, shown in full only when created (or rotated). A key may
 * expire; a rotation makes a new key and lets the old one work until a grace period ends. Every
 * change that ends a key tells this process's key caches at once (`onKeyEnded`), and the other
 * workers of the same `serve` through the cluster primary (src/cli/cluster.ts); other
 * processes see it when their cached lookup runs out (src/http/auth.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { changesNoStock } from '../db/database.ts';
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
  /** null: never expires. */
  expiresAt: string | null;
  /** To the minute: use is recorded at most once a minute per key. */
  lastUsedAt: string | null;
  /** The key that replaced this one in a rotation. */
  replacedBy: string | null;
}

interface KeyRow {
  id: string;
  name: string;
  key_hash: string;
  role: Role;
  warehouses: string[] | null;
  created_at: Date;
  revoked_at: Date | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  replaced_by: string | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

const view = (r: KeyRow): ApiKeyView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  warehouses: r.warehouses,
  createdAt: r.created_at.toISOString(),
  revokedAt: iso(r.revoked_at),
  expiresAt: iso(r.expires_at),
  lastUsedAt: iso(r.last_used_at),
  replacedBy: r.replaced_by,
});

type KeyEndedListener = (id: string) => void;
const keyEndedListeners = new Set<KeyEndedListener>();

/** Called with a key's id when it is revoked or cut short by a rotation; returns an unsubscribe. */
export function onKeyEnded(listener: KeyEndedListener): () => void {
  keyEndedListeners.add(listener);
  return () => keyEndedListeners.delete(listener);
}

/** Tells every listener of this process that key `id` ended (also called for a sibling worker's news). */
export function keyEnded(id: string): void {
  for (const listener of keyEndedListeners) listener(id);
}

function requireFuture(ctx: AppContext, expiresAt: string | undefined): Date | null {
  if (expiresAt === undefined) return null;
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime()) || at <= ctx.clock()) {
    fail('invalid_request', 'expiresAt must be a time in the future', { expiresAt });
  }
  return at;
}

export async function createApiKey(
  ctx: AppContext,
  input: {
    name: string;
    role: Role;
    warehouses?: string[] | undefined;
    expiresAt?: string | undefined;
    key?: string;
  },
): Promise<ApiKeyView & { key: string }> {
  if (input.warehouses && input.role !== 'operator') {
    fail('invalid_request', 'only operator keys can be limited to warehouses', { role: input.role });
  }
  const expiresAt = requireFuture(ctx, input.expiresAt);
  if (input.warehouses) await requireKnown(ctx.db, [], input.warehouses);
  const key = input.key ?? generateKey();
  const { rows } = await ctx.db.query<KeyRow>(
    `insert into api_keys (id, name, key_hash, role, warehouses, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning *`,
    [
      ctx.newId('key'),
      input.name,
      hashKey(key),
      input.role,
      input.warehouses ?? null,
      ctx.clock(),
      expiresAt,
    ],
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
  keyEnded(id);
  return view(rows[0]);
}

/** The longest grace period a rotation may give the old key: 30 days. */
export const MAX_GRACE_SECONDS = 30 * 24 * 3600;

/**
 * Rotates a key: a new key with the same name, role and warehouses (and `expiresAt`, if given),
 * while the old one keeps working for `graceSeconds` (0: it stops now) unless it expires or is
 * revoked sooner. A key already revoked, expired or rotated cannot be rotated again
 * (`409 invalid_state`): rotate its replacement.
 */
export async function rotateApiKey(
  ctx: AppContext,
  id: string,
  input: { graceSeconds?: number | undefined; expiresAt?: string | undefined },
): Promise<{ key: ApiKeyView & { key: string }; previous: ApiKeyView }> {
  const expiresAt = requireFuture(ctx, input.expiresAt);
  const now = ctx.clock();
  const graceEnds = new Date(now.getTime() + (input.graceSeconds ?? 0) * 1000);
  const key = generateKey();
  const result = await ctx.db.transaction(async (tx) => {
    const { rows: old } = await tx.query<KeyRow>('select * from api_keys where id = $1 for update', [id]);
    const row = old[0];
    if (!row) fail('unknown_api_key', `no API key ${id}`, { id });
    const state = keyState(row, now);
    if (state !== 'active' || row.replaced_by !== null) {
      fail(
        'invalid_state',
        `API key ${id} is ${row.replaced_by ? 'already rotated' : state}; rotate a working key`,
        {
          id,
          state: row.replaced_by ? 'rotated' : state,
          replacedBy: row.replaced_by,
        },
      );
    }
    const { rows: made } = await tx.query<KeyRow>(
      `insert into api_keys (id, name, key_hash, role, warehouses, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [ctx.newId('key'), row.name, hashKey(key), row.role, row.warehouses, now, expiresAt],
    );
    const { rows: previous } = await tx.query<KeyRow>(
      `update api_keys set replaced_by = $2,
         expires_at = case when expires_at is null or expires_at > $3 then $3 else expires_at end
       where id = $1 returning *`,
      [id, made[0]!.id, graceEnds],
    );
    return { key: { ...view(made[0]!), key }, previous: view(previous[0]!) };
  });
  // The old key's cached lookups must learn of its new expiry (at once when there is no grace).
  keyEnded(id);
  return result;
}

export type KeyState = 'active' | 'revoked' | 'expired';

function keyState(row: Pick<KeyRow, 'revoked_at' | 'expires_at'>, now: Date): KeyState {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && row.expires_at <= now) return 'expired';
  return 'active';
}

/** What a presented key is: the caller it stands for (and until when), or why it is refused. */
export type Authentication =
  | { ok: true; actor: Actor; expiresAt: Date | null }
  | { ok: false; reason: 'unknown' | 'revoked' }
  | { ok: false; reason: 'expired'; expiredAt: Date };

const KEY_BY_HASH_SQL = changesNoStock('select * from api_keys where key_hash = $1');

export async function authenticate(ctx: AppContext, key: string): Promise<Authentication> {
  const hash = hashKey(key);
  // Found by its hash (an index lookup on a value the caller cannot steer), then compared in
  // constant time, so how long a refusal takes says nothing about how close a guess came.
  const { rows } = await ctx.db.query<KeyRow>(KEY_BY_HASH_SQL, [hash]);
  const row = rows[0];
  if (!row || !sameHash(row.key_hash, hash)) return { ok: false, reason: 'unknown' };
  const state = keyState(row, ctx.clock());
  if (state === 'revoked') return { ok: false, reason: 'revoked' };
  if (state === 'expired') return { ok: false, reason: 'expired', expiredAt: row.expires_at! };
  return {
    ok: true,
    actor: { id: row.id, role: row.role, warehouses: row.warehouses },
    expiresAt: row.expires_at,
  };
}

function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, 'hex');
  const b = Buffer.from(presented, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How often a key's last use is written at most: "last used" is accurate to this. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const RECORD_USE_SQL = changesNoStock(
  `update api_keys set last_used_at = $2
   where id = $1 and (last_used_at is null or last_used_at <= $3)`,
);

/**
 * Records that a key was used at `at`, unless a use within the last minute is already recorded
 * (by this or another process): at most one write per key per minute.
 */
export async function recordKeyUse(ctx: AppContext, id: string, at: Date): Promise<void> {
  await ctx.db.query(RECORD_USE_SQL, [id, at, new Date(at.getTime() - LAST_USED_RESOLUTION_MS)]);
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
