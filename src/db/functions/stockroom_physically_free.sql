-- A position's physically free units: on hand and held back by nothing, I - U - L - T with
-- U = damaged + qcPending (docs/inventory-model.md). Reservations are served from these first
-- (what is reserved beyond them rests on virtual stock, a backorder); invariant 2 is that it is
-- never negative. Reserved and virtual units do not enter it.
--
-- Immutable `language sql`, one expression, each argument used once: the planner inlines it
-- (see stockroom_sellable.sql).
create or replace function stockroom_physically_free(
  on_hand bigint, damaged bigint, qc_pending bigint, locked bigint, transfer_reserved bigint
) returns bigint language sql immutable parallel safe as $$
  select on_hand - damaged - qc_pending - locked - transfer_reserved
$$;
