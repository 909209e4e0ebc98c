/**
 * `stockroom replay` in-process on PGlite over the first invoices of the real data: the report
 * must be consistent with itself and with the ledger, and verify must be clean. One CLI run
 * checks the wiring (options, JSON output, the empty-ledger rule).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/cli/read-file.ts';
import { invoicesFromCsv, selectWindow, type InvoiceStream } from '../../src/cli/replay-data.ts';
import { replayInto } from '../../src/cli/replay.ts';
import type { ReplayReport } from '../../src/cli/replay-report.ts';
import type { Database } from '../../src/db/database.ts';
import { pglite, seededDataDir } from '../helpers/backends.ts';
import { runStockroom } from '../helpers/cli.ts';

const INVOICES = 150;
/** The first 200 invoices of the Online Retail data (CC0), committed: the tests need no ../shared. */
const SOURCE = new URL('../fixtures/online-retail-first-invoices.csv.gz', import.meta.url).pathname;

describe('stockroom replay on PGlite', () => {
  let db: Database;
  let stream: InvoiceStream;
  let report: ReplayReport;

  beforeAll(async () => {
    stream = invoicesFromCsv(readTextFile(SOURCE));
    ({ db } = await pglite.open());
    report = await replayInto(db, selectWindow(stream.invoices, { limit: INVOICES }), stream, {
      concurrency: 8,
    });
  }, 120_000);
  afterAll(async () => db?.close());

  it('replays every invoice once: each sale is placed (in full or in part) or refused', () => {
    expect(report.invoices.total).toBe(INVOICES);
    expect(report.invoices.sales + report.invoices.cancellations).toBe(INVOICES);
    const o = report.orders;
    expect(o.attempted).toBe(report.invoices.sales);
    expect(o.errors).toEqual({});
    expect(o.placedInFull + o.placedInPart + o.refused).toBe(o.attempted);
    expect(o.placed).toBe(o.placedInFull + o.placedInPart);
    expect(o.placed).toBeGreaterThan(0);
    expect(o.split).toBeLessThanOrEqual(o.placed);
  });

  it('reports rates in [0, 1] that follow from the counts', () => {
    const { fillRate, splitRate, units, orders } = report;
    for (const r of [fillRate.units, fillRate.orders, splitRate]) {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
    }
    expect(fillRate.units).toBeCloseTo(units.placed / units.demanded, 10);
    expect(fillRate.orders).toBeCloseTo(orders.placedInFull / orders.attempted, 10);
    expect(splitRate).toBeCloseTo(orders.split / orders.placed, 10);
    expect(report.stockouts.orders).toBe(orders.placedInPart + orders.refused);
    expect(report.timing.reservationsPerSecond).toBeGreaterThan(0);
  });

  it('accounts for every cancellation: matched or unmatched', () => {
    const c = report.cancellations;
    expect(c.matched + c.unmatched).toBe(report.invoices.cancellations);
    expect(c.matched).toBe(c.cancelled + c.partlyCancelled + c.returned);
  });

  it('ends with verify clean', () => {
    expect(report.verify?.ok).toBe(true);
    expect(report.verify?.problemCount).toBe(0);
  });

  it('matches the ledger: units received, reserved, shipped, released and returned', async () => {
    const { rows } = await db.query<{ type: string; reserved: string; on_hand: string; n: string }>(
      `select type, sum(d_reserved) as reserved, sum(d_on_hand) as on_hand, count(*) as n
       from movements group by type`,
    );
    const by = new Map(rows.map((r) => [r.type, r]));
    const u = report.units;
    expect(Number(by.get('receipt')?.on_hand ?? 0)).toBe(u.receivedOpening + u.receivedWeekly);
    expect(Number(by.get('reserve')?.reserved ?? 0)).toBe(u.placed);
    expect(Number(by.get('ship')?.on_hand ?? 0)).toBe(-u.shipped);
    expect(Number(by.get('release')?.reserved ?? 0)).toBe(-u.released);
    expect(Number(by.get('return')?.on_hand ?? 0)).toBe(u.returned);
    // Every placed unit ends shipped or released.
    expect(u.shipped + u.released).toBe(u.placed);
    expect([...by.keys()].sort()).toEqual(
      [
        'receipt',
        'reserve',
        'ship',
        ...(u.released > 0 ? ['release'] : []),
        ...(u.returned > 0 ? ['return'] : []),
      ].sort(),
    );

    const orders = await db.query<{ status: string; n: string }>(
      'select status, count(*) as n from orders group by status',
    );
    const total = orders.rows.reduce((n, r) => n + Number(r.n), 0);
    expect(total).toBe(report.orders.placed);
    expect(orders.rows.every((r) => r.status === 'shipped' || r.status === 'released')).toBe(true);
    const reserved = await db.query<{ n: string }>(
      'select coalesce(sum(reserved), 0) as n from stock_positions',
    );
    expect(Number(reserved.rows[0]!.n)).toBe(0);
  });

  it('ledger times follow the data, not the wall clock', async () => {
    const { rows } = await db.query<{ first: Date; last: Date }>(
      'select min(at) as first, max(at) as last from movements',
    );
    expect(rows[0]!.first.toISOString().slice(0, 10)).toBe('2010-12-01');
    expect(rows[0]!.last.getTime()).toBeLessThan(Date.parse('2011-01-01T00:00:00Z'));
  });

  it('refuses a database whose ledger is not empty', async () => {
    await expect(replayInto(db, selectWindow(stream.invoices, { limit: 5 }), stream)).rejects.toThrow(
      /empty ledger/,
    );
  });
});

describe('stockroom replay CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stockroom-replay-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report as JSON and exits 0 when verify is clean', async () => {
    const run = await runStockroom(
      ['replay', '--source', SOURCE, '--limit', '20', '--concurrency', '4', '--json'],
      { STOCKROOM_DATA: seededDataDir(join(dir, 'data')) },
      120_000,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ReplayReport;
    expect(report.invoices.total).toBe(20);
    expect(report.concurrency).toBe(4);
    expect(report.verify?.ok).toBe(true);
  }, 120_000);
});
