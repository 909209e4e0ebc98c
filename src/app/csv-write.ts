/**
 * Writing CSV that is safe to open in a spreadsheet. A text cell that starts with = + - @ (or a
 * tab or carriage return) would be run as a formula by Excel, LibreOffice and Google Sheets
 * ("CSV injection"); quoting does not stop that, so such a cell gets a leading apostrophe,
 * which spreadsheets show as text. Readers of our own files undo it with `unguardCsvText`.
 * No imports: the server and the dashboard (web/src/lib/list-tools.ts) write with this one.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers and booleans as they are, null as empty, text guarded and quoted if needed. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, newline-terminated. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

/** Reverses the guard of `csvField` on a cell read back from a file this service wrote. */
export function unguardCsvText(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
