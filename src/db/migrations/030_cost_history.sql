-- Cost and price history for insights (docs/insights.md). Stock value at a day's end is the
-- units then times the unit cost then, and revenue is units times the price when they shipped,
-- so every change of a SKU's unit cost or price is kept with the time it took effect.
--
-- A trigger records the changes rather than each writer: whatever sets skus.unit_cost or price
-- (the API, an import, the demo, a hand-written UPDATE) leaves the history complete.

create table sku_cost_history (
  sku text collate "C" not null references skus,
  effective_at timestamptz not null,
  unit_cost numeric(16, 4),
  price numeric(16, 4),
  primary key (sku, effective_at)
);

-- What we know of the past: each SKU's current figures since it was created.
insert into sku_cost_history (sku, effective_at, unit_cost, price)
  select sku, created_at, unit_cost, price from skus;

-- requires function: stockroom_record_cost_change (src/db/functions/)
create trigger skus_cost_history after insert or update on skus
  for each row execute function stockroom_record_cost_change();

-- Sales are `ship` movements; the reports read them by time across SKUs.
create index movements_ships_by_time on movements (at, sku) where type = 'ship';

-- What was forecast, kept: demand_forecasts holds only each position's latest forecast, so
-- "forecast vs sold" over time needs the earlier ones. Each refresh appends the daily means it
-- computed; the accuracy report compares the first day of each with the units then ordered.
create table demand_forecast_history (
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  computed_at timestamptz not null,
  model text not null,
  daily double precision[] not null,
  primary key (sku, warehouse, computed_at)
);

-- requires function: stockroom_record_forecast (src/db/functions/)
create trigger demand_forecasts_history after insert or update on demand_forecasts
  for each row execute function stockroom_record_forecast();
