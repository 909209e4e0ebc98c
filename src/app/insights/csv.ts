/** The CSV of a report's table: the same numbers as its JSON, one row per line. */
import { csvLine } from '../csv.ts';

export interface Table {
  columns: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

export function toCsv(table: Table): string {
  return csvLine(table.columns) + table.rows.map(csvLine).join('');
}
