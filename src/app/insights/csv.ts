/** The CSV of a report's table: the same numbers as its JSON, one row per line. */

export interface Table {
  columns: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
}

/** Numbers as JSON writes them (so the CSV agrees with the API to the cent); text quoted when needed. */
function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A leading =, +, - or @ would be a formula to a spreadsheet: quote such text.
  return /^[=+\-@]/.test(value) || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(table: Table): string {
  return [table.columns.join(','), ...table.rows.map((r) => r.map(field).join(','))].join('\n') + '\n';
}
