/**
 * CSV: the writer (csvField, csvLine, unguardCsvText) lives in csv-write.ts, free of
 * dependencies so the dashboard's exports use the same guard; re-exported here. Reading:
 * `parseCsvRecords` and `recordStartLine`, shared by the stock and catalogue imports.
 */
import { parse } from 'csv-parse/sync';

export { csvLine, unguardCsvText, type CsvValue } from './csv-write.ts';

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
