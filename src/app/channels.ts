/**
 * Sales channels' settings: which warehouses a channel sells from, what it publishes of the
 * shared pool (buffer, cap; see src/domain/channels.ts), and the units ring-fenced for it alone,
 * all set in one transaction; and the reads of them. The channels table's row is in
 * src/app/channel-rows.ts, the ring-fences' lock rows in src/app/ring-fences.ts, and what a
 * channel publishes (with incremental sync and the feeds) in src/app/channel-availability.ts.
 */
import type { Queryable, Transaction } from '../db/database.ts';
import {
  duplicateRingFences,
  isValidBufferPercent,
  ringFenceChanges,
  sellsFrom,
  type RingFence,
} from '../domain/channels.ts';
import { fail } from '../domain/errors.ts';
import { requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import {
  failUnknownChannel,
  loadChannels,
  toChannel,
  type Channel,
  type ChannelRow,
} from './channel-rows.ts';
import type { AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { channelLocks, lowerRingFence, raiseRingFence, ringFencesOf } from './ring-fences.ts';

export interface ChannelInput {
  name: string;
  /** Omitted or null: every warehouse. */
  warehouses?: string[] | null | undefined;
  bufferUnits?: number | null | undefined;
  bufferPercent?: number | null | undefined;
  cap?: number | null | undefined;
  /**
   * The units to hold for the channel alone, by position: replaces the current set (a position
   * left out goes to 0). Omitted: the ring-fences stay as they are.
   */
  ringFenced?: RingFence[] | undefined;
}

export interface ChannelView {
  code: string;
  name: string;
  warehouses: string[] | null;
  bufferUnits: number | null;
  bufferPercent: number | null;
  cap: number | null;
  /** Units still locked for the channel, by position (orders of the channel consume them). */
  ringFenced: RingFence[];
  createdAt: string;
  /** When the settings last changed (ring-fences are stock, seen in the positions). */
  updatedAt: string;
}

function channelView(channel: Channel, ringFenced: RingFence[]): ChannelView {
  return {
    code: channel.code,
    name: channel.name,
    warehouses: channel.warehouses ? [...channel.warehouses] : null,
    bufferUnits: channel.bufferUnits,
    bufferPercent: channel.bufferPercent,
    cap: channel.cap,
    ringFenced,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}

/** Checks that need no database: fail early with a stable code. */
function checkInput(code: string, input: ChannelInput): void {
  if (input.bufferPercent !== undefined && input.bufferPercent !== null) {
    if (!isValidBufferPercent(input.bufferPercent)) {
      fail('invalid_channel', 'bufferPercent is a percentage from 0 to 100 with at most two decimals', {
        bufferPercent: input.bufferPercent,
      });
    }
  }
  const ringFenced = input.ringFenced ?? [];
  const duplicates = duplicateRingFences(ringFenced);
  if (duplicates.length > 0) {
    fail('invalid_channel', 'each position may be ring-fenced once', { duplicates });
  }
  checkRingFencesInside(code, input.warehouses ?? null, ringFenced);
}

function checkRingFencesInside(code: string, warehouses: string[] | null, ringFenced: readonly RingFence[]) {
  const outside = ringFenced.filter((r) => r.qty > 0 && !sellsFrom({ warehouses }, r.warehouse));
  if (outside.length > 0) {
    fail(
      'invalid_channel',
      `channel ${code} does not sell from ${[...new Set(outside.map((r) => r.warehouse))].join(', ')}: ring-fences must be at its warehouses (release the others by leaving them out of ringFenced)`,
      { outside, warehouses },
    );
  }
}

/**
 * Creates (201) or updates (200) a channel and sets its ring-fences, all in one transaction:
 * a ring-fence raised beyond sellable stock is `409 insufficient_stock` and nothing changes.
 */
export async function putChannel(
  ctx: AppContext,
  code: string,
  input: ChannelInput,
  opts: CommandOptions,
): Promise<Outcome<ChannelView>> {
  checkInput(code, input);
  const ringFenced = input.ringFenced;
  await requireKnown(
    ctx.db,
    (ringFenced ?? []).map((r) => r.sku),
    [...(input.warehouses ?? []), ...(ringFenced ?? []).map((r) => r.warehouse)],
  );
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['channel', code, input] },
    async (tx) => {
      const now = ctx.clock();
      const inserted = await upsertChannel(tx, code, input, now);
      const locks = await channelLocks(tx, code, null);
      const current = locks.map((l) => ({ sku: l.sku, warehouse: l.warehouse, qty: l.locked }));
      checkRingFencesInside(code, input.warehouses ?? null, ringFenced ?? current);
      if (ringFenced) {
        const changes = ringFenceChanges(current, ringFenced);
        requireWarehouseAccess(
          opts.actor,
          changes.map((c) => c.warehouse),
        );
        // In (sku, warehouse) order: the order in which every writer locks positions.
        for (const change of changes) {
          if (change.to > change.from) await raiseRingFence(ctx, tx, code, change, opts.actor, now);
          else await lowerRingFence(tx, code, change, locks, opts.actor, now);
        }
      }
      return { created: inserted, body: await readChannel(tx, code) };
    },
  );
}

/**
 * Creates or updates the channel row, locking it; true when created. Unchanged settings keep
 * the row as it was (and so its updatedAt): an incremental sync that follows a repeated PUT
 * does not have to send every SKU again.
 */
async function upsertChannel(
  tx: Transaction,
  code: string,
  input: ChannelInput,
  now: Date,
): Promise<boolean> {
  const { rows } = await tx.query<{ inserted: boolean }>(
    `insert into channels as c (code, name, warehouses, buffer_units, buffer_percent, cap, created_at, updated_at)
     values ($1, $2, $3::text[], $4, $5, $6, $7, $7)
     on conflict (code) do update set name = excluded.name, warehouses = excluded.warehouses,
       buffer_units = excluded.buffer_units, buffer_percent = excluded.buffer_percent,
       cap = excluded.cap, updated_at = excluded.updated_at
     where (c.name, c.warehouses, c.buffer_units, c.buffer_percent, c.cap)
       is distinct from (excluded.name, excluded.warehouses, excluded.buffer_units,
                         excluded.buffer_percent, excluded.cap)
     returning (xmax = 0) as inserted`,
    [
      code,
      input.name,
      input.warehouses ?? null,
      input.bufferUnits ?? null,
      input.bufferPercent ?? null,
      input.cap ?? null,
      now,
    ],
  );
  return rows[0]?.inserted ?? false;
}

async function readChannel(q: Queryable, code: string): Promise<ChannelView> {
  const channel = (await loadChannels(q, [code])).get(code);
  if (!channel) failUnknownChannel([code]);
  return channelView(channel, (await ringFencesOf(q, [code])).get(code) ?? []);
}

export async function getChannel(ctx: AppContext, code: string): Promise<ChannelView> {
  return readChannel(ctx.db, code);
}

export async function listChannels(
  ctx: AppContext,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<ChannelView>> {
  const after = page.cursor ? decodeCursor(page.cursor, ['text'])[0] : null;
  const { rows } = await ctx.db.query<ChannelRow>(
    'select * from channels where ($1::text is null or code > $1) order by code limit $2',
    [after, page.limit + 1],
  );
  const channels = rows.slice(0, page.limit).map(toChannel);
  const fences = await ringFencesOf(
    ctx.db,
    channels.map((c) => c.code),
  );
  const items = channels.map((c) => channelView(c, fences.get(c.code) ?? []));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.code]) : null };
}
