/**
 * The `stockroom forecast` commands. The evaluation and its data reader are imported inside the
 * action, so that other commands start without them.
 */
import type { Command } from 'commander';
import { registerForecastShow } from './commands/demand.ts';
import { processIo, runner, type CliIo } from './commands/shared.ts';
import type { ForecastEvaluateOptions } from './forecast-evaluate.ts';

export function registerForecastCommands(program: Command, io: CliIo = processIo): void {
  const forecast = program.command('forecast').description('demand forecasting (see docs/forecasting.md)');
  forecast
    .command('evaluate')
    .description(
      'backtest every forecasting model and the served forecast on the Online Retail year or any CSV: MASE, WAPE, bias, interval coverage and pinball loss, time',
    )
    .option('--csv <file>', 'any CSV with columns series_id,date,qty (.gz read too) instead of Online Retail')
    .option('--bucket <bucket>', 'what one point of --csv is: day, week or month', 'day')
    .option(
      '--season <n>',
      'season length in points (default 7 for days, 52 for weeks, 12 for months; 0: none)',
    )
    .option(
      '--data <csv.gz>',
      `the Online Retail CSV (.csv.gz read too); default ../shared/data/online-retail/onlineretail.csv.gz`,
    )
    .option('--horizon <points>', 'points forecast from each origin (default 28 days, 8 weeks, 6 months)')
    .option('--origins <n>', 'rolling origins: n - h, n - 2h, ...', '4')
    .option(
      '--selection-origins <n>',
      'origins of the backtest the automatic choice runs before each origin',
      '3',
    )
    .option('--skus <n>', 'only the n SKUs with the most units (default: all with enough history)')
    .option('--workers <n>', 'worker threads (0: the main thread); default one per core')
    .option(
      '--models <which>',
      'all: a row for every model (default); served: only the served forecast and seasonal naive, faster',
    )
    .option(
      '--lead-time <days>',
      "lead time of the simulated replenishment whose stock outcome is reported (default the policy's 14)",
    )
    .option('--review-period <days>', 'review period of that replenishment (default 7)')
    .option('--service-level <p>', 'its cycle service level target, in (0, 1) (default 0.95)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nDemand is units ordered per SKU and day, cancellations excluded; days the shop was closed are\n' +
        'not observed. Examples: npx stockroom forecast evaluate --skus 200\n' +
        '  npx stockroom forecast evaluate --csv sales.csv --bucket week --season 52 --horizon 8 --origins 6',
    )
    .action(async (options: ForecastEvaluateOptions) =>
      (await import('./forecast-evaluate.ts')).runForecastEvaluate(options),
    );
  registerForecastShow(forecast, runner(io));
}
