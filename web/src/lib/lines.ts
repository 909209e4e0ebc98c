/** "SKU=qty" lines typed by a person (one a line, or comma-separated) into request lines. */
import { WORDS, type WordsMessages } from './i18n-words.ts';

export interface QtyLine {
  sku: string;
  qty: number;
}

/** What is wrong is said in the chosen language (English when none is given). */
export function parseLines(
  text: string,
  words: WordsMessages['qtyLines'] = WORDS.en.qtyLines,
): { lines: QtyLine[]; errors: string[] } {
  const lines: QtyLine[] = [];
  const errors: string[] = [];
  for (const raw of text.split(/[\n,]/)) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^([^\s=×x]+)\s*(?:=|×|x|\s)\s*(\d+)$/.exec(part);
    if (!m || Number(m[2]) <= 0) {
      errors.push(words.notALine(part));
      continue;
    }
    lines.push({ sku: m[1]!, qty: Number(m[2]) });
  }
  return { lines, errors };
}
