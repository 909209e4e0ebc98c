/**
 * The sellable formula S = I - O - U - L - T + V of docs/inventory-model.md, worked out in
 * numbers for one position or a total, and the units by state for the stacked bar.
 */
import { formatUnits } from './format.ts';

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

export function terms(q: Quantities): Term[] {
  return [
    { symbol: 'I', label: 'on hand', sign: 1, value: q.onHand },
    { symbol: 'O', label: 'reserved', sign: -1, value: q.reserved },
    { symbol: 'U', label: 'damaged + inspection', sign: -1, value: q.damaged + q.qcPending },
    { symbol: 'L', label: 'locked', sign: -1, value: q.locked },
    { symbol: 'T', label: 'transfer', sign: -1, value: q.transferReserved },
    { symbol: 'V', label: 'virtual', sign: 1, value: q.virtual },
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

export const SEGMENTS = [
  { key: 'sellable', label: 'sellable', color: '#2f9e44' },
  { key: 'reserved', label: 'reserved', color: '#1c7ed6' },
  { key: 'damaged', label: 'damaged', color: '#e03131' },
  { key: 'inspection', label: 'inspection', color: '#f08c00' },
  { key: 'locked', label: 'locked', color: '#7048e8' },
  { key: 'transfer', label: 'transfer', color: '#0c8599' },
  { key: 'virtual', label: 'virtual', color: '#adb5bd' },
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
