/**
 * The transfer board's forms without React: a partial shipment (units per line, up to what is
 * still planned) and a receipt split per line into good, damaged and lost (with a reason), checked
 * as POST /v1/transfers/{id}/ship and /receive check them, so the dialog says what is wrong
 * before the API has to. What is wrong is said in the chosen language (English when none is given).
 */
import { formatUnits } from './format.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

type FormWords = WordsMessages['transferForms'];

const wholeOrZero = (text: string): number | null => {
  const t = text.trim();
  if (t === '') return 0;
  return /^\d+$/.test(t) ? Number(t) : null;
};

export interface ShipRow {
  sku: string;
  /** planned, not shipped, not cancelled */
  open: number;
  qty: string;
}

export function shipLines(
  rows: ShipRow[],
  words: FormWords = WORDS.en.transferForms,
): { lines: { sku: string; qty: number }[]; errors: string[] } {
  const lines: { sku: string; qty: number }[] = [];
  const errors: string[] = [];
  for (const r of rows) {
    const qty = wholeOrZero(r.qty);
    if (qty === null) errors.push(words.notWhole(r.sku, r.qty));
    else if (qty > r.open) errors.push(words.overPlanned(r.sku, formatUnits(qty), formatUnits(r.open)));
    else if (qty > 0) lines.push({ sku: r.sku, qty });
  }
  if (errors.length === 0 && lines.length === 0) errors.push(words.nothingToShip);
  return { lines, errors };
}

export interface ReceiveRow {
  sku: string;
  inTransit: number;
  received: string;
  damaged: string;
  lost: string;
  lossReason: string;
}

export interface ReceiveLine {
  sku: string;
  received: number;
  damaged?: number;
  lost?: number;
  lossReason?: string;
}

/** The form's first values: everything on the road arrives in good condition. */
export function receiveRows(lines: { sku: string; inTransit: number }[]): ReceiveRow[] {
  return lines
    .filter((l) => l.inTransit > 0)
    .map((l) => ({
      sku: l.sku,
      inTransit: l.inTransit,
      received: String(l.inTransit),
      damaged: '0',
      lost: '0',
      lossReason: '',
    }));
}

/**
 * The request lines (lines accounting for no unit are left out: the API refuses them) and what is
 * wrong, per line: not whole numbers, more than is in transit, a loss without a reason.
 */
export function receiveLines(
  rows: ReceiveRow[],
  words: FormWords = WORDS.en.transferForms,
): {
  lines: ReceiveLine[];
  errors: string[];
  /** units left on the road, per SKU, when less than is in transit is accounted for */
  remaining: { sku: string; qty: number }[];
} {
  const lines: ReceiveLine[] = [];
  const errors: string[] = [];
  const remaining: { sku: string; qty: number }[] = [];
  for (const r of rows) {
    const received = wholeOrZero(r.received);
    const damaged = wholeOrZero(r.damaged);
    const lost = wholeOrZero(r.lost);
    if (received === null || damaged === null || lost === null) {
      errors.push(words.notQuantities(r.sku));
      continue;
    }
    const total = received + damaged + lost;
    if (total > r.inTransit) {
      errors.push(words.overInTransit(r.sku, formatUnits(total), formatUnits(r.inTransit)));
      continue;
    }
    const reason = r.lossReason.trim();
    if (lost > 0 && !reason) {
      errors.push(words.whyLost(r.sku, lost, formatUnits(lost)));
      continue;
    }
    if (total < r.inTransit) remaining.push({ sku: r.sku, qty: r.inTransit - total });
    if (total === 0) continue;
    lines.push({
      sku: r.sku,
      received,
      ...(damaged ? { damaged } : {}),
      ...(lost ? { lost, lossReason: reason } : {}),
    });
  }
  if (errors.length === 0 && lines.length === 0) errors.push(words.nothingToReceive);
  return { lines, errors, remaining };
}
