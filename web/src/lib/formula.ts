/**
 * The sellable formula S = I - O - U - L - T + V of docs/inventory-model.md, worked out in
 * numbers for one position or a total, and the units by state for the stacked bar.
 */
import { formatUnits } from './format.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

export interface Quantities {
  onHand: number;
  reserved: number;
  damaged: number;
  qcPending: number;
  locked: number;
  transferReserved: number;
  virtual: number;
  sellable: number;
}

export interface Term {
  symbol: 'I' | 'O' | 'U' | 'L' | 'T' | 'V';
  label: string;
  sign: 1 | -1;
  value: number;
}

/** The terms with their names in the chosen language (English when none is given). */
export function terms(q: Quantities, label: WordsMessages['charts']['term'] = WORDS.en.charts.term): Term[] {
  return [
    { symbol: 'I', label: label.I, sign: 1, value: q.onHand },
    { symbol: 'O', label: label.O, sign: -1, value: q.reserved },
    { symbol: 'U', label: label.U, sign: -1, value: q.damaged + q.qcPending },
    { symbol: 'L', label: label.L, sign: -1, value: q.locked },
    { symbol: 'T', label: label.T, sign: -1, value: q.transferReserved },
    { symbol: 'V', label: label.V, sign: 1, value: q.virtual },
  ];
}

export function sellableOf(q: Omit<Quantities, 'sellable'>): number {
  return q.onHand - q.reserved - q.damaged - q.qcPending - q.locked - q.transferReserved + q.virtual;
}

/**
 * "22 − 0 − (2 + 0) − 4 − 2 + 10 = 24". The server's `sellable` is what is shown after `=`;
 * `consistent` says whether the terms add up to it (they always should: a mismatch is a bug).
 */
export function workedFormula(q: Quantities, locale?: string): { text: string; consistent: boolean } {
  const n = (v: number) => formatUnits(v, locale);
  const text =
    `${n(q.onHand)} − ${n(q.reserved)} − (${n(q.damaged)} + ${n(q.qcPending)}) − ${n(q.locked)}` +
    ` − ${n(q.transferReserved)} + ${n(q.virtual)} = ${n(q.sellable)}`;
  return { text, consistent: sellableOf(q) === q.sellable };
}

/** The stacked bar's segments; their names are the catalogue's `charts.segment`. */
export const SEGMENTS = [
  { key: 'sellable', color: '#2f9e44' },
  { key: 'reserved', color: '#1c7ed6' },
  { key: 'damaged', color: '#e03131' },
  { key: 'inspection', color: '#f08c00' },
  { key: 'locked', color: '#7048e8' },
  { key: 'transfer', color: '#0c8599' },
  { key: 'virtual', color: '#adb5bd' },
] as const;
export type SegmentKey = (typeof SEGMENTS)[number]['key'];

/**
 * Units by state, for a stacked bar: the physical units split into what is free to sell and
 * what is held (reserved, damaged, inspection, locked, transfer), plus virtual supply beyond
 * them. Free physical units are never drawn negative: an oversold position shows 0 there.
 */
export function segments(q: Quantities): Record<SegmentKey, number> {
  const held = q.reserved + q.damaged + q.qcPending + q.locked + q.transferReserved;
  return {
    sellable: Math.max(0, q.onHand - held),
    reserved: q.reserved,
    damaged: q.damaged,
    inspection: q.qcPending,
    locked: q.locked,
    transfer: q.transferReserved,
    virtual: q.virtual,
  };
}
