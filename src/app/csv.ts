/**
 * Writing CSV that is safe to open in a spreadsheet. A text cell that starts with = + - @ (or a
 * tab or carriage return) would be run as a formula by Excel, LibreOffice and Google Sheets
 * ("CSV injection"); quoting does not stop that, so such a cell gets a leading apostrophe,
 * which spreadsheets show as text. Readers of our own files undo it with `unguardCsvText`.
 * Reading: `parseCsvRecords` and `recordStartLine`, shared by the stock and catalogue imports.
 */
import { parse } from 'csv-parse/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/** What a cell may hold. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell: numbers and booleans as they are (numbers as JSON writes them, so a CSV agrees with
 * the API to the cent), null as empty, text guarded and quoted if needed.
 */
function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, newline-terminated: the one way this service writes CSV. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** Reverses the guard of `csvLine` on a cell read back from a file this service wrote. */
export function unguardCsvText(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * The line a parsed CSV record starts on (csv-parse's `info.lines` is where it ends; a quoted
 * field may span several lines), for errors that name the line a person sees in the file.
 */
export function recordStartLine(endLine: number, raw: string): number {
  const inner = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  return endLine - (inner.match(/\n/g)?.length ?? 0);
}

/** A parsed CSV record with what csv-parse knows of where it ends and its raw text. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/**
 * Parses an uploaded CSV (BOM, trimmed cells, blank lines skipped, ragged rows kept so each is
 * reported by line), or says at which line it stops being CSV.
 */
export function parseCsvRecords(
  text: string,
): { records: CsvRecord[] } | { invalid: { line: number; message: string } } {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as CsvRecord[];
    return { records };
  } catch (err) {
    return {
      invalid: {
        line: (err as { lines?: number }).lines ?? 1,
        message: `not valid CSV: ${(err as Error).message}`,
      },
    };
  }
}
