/** "SKU=qty" lines typed by a person (one a line, or comma-separated) into request lines. */

export interface QtyLine {
  sku: string;
  qty: number;
}

export function parseLines(text: string): { lines: QtyLine[]; errors: string[] } {
  const lines: QtyLine[] = [];
  const errors: string[] = [];
  for (const raw of text.split(/[\n,]/)) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^([^\s=×x]+)\s*(?:=|×|x|\s)\s*(\d+)$/.exec(part);
    if (!m || Number(m[2]) <= 0) {
      errors.push(`"${part}" is not SKU=quantity`);
      continue;
    }
    lines.push({ sku: m[1]!, qty: Number(m[2]) });
  }
  return { lines, errors };
}
