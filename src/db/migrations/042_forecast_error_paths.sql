-- The backtest's daily errors in the order they came, one run per origin (docs/replenishment.md):
-- safety stock takes the quantile of their sum over lead time plus review period, which the
-- sorted daily_errors cannot give. Rows written before keep '[]' and the old formula until the
-- forecast is recomputed (at most FORECAST_MAX_AGE_MS later).
alter table demand_forecasts add column daily_error_paths jsonb not null default '[]';
