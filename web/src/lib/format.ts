/**
 * Numbers, money and times in the locale of the dashboard's language (set by the language
 * switch; until then, and in tests that set none, the browser's), or a given one.
 */

let formatLocale: string | undefined = undefined;
export function setFormatLocale(locale: string | undefined): void {
  formatLocale = locale;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** Whole units: 12,345 (en), 12.345 (de). */
export function formatUnits(n: number | null | undefined, locale: string | undefined = formatLocale): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return nf(locale, { maximumFractionDigits: 0 }).format(n);
}

/** A signed change: +5, −3 (a real minus sign), 0. */
export function formatDelta(n: number, locale: string | undefined = formatLocale): string {
  if (n === 0) return '0';
  return nf(locale, { maximumFractionDigits: 0, signDisplay: 'always' }).format(n).replace('-', '−');
}

/**
 * The shop's currency (GET /v1/settings/shop), set once the dashboard has read it: every money
 * figure is in it. Until then (and in tests that set none) money has no symbol.
 */
let shopCurrency: string | null = null;
export function setShopCurrency(currency: string | null): void {
  shopCurrency = currency;
}

/** Money in the shop's currency, as the locale writes it: £1,234.50, 1.234,50 €. */
export function formatMoney(
  n: number | null | undefined,
  locale: string | undefined = formatLocale,
  currency = shopCurrency,
): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  if (currency) {
    try {
      return nf(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(n);
    } catch {
      // An unknown code (a newer ISO list than this browser's): the number and the code.
      return `${nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)} ${currency}`;
    }
  }
  return nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
}

/** Large values for counters: 1.2K, 3.4M. */
export function formatCompact(n: number, locale: string | undefined = formatLocale): string {
  return nf(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

export function formatPercent(fraction: number, locale: string | undefined = formatLocale): string {
  return nf(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

export function formatDateTime(
  iso: string | null | undefined,
  locale: string | undefined = formatLocale,
  timeZone?: string,
): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

export function formatBucket(
  iso: string,
  bucket: 'hour' | 'day',
  locale: string | undefined = formatLocale,
  timeZone?: string,
): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour'
      ? { hour: '2-digit', minute: '2-digit', timeZone }
      : { day: 'numeric', month: 'short', timeZone };
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

/** The start of the browser's own day, as the overview's "today". */
export function startOfLocalDay(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** A rate or a mean that may be small: one decimal (0.4, 12.5, 1,234.5). */
export function formatDecimal(
  n: number | null | undefined,
  locale: string | undefined = formatLocale,
): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return nf(locale, { maximumFractionDigits: 1 }).format(n);
}

/** A calendar day (YYYY-MM-DD, a UTC day) as the browser's locale writes it: "26 Nov 2026". */
export function formatDay(
  date: string | null | undefined,
  locale: string | undefined = formatLocale,
): string {
  if (!date) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
}

/** A calendar day without the year: "19 Dec" (for tables and chart axes). */
export function formatDayShort(
  date: string | null | undefined,
  locale: string | undefined = formatLocale,
): string {
  if (!date) return '–';
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${date.slice(0, 10)}T00:00:00Z`),
  );
}
