-- What was forecast, kept (migration 030): demand_forecasts holds only each position's latest
-- forecast, so "forecast vs sold" over time needs the earlier ones. Each refresh appends the
-- daily means it computed; the accuracy report compares the first day of each with the units
-- then ordered.
create or replace function stockroom_record_forecast() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.computed_at is distinct from old.computed_at then
    insert into demand_forecast_history (sku, warehouse, computed_at, model, daily)
      values (new.sku, new.warehouse, new.computed_at, new.model, new.daily[1:28])
      on conflict do nothing;
  end if;
  return null;
end $$;
