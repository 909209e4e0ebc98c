-- The movement ledger, partitioned by month on `at` (docs/retention.md). The ledger is the
-- record and is kept whole; partitions let an old month be detached and archived without
-- touching the hot path, which only ever writes the current month. Reads (verify, `asOf`,
-- the movement list) go through the parent table and see every partition.
--
-- What partitioning changes:
-- - the primary key must contain the partition key: it is (id, at). `id` still comes from the
--   one sequence, so it stays unique and increasing in practice;
-- - nothing may reference a movement by `id` alone: oversold_events.movement_id loses its
--   foreign key (the ledger is append-only, so the row it names is never deleted; an archived
--   month is detached on purpose, and its oversold records then name a movement in the archive);
-- - an insert never fails for want of a partition: `movements_default` takes any row whose
--   month has no partition yet. The maintenance job (src/app/retention.ts) creates each month's
--   partition ahead of time, so the default partition stays empty in normal running.

alter table oversold_events drop constraint oversold_events_movement_id_fkey;
alter sequence movements_id_seq owned by none;

alter table movements rename to movements_unpartitioned;
alter index movements_pkey rename to movements_unpartitioned_pkey;
alter index movements_by_position rename to movements_unpartitioned_by_position;
alter index movements_by_warehouse rename to movements_unpartitioned_by_warehouse;
alter index movements_by_order rename to movements_unpartitioned_by_order;

create table movements (
  id bigint not null default nextval('movements_id_seq'),
  at timestamptz not null,
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  type text not null,
  qty bigint not null,
  d_on_hand bigint not null default 0,
  d_reserved bigint not null default 0,
  d_damaged bigint not null default 0,
  d_qc_pending bigint not null default 0,
  d_locked bigint not null default 0,
  d_transfer_reserved bigint not null default 0,
  d_virtual bigint not null default 0,
  reason text,
  order_id text collate "C",
  reference text,
  actor text
) partition by range (at);
create table movements_default partition of movements default;

-- Each month's partition is made by `stockroom_ensure_movement_partition` (src/db/functions/),
-- which the backfill below calls, so `migrate` applies it before this migration.
-- requires function: stockroom_ensure_movement_partition
-- A partition for every month from the oldest movement to two months ahead (at most 20
-- years of them: anything beyond waits in the default partition).
do $$
declare
  first_at timestamptz;
  last_at timestamptz;
  m timestamptz;
  n integer := 0;
begin
  select least(min(at), now()), greatest(max(at), now()) into first_at, last_at from movements_unpartitioned;
  m := date_trunc('month', first_at, 'UTC');
  while m <= last_at + interval '62 days' and n < 240 loop
    perform stockroom_ensure_movement_partition(m);
    m := ((m at time zone 'UTC') + interval '1 month') at time zone 'UTC';
    n := n + 1;
  end loop;
end $$;

insert into movements (id, at, sku, warehouse, type, qty, d_on_hand, d_reserved, d_damaged,
                       d_qc_pending, d_locked, d_transfer_reserved, d_virtual,
                       reason, order_id, reference, actor)
select id, at, sku, warehouse, type, qty, d_on_hand, d_reserved, d_damaged,
       d_qc_pending, d_locked, d_transfer_reserved, d_virtual,
       reason, order_id, reference, actor
from movements_unpartitioned;
drop table movements_unpartitioned;

alter table movements add constraint movements_pkey primary key (id, at);
alter sequence movements_id_seq owned by movements.id;
create index movements_by_position on movements (sku, warehouse, at);
create index movements_by_warehouse on movements (warehouse, id);
create index movements_by_order on movements (order_id) where order_id is not null;
-- requires function: stockroom_forbid_change
create trigger movements_append_only before update or delete on movements
  for each row execute function stockroom_forbid_change();
