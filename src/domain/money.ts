/**
 * The shop's currency: every price, cost and stock value in Stockroom is in this one currency
 * (an ISO 4217 code). Stockroom converts nothing; it says which currency its figures are in.
 */
export const DEFAULT_CURRENCY = 'USD';

/** ISO 4217 codes the runtime knows (Intl's list: the active currencies). */
const KNOWN = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && KNOWN.has(code);
}
