/** Shop-wide settings: the currency every money figure is in. */
import { readSetting, writeSetting } from '../db/settings.ts';
import type { Queryable } from '../db/database.ts';
import { fail } from '../domain/errors.ts';
import { DEFAULT_CURRENCY, isCurrencyCode } from '../domain/money.ts';
import type { AppContext } from './context.ts';

export interface ShopSettings {
  /** ISO 4217 code of prices, costs and stock values. */
  currency: string;
}

const KEY = 'shop';

export async function getShopSettings(q: Queryable): Promise<ShopSettings> {
  const stored = await readSetting<Partial<ShopSettings>>(q, KEY);
  return { currency: stored?.currency ?? DEFAULT_CURRENCY };
}

export async function putShopSettings(ctx: AppContext, input: ShopSettings): Promise<ShopSettings> {
  if (!isCurrencyCode(input.currency)) {
    fail('invalid_currency', `${input.currency} is not an ISO 4217 currency code`, {
      currency: input.currency,
    });
  }
  await writeSetting(ctx.db, KEY, { currency: input.currency }, ctx.clock());
  return { currency: input.currency };
}

/** The shop's currency as an SQL expression, so a read model answers it in its own statement. */
export const CURRENCY_SQL = `coalesce((select value->>'currency' from settings where key = '${KEY}'), '${DEFAULT_CURRENCY}')`;

/** The currency alone, for the money fields of read models. */
export async function shopCurrency(q: Queryable): Promise<string> {
  return (await getShopSettings(q)).currency;
}
