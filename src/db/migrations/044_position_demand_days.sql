-- Units reserved per position and UTC day (docs/alerts.md, "Overstock"). The alert evaluator's
-- overstock fact is the demand of the last DEMAND_WINDOW_DAYS days; summed from the ledger it
-- read one reserve movement per order, every pass, for every position the log touched: on a SKU
-- that sells all day, work in proportion to its orders (28% of the database's active time under a
-- stream of orders on one SKU, issue 15). The functions that write reserve movements
-- (`stockroom_place_orders`, `stockroom_apply_movements`) add them here in the same statement or
-- transaction, under the position's row lock, so the window costs at most one row per day. (A
-- statement trigger on the ledger did the same and cost every ledger write, receipts included,
-- a fifth to a half more on PGlite.)
create table position_demand_days (
  sku text collate "C" not null,
  warehouse text collate "C" not null,
  day date not null,
  units bigint not null check (units >= 0),
  primary key (sku, warehouse, day)
);
-- The retention job removes the days older than the window, oldest first.
create index position_demand_days_by_day on position_demand_days (day);

-- The writers that count from now on, in this transaction: no reserve movement is missed
-- between the fill below and their new text.
-- requires function: stockroom_place_orders
-- requires function: stockroom_apply_movements

-- The days the evaluator can still ask for, from the ledger. No reserve movement can be written
-- meanwhile: the ledger is locked against writers for the rest of this transaction.
lock table movements in share mode;
-- Whole days only (the first condition lets the scan skip older partitions).
insert into position_demand_days (sku, warehouse, day, units)
  select sku, warehouse, (at at time zone 'UTC')::date, sum(qty)
  from movements
  where type = 'reserve' and at >= now() - interval '33 days'
    and (at at time zone 'UTC')::date >= (now() at time zone 'UTC')::date - 31
  group by 1, 2, 3;
