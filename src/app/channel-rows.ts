/**
 * The channels table: a channel's row, what the order placement and availability read of it, and
 * the unlocked read by code. The settings use cases are src/app/channels.ts; the units a channel
 * holds for itself, src/app/ring-fences.ts.
 */
import type { Queryable } from '../db/database.ts';
import type { ChannelPolicySettings } from '../domain/channels.ts';
import { fail } from '../domain/errors.ts';

/** A channel's settings, as the order placement and availability read them. */
export interface Channel extends ChannelPolicySettings {
  code: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChannelRow {
  code: string;
  name: string;
  warehouses: string[] | null;
  buffer_units: number | null;
  buffer_percent: number | null;
  cap: number | null;
  created_at: Date;
  updated_at: Date;
}

export function toChannel(row: ChannelRow): Channel {
  return {
    code: row.code,
    name: row.name,
    warehouses: row.warehouses,
    bufferUnits: row.buffer_units,
    bufferPercent: row.buffer_percent,
    cap: row.cap,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function failUnknownChannel(codes: string[]): never {
  return fail('unknown_channel', `unknown channel ${codes.join(', ')}`, { channels: codes });
}

/**
 * Channel settings by code, for the order placement: one read, no locks. Codes that name no
 * channel are absent from the map; an order naming one is `404 unknown_channel`.
 */
export async function loadChannels(q: Queryable, codes: string[]): Promise<Map<string, Channel>> {
  const { rows } = await q.query<ChannelRow>('select * from channels where code = any($1::text[])', [
    [...new Set(codes)],
  ]);
  return new Map(rows.map((r) => [r.code, toChannel(r)]));
}
