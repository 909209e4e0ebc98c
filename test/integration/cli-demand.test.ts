/** `stockroom demand import` and `stockroom forecast show`, in-process on each back end. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerForecastCommands } from '../../src/cli/forecast.ts';
import { backends } from '../helpers/backends.ts';
import { inProcessStockroom, type CliRun } from '../helpers/cli.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';
import { tempDir } from '../helpers/server-process.ts';

describe.each(backends())('demand and forecast commands on $name', (backend) => {
  let h: Harness;
  let stockroom: (...args: string[]) => Promise<CliRun>;
  let forecast: (...args: string[]) => Promise<CliRun>;
  let dir: { path: string; remove: () => void };
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['CLI-A']);
    stockroom = inProcessStockroom(h.db);
    forecast = inProcessStockroom(h.db, registerForecastCommands);
    dir = tempDir('cli-demand');
  });
  afterAll(async () => {
    dir.remove();
    await h.close();
  });

  it('imports a CSV, refuses a bad one, and shows the forecast of a constant series', async () => {
    // Sixty days of 3 units, in the past whatever today is: the forecast starts after them.
    const start = Date.parse('2024-03-01T00:00:00Z');
    const rows = Array.from(
      { length: 60 },
      (_, i) => `${new Date(start + i * 86_400_000).toISOString().slice(0, 10)},CLI-A,3`,
    );
    const file = join(dir.path, 'history.csv');
    writeFileSync(file, `date,sku,units\n${rows.join('\n')}\n`);
    const ok = await stockroom('demand', 'import', file);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^imported 60 days of 1 SKUs from 2024-03-01 to 2024-04-29/);

    const badFile = join(dir.path, 'bad.csv');
    writeFileSync(badFile, 'date,sku,units\n2024-03-01,CLI-A,three\n');
    const bad = await stockroom('demand', 'import', badFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error invalid_csv: line 2/);

    const shown = await forecast('forecast', 'show', 'CLI-A', '--horizon', '7');
    expect(shown.code).toBe(0);
    const lines = shown.stdout.trim().split('\n');
    expect(lines[0]).toBe('forecast of CLI-A everywhere: 7 days, 80% intervals');
    expect(lines[3]).toBe('  history 2024-03-01 to 2024-04-29: 60 days observed, 0 out of stock');
    // 3 origins x 7 days: 21 backtest errors make the intervals, but the 14 of two origins are
    // too few to build the ones a held-out origin is checked against.
    expect(lines[4]).toBe('  intervals conformal; held out in the backtest, covered: 80% -, 95% -');
    expect(lines[5]).toMatch(/^date\s+forecast\s+median\s+lower\s+upper\s+events$/);
    expect(lines[6]).toMatch(/^2024-04-30\s+3\s+3\s+3\s+3\s+-$/);
    expect(lines.at(-1)).toBe('total 21 units');

    const refused = await forecast('forecast', 'show', 'CLI-A', '--horizon', '400');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error invalid_horizon: /);
  });
});
