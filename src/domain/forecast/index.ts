/** Demand forecasting: pure functions over daily demand series (no I/O). See docs/forecasting.md. */
export * from './series.ts';
export * from './buckets.ts';
export * from './model.ts';
export * from './baseline-models.ts';
export * from './exponential-smoothing.ts';
export * from './intermittent.ts';
export * from './aggregation.ts';
export * from './reconciliation.ts';
export * from './classification.ts';
export * from './seasonality.ts';
export * from './metrics.ts';
export * from './intervals.ts';
export * from './events.ts';
export * from './candidates.ts';
export * from './backtest.ts';
export * from './forecaster.ts';
export * from './evaluation.ts';
export { nelderMead } from './nelder-mead.ts';
