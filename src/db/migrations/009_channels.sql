-- Sales channels: which warehouses a channel sells from and what it publishes of the shared
-- pool (a buffer held back, a cap). Units ring-fenced for a channel alone are ordinary locks
-- (stock_locks) that name the channel; their stock effect is in the ledger like any lock's.

create table channels (
  code text collate "C" primary key,
  name text not null,
  -- null: every warehouse, also those added later. Checked against `warehouses` on write.
  warehouses text[] collate "C",
  buffer_units bigint check (buffer_units >= 0),
  -- hundredths of a percent at most: the published quantity is computed in whole hundredths
  buffer_percent numeric(5, 2) check (buffer_percent >= 0 and buffer_percent <= 100),
  cap bigint check (cap >= 0),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint channel_warehouses_not_empty check (warehouses is null or cardinality(warehouses) > 0)
);

-- A ring-fence is a lock owned by a channel. It is held until the channel's settings lower it or
-- the channel's orders consume it, never released by time.
alter table stock_locks add column channel text collate "C" references channels;
alter table stock_locks add constraint channel_locks_have_no_until check (channel is null or until is null);
-- A channel's units still locked, by position: read by availability, taken by orders (oldest first).
create index stock_locks_by_channel on stock_locks (channel, sku, warehouse, created_at, id)
  where channel is not null and released_at is null;

-- Incremental sync (`changedSince`) widens each row's 32-bit xmin with `stockroom_full_xid`
-- (src/db/functions/).
