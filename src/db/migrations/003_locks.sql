-- Locks: units held back at a position on purpose (a promotion), released by hand, in
-- scheduled waves, or all at once at `until`. The stock effect lives in movements (`lock`,
-- `unlock`, with the lock id as reference); these rows say what is still to release and when.

create table stock_locks (
  id text primary key,
  sku text collate "C" not null,
  warehouse text collate "C" not null,
  -- what was locked at creation, and what of it is still locked now
  qty bigint not null check (qty > 0),
  locked bigint not null,
  reason text not null,
  until timestamptz,
  actor text,
  created_at timestamptz not null,
  -- set when nothing is left locked (unlocked by hand, by its waves, or at `until`)
  released_at timestamptz,
  foreign key (sku, warehouse) references stock_positions,
  constraint lock_within_qty check (locked >= 0 and locked <= qty),
  constraint released_when_empty check ((released_at is null) = (locked > 0))
);
create index stock_locks_by_position on stock_locks (sku, warehouse, created_at);
create index stock_locks_by_created on stock_locks (created_at, id);
create index stock_locks_due on stock_locks (until) where released_at is null and until is not null;

-- A lock's release schedule: wave n unlocks `qty` units at `at` (or fewer, if units were
-- unlocked by hand meanwhile). `released_at` marks a wave as done, exactly once.
create table stock_lock_waves (
  lock_id text not null references stock_locks,
  wave_no integer not null check (wave_no > 0),
  at timestamptz not null,
  qty bigint not null check (qty > 0),
  released bigint not null default 0 check (released >= 0 and released <= qty),
  released_at timestamptz,
  primary key (lock_id, wave_no)
);
create index stock_lock_waves_due on stock_lock_waves (at) where released_at is null;
