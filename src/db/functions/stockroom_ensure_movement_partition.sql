-- Creates the partition of the movement ledger for the (UTC) month holding `p_at`, unless it
-- exists (migration 021, docs/retention.md). Returns whether it created one. A month whose rows
-- already sit in the default partition is left there (the rows would have to move first, and
-- the ledger is append-only): reads still see them. Called by migration 021 and by the
-- maintenance job (src/app/retention.ts).
create or replace function stockroom_ensure_movement_partition(p_at timestamptz) returns boolean
language plpgsql as $$
declare
  lo timestamptz := date_trunc('month', p_at, 'UTC');
  hi timestamptz := ((date_trunc('month', p_at, 'UTC') at time zone 'UTC') + interval '1 month') at time zone 'UTC';
  part text := 'movements_y' || to_char(lo at time zone 'UTC', 'YYYY') || 'm' || to_char(lo at time zone 'UTC', 'MM');
begin
  if to_regclass(part) is not null then
    return false;
  end if;
  if exists (select 1 from movements_default where at >= lo and at < hi) then
    return false;
  end if;
  execute format('create table %I partition of movements for values from (%L) to (%L)', part, lo, hi);
  return true;
exception when duplicate_table then
  -- Another process created it meanwhile.
  return false;
end $$;
