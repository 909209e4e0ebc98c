/** The plain-text answers the stock commands share: tables, positions and the sellable sum. */
import type { PositionView } from '../../app/stock.ts';
import { BUCKETS, sellable, type Quantities } from '../../domain/quantities.ts';

/** Columns of strings left-aligned, of numbers right-aligned (the header follows its column). */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const cells = [head, ...rows].map((r) => r.map((c) => String(c)));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Every line of `text` indented by two spaces, e.g. a table under its heading. */
export const indent = (text: string) => text.replace(/^/gm, '  ');

/** Column names of the seven quantities, in the model's order. */
export const BUCKET_HEAD: readonly string[] = BUCKETS;
export const buckets = (q: Quantities) => BUCKETS.map((b) => q[b]);

/** S = I - O - U - L - T + V in numbers, e.g. `20 - 0 - (1 + 0) - 3 - 2 + 10 = 24`. */
export function sellableSum(q: Quantities): string {
  const { onHand, reserved, damaged, qcPending, locked, transferReserved, virtual } = q;
  return `${onHand} - ${reserved} - (${damaged} + ${qcPending}) - ${locked} - ${transferReserved} + ${virtual} = ${sellable(q)}`;
}

/** One position after a change, every quantity named. */
export function positionLine(sku: string, p: PositionView): string {
  const parts = BUCKETS.map((name) => `${name} ${p[name]}`);
  return `  ${sku} at ${p.warehouse}: ${parts.join(', ')}; sellable ${p.sellable}`;
}

/** A time that may be missing, e.g. a lock without `until`. */
export const when = (iso: string | null) => iso ?? '-';
