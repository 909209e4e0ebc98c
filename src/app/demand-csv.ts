/**
 * The CSV of imported daily sales: a header row naming the columns `date`, `sku`, `units` and
 * optionally `warehouse`, `outOfStock` and `returned` (any order, names case-insensitive).
 * Every line is checked; any bad line refuses the whole file with `invalid_csv`, listing the
 * first problems by line number (the header is line 1).
 */
import { parse } from 'csv-parse/sync';
import { CODE_PATTERN } from '../domain/orders.ts';
import { fail } from '../domain/errors.ts';
import {
  addDays,
  bucketDays,
  bucketStart,
  dayNumber,
  spreadEvenly,
  type Bucket,
} from '../domain/forecast/index.ts';
import type { DemandImportLine } from './demand.ts';

const REQUIRED = ['date', 'sku', 'units'] as const;
const OPTIONAL = ['warehouse', 'outofstock', 'returned'] as const;
const MAX_UNITS = 1_000_000_000;
/** Problems listed in the error, at most. */
const LISTED = 50;
const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n', '']);

export interface CsvProblem {
  line: number;
  column?: string;
  message: string;
}

/**
 * `bucket` week or month: each row is a week's (from its Monday) or a month's (from its first
 * day) total, dated by its first day, and becomes one row per day that sum back to it exactly
 * (spread evenly: the file does not say which days sold). Such a history is best forecast in
 * the same bucket (`bucket=week`), which reads the totals back unchanged.
 */
export function parseDemandCsv(text: string, options: { bucket?: Bucket } = {}): DemandImportLine[] {
  const bucket = options.bucket ?? 'day';
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (err) {
    return fail('invalid_csv', `the body is not CSV: ${(err as Error).message}`, { errors: [] });
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const problems: CsvProblem[] = [];
  for (const name of REQUIRED)
    if (!header.includes(name)) problems.push({ line: 1, column: name, message: `missing column ${name}` });
  for (const name of header) {
    if (!(REQUIRED as readonly string[]).includes(name) && !(OPTIONAL as readonly string[]).includes(name))
      problems.push({ line: 1, column: name, message: `unknown column ${name}` });
  }
  if (new Set(header).size !== header.length) problems.push({ line: 1, message: 'a column is named twice' });
  if (problems.length > 0) refuse(problems);
  const at = (name: string) => header.indexOf(name);
  const col = { date: at('date'), sku: at('sku'), units: at('units') };
  const opt = { warehouse: at('warehouse'), outOfStock: at('outofstock'), returned: at('returned') };

  const lines: DemandImportLine[] = [];
  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    const line = i + 1;
    const bad = (column: string, message: string) => problems.push({ line, column, message });
    const date = r[col.date]!;
    let dateOk = /^\d{4}-\d\d-\d\d$/.test(date);
    if (dateOk) {
      try {
        dayNumber(date);
        dateOk = new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
      } catch {
        dateOk = false;
      }
    }
    if (!dateOk) bad('date', `"${date}" is not a date YYYY-MM-DD`);
    else if (bucketStart(date, bucket) !== date)
      bad(
        'date',
        `"${date}" does not start a ${bucket} (${bucket === 'week' ? 'a Monday' : 'the first of a month'})`,
      );
    const sku = r[col.sku]!;
    if (!CODE_PATTERN.test(sku)) bad('sku', `"${sku}" is not a valid code`);
    const units = wholeNumber(r[col.units]!);
    if (units === null) bad('units', `"${r[col.units]}" is not a whole number from 0 to ${MAX_UNITS}`);
    const warehouse = opt.warehouse >= 0 ? r[opt.warehouse]! : '';
    if (warehouse !== '' && !CODE_PATTERN.test(warehouse))
      bad('warehouse', `"${warehouse}" is not a valid code`);
    const returnedText = opt.returned >= 0 ? r[opt.returned]! : '';
    const returned = returnedText === '' ? 0 : wholeNumber(returnedText);
    if (returned === null) bad('returned', `"${returnedText}" is not a whole number from 0 to ${MAX_UNITS}`);
    const oosText = opt.outOfStock >= 0 ? r[opt.outOfStock]!.toLowerCase() : '';
    if (!TRUE.has(oosText) && !FALSE.has(oosText)) bad('outOfStock', `"${oosText}" is not true or false`);
    if (problems.length >= LISTED) refuse(problems, true);
    const row = {
      sku,
      warehouse: warehouse === '' ? null : warehouse,
      outOfStock: oosText === '' ? null : TRUE.has(oosText),
    };
    if (bucket === 'day' || problems.length > 0) {
      lines.push({ ...row, date, units: units ?? 0, returned: returned ?? 0 });
      continue;
    }
    const length = bucketDays(date, bucket);
    const unitsByDay = spreadEvenly(units ?? 0, length);
    const returnedByDay = spreadEvenly(returned ?? 0, length);
    for (let k = 0; k < length; k++)
      lines.push({ ...row, date: addDays(date, k), units: unitsByDay[k]!, returned: returnedByDay[k]! });
  }
  if (problems.length > 0) refuse(problems);
  if (lines.length === 0) fail('invalid_csv', 'the file has no rows', { errors: [] });
  return lines;
}

function wholeNumber(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_UNITS ? n : null;
}

function refuse(problems: CsvProblem[], more = false): never {
  const first = problems[0]!;
  return fail(
    'invalid_csv',
    `line ${first.line}: ${first.message}${problems.length > 1 ? ` (and ${more ? 'more' : problems.length - 1} other problems)` : ''}; nothing was imported`,
    { errors: problems.slice(0, LISTED), truncated: more },
  );
}
