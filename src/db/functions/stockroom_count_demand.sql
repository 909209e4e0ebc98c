-- Units reserved per position and UTC day (migration 044), kept by the statement that writes the
-- reserve movements, so the count is exact whatever path reserved: the alert evaluator reads the
-- demand of a window from at most one row per day instead of one movement per order. Every writer
-- of a reserve movement holds its position's row lock (the guarded UPDATE comes first), so two
-- transactions never add to one position's day at once in an order that could deadlock.
create or replace function stockroom_count_demand() returns trigger language plpgsql as $$
begin
  insert into position_demand_days as d (sku, warehouse, day, units)
    select m.sku, m.warehouse, (m.at at time zone 'UTC')::date, sum(m.qty)
    from inserted m
    where m.type = 'reserve'
    group by 1, 2, 3
    order by 1, 2, 3
  on conflict (sku, warehouse, day) do update set units = d.units + excluded.units;
  return null;
end $$;
