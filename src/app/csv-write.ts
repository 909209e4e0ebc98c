/**
 * Writing CSV that is safe to open in a spreadsheet. A text cell that starts with = + - @ (or a
 * tab or carriage return) would be run as a formula by Excel, LibreOffice and Google Sheets
 * ("CSV injection"); quoting does not stop that, so such a cell gets a leading apostrophe,
 * which spreadsheets show as text. Readers of our own files undo it with `unguardCsvText`.
 * No imports: the server and the dashboard (web/src/lib/list-tools.ts) write with this one.
 */

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
