-- The movement ledger is append-only (and so is the zone ledger): the trigger function that
-- refuses every UPDATE and DELETE on them. Migrations 001, 021 and 027 create the triggers.
create or replace function stockroom_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'the movement ledger is append-only';
end $$;
