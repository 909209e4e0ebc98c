import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runForecastEvaluate } from '../../src/cli/forecast-evaluate.ts';
import { formatEvaluationReport } from '../../src/cli/forecast-report.ts';
import { addDays } from '../../src/domain/forecast/index.ts';

/** Twelve series of three years of weeks with a yearly wave, as a merchant's export would hold them. */
function weeklyCsv(): string {
  let s = 11;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const rows = ['series_id,date,qty'];
  for (let k = 0; k < 12; k++) {
    for (let w = 0; w < 156; w++) {
      const level = (10 + k) * (1 + 0.6 * Math.cos((2 * Math.PI * (w - 48)) / 52));
      rows.push(`S${k},${addDays('2021-01-04', 7 * w)},${Math.round(level * (0.7 + 0.6 * rand()))}`);
    }
  }
  return rows.join('\n') + '\n';
}

const dir = mkdtempSync(join(tmpdir(), 'forecast-evaluate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function evaluate(options: Record<string, string | boolean>) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await runForecastEvaluate({ json: true, workers: '0', ...options });
    return JSON.parse(String(log.mock.calls.at(-1)![0]));
  } finally {
    log.mockRestore();
  }
}

describe('stockroom forecast evaluate --csv', () => {
  it('benchmarks any CSV of weekly series: the served forecast with a yearly season beats a 7-week one', async () => {
    const file = join(dir, 'weekly.csv');
    writeFileSync(file, weeklyCsv());
    const yearly = await evaluate({ csv: file, bucket: 'week', season: '52', horizon: '8', origins: '6' });
    expect(yearly).toMatchObject({ bucket: 'week', seasonLength: 52, horizonDays: 8, origins: 6, skus: 12 });
    expect(yearly.auto.forecasts).toBe(72);
    expect(yearly.intervals.map((i: { level: number }) => i.level)).toEqual([0.5, 0.8, 0.95]);
    expect(yearly.models.map((m: { model: string }) => m.model)).toContain('moving-average-8');
    expect(yearly.elapsedMs.total).toBeGreaterThan(0);
    const seven = await evaluate({ csv: file, bucket: 'week', season: '7', horizon: '8', origins: '6' });
    // MASE scales differ with the season (lag 52 against lag 7), so compare WAPE.
    expect(yearly.auto.wape).toBeLessThan(seven.auto.wape);

    // --models served scores the served forecast alone (and its baseline): the same figures.
    const served = await evaluate({
      csv: file,
      bucket: 'week',
      season: '52',
      horizon: '8',
      origins: '6',
      models: 'served',
    });
    expect(served.evaluated).toBe('served');
    expect(served.models.map((m: { model: string }) => m.model)).toEqual(['seasonal-naive']);
    expect(served.auto).toEqual(yearly.auto);
    expect(served.autoMedian).toEqual(yearly.autoMedian);
    expect(served.baseline).toEqual(yearly.baseline);
    expect(served.intervals).toEqual(yearly.intervals);
    await expect(evaluate({ csv: file, models: 'some' })).rejects.toThrow(/--models/);
  });

  it('judges daily intermittent series by the stock their orders reach, their PIT and the intervals compared', async () => {
    let seed = 5;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows = ['series_id,date,qty'];
    for (let k = 0; k < 6; k++)
      for (let d = 0; d < 200; d++)
        rows.push(
          `I${k},${addDays('2024-01-01', d)},${rand() < 0.25 ? 1 + Math.floor(rand() * (4 + k)) : 0}`,
        );
    const file = join(dir, 'intermittent.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const report = await evaluate({ csv: file, origins: '2', leadTime: '7', reviewPeriod: '7' });
    expect(report.stockPolicy).toMatchObject({ leadTimeDays: 7, reviewPeriodDays: 7, serviceLevel: 0.95 });
    expect(report.stock.map((r: { series: string }) => r.series)).toEqual(['all', 'intermittent']);
    const all = report.stock[0];
    expect(all.cycles).toBe(report.auto.forecasts);
    expect(all.cycleServiceLevel).toBeGreaterThanOrEqual(0);
    expect(all.cycleServiceLevel).toBeLessThanOrEqual(1);
    expect(all.fillRate).toBeGreaterThanOrEqual(0);
    expect(all.fillRate).toBeLessThanOrEqual(1);
    // Every series sells on about a quarter of days: all intermittent, all zero-inflated.
    expect(report.intermittentForecasts).toBe(report.auto.forecasts);
    expect(report.pit.outcomes).toBe(6 * 2 * 28);
    expect(report.pit.shares.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 9);
    // PIT coverage of the same outcomes, per interval level: a share of PIT mass in [0, 1].
    expect(report.pit.coverage.map((c: { level: number }) => c.level)).toEqual([0.5, 0.8, 0.95]);
    for (const c of report.pit.coverage) {
      expect(c.coverage).toBeGreaterThanOrEqual(0);
      expect(c.coverage).toBeLessThanOrEqual(1);
    }
    // Counted against the intervals' own probability: both shares, the probability at least the
    // level (an interval of counts holds a whole count or none of it), and both grow with it.
    for (const c of report.pit.coverage) {
      expect(c.counted).toBeGreaterThanOrEqual(0);
      expect(c.counted).toBeLessThanOrEqual(1);
      expect(c.probability).toBeGreaterThanOrEqual(c.level - 1e-9);
      expect(c.probability).toBeLessThanOrEqual(1 + 1e-9);
      // The least any interval of counts holding the level could hold: the served ones hold it.
      expect(c.least).toBeGreaterThanOrEqual(c.level - 1e-9);
      expect(c.least).toBeLessThanOrEqual(c.probability + 1e-9);
    }
    expect(report.pit.coverage[0].probability).toBeLessThanOrEqual(report.pit.coverage[2].probability);
    // A wider interval holds at least the PIT mass of a narrower one.
    const [c50, c80, c95] = report.pit.coverage.map((c: { coverage: number }) => c.coverage);
    expect(c50).toBeLessThanOrEqual(c80);
    expect(c80).toBeLessThanOrEqual(c95);
    expect(formatEvaluationReport(report)).toContain('PIT coverage 50/80/95% of the same outcomes');
    expect(report.intervalVariants.map((v: { name: string }) => v.name)).toEqual([
      'auto+conformal',
      'auto+zi-history',
      'auto+zi-recent',
    ]);
    // The served median, scored on the same forecasts: on days that mostly sell nothing,
    // absolute errors favour it over the mean.
    expect(report.autoMedian.forecasts).toBe(report.auto.forecasts);
    expect(report.autoMedian.mase).toBeLessThan(report.auto.mase);
    expect(report.autoMedianVsBaseline.mase).toBeCloseTo(
      report.autoMedian.mase / report.baseline.mase - 1,
      9,
    );
    // The hindsight references: each window's own mean is unbiased, and still loses to the
    // median by absolute errors.
    const hindsight = report.models.find((m: { model: string }) => m.model === 'hindsight-mean');
    expect(hindsight.bias).toBeCloseTo(0, 9);
    expect(hindsight.mase).toBeGreaterThan(report.autoMedian.mase);
    const text = formatEvaluationReport(report);
    expect(text).toContain('auto-median (its median)');
    expect(text).toContain('hindsight-season-mean (knew the outcome)');
    await expect(evaluate({ csv: file, serviceLevel: '1.5' })).rejects.toThrow(/--service-level/);
  });

  it('refuses a CSV without the columns it needs, and a bucket it does not know', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'sku,date,units\nA,2024-01-01,3\n');
    await expect(evaluate({ csv: file })).rejects.toThrow(/series_id, date and qty/);
    await expect(evaluate({ csv: file, bucket: 'fortnight' })).rejects.toThrow(/--bucket/);
  });
});
