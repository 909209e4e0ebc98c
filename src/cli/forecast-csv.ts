/**
 * Series from any CSV for `stockroom forecast evaluate --csv`: a header row with `series_id`,
 * `date` (YYYY-MM-DD) and `qty`, one row per series and bucket (rows of one bucket are summed;
 * a date inside a week or month counts for that bucket). A series runs from its first row to
 * the last bucket of the file; buckets without a row are 0, a row with an empty qty is not
 * observed (out of stock, closed).
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import {
  bucketDateAt,
  bucketStart,
  dayNumber,
  nextBucket,
  type Bucket,
  type Demand,
  type IsoDate,
} from '../domain/forecast/index.ts';
import type { DemandData, SkuSeries } from './forecast-data.ts';

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;

/** The index of bucket `start` counted from bucket `origin` (both bucket starts). */
function bucketIndex(origin: IsoDate, start: IsoDate, bucket: Bucket): number {
  if (bucket === 'day') return dayNumber(start) - dayNumber(origin);
  if (bucket === 'week') return (dayNumber(start) - dayNumber(origin)) / 7;
  const months = (d: IsoDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  return months(start) - months(origin);
}

export async function readSeriesCsv(path: string, bucket: Bucket): Promise<DemandData> {
  const bySeries = new Map<string, Map<IsoDate, number | null>>();
  let lines = 0;
  let first: IsoDate | null = null;
  let last: IsoDate | null = null;
  const input = createReadStream(path);
  const rows = (path.endsWith('.gz') ? input.pipe(createGunzip()) : input).pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    }),
  );
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    lines++;
    const id = row.series_id;
    const date = row.date ?? '';
    const text = row.qty;
    if (id === undefined || text === undefined || row.date === undefined)
      throw new Error(`${path}: the header must name series_id, date and qty`);
    if (!ISO_DATE.test(date) || !Number.isFinite(dayNumber(date)))
      throw new Error(`${path} line ${lines + 1}: "${date}" is not a date YYYY-MM-DD`);
    const qty = text === '' ? null : Number(text);
    if (qty !== null && !(Number.isFinite(qty) && qty >= 0))
      throw new Error(`${path} line ${lines + 1}: qty "${text}" is not a number >= 0`);
    const start = bucketStart(date, bucket);
    if (first === null || start < first) first = start;
    if (last === null || start > last) last = start;
    let buckets = bySeries.get(id);
    if (!buckets) bySeries.set(id, (buckets = new Map()));
    const had = buckets.get(start);
    buckets.set(start, qty === null ? (had ?? null) : (had ?? 0) + qty);
  }
  if (first === null || last === null) throw new Error(`${path}: no rows`);
  const series: SkuSeries[] = [];
  for (const [sku, buckets] of bySeries) {
    const starts = [...buckets.keys()].sort();
    const from = starts[0]!;
    const units: Demand[] = [];
    let totalUnits = 0;
    for (let b = from; b <= last; b = nextBucket(b, bucket)) {
      const v = buckets.has(b) ? buckets.get(b)! : 0;
      if (v !== null) totalUnits += v;
      units.push(v);
    }
    series.push({ sku, start: from, units, totalUnits });
  }
  series.sort((a, b) => b.totalUnits - a.totalUnits || (a.sku < b.sku ? -1 : 1));
  const lastBucket = bucketDateAt(first, bucket, bucketIndex(first, last, bucket));
  return { first, last: lastBucket, lines, salesLines: lines, closedDays: [], series };
}
