-- A position's sellable units, S = I - O - U - L - T + V with U = damaged + qcPending
-- (docs/inventory-model.md), from its seven quantities in their order, or from a movement's
-- deltas (the change in S). The one spelling of the rule in SQL: the other functions call it,
-- and queries call it through `sellableSql` (src/db/quantity-columns.ts).
--
-- An immutable `language sql` function of one expression that uses each argument once: the
-- planner inlines it, so a query or guard that calls it is planned and run as if the
-- expression were written out (an index or a filter on it sees plain column arithmetic).
create or replace function stockroom_sellable(
  on_hand bigint, reserved bigint, damaged bigint, qc_pending bigint,
  locked bigint, transfer_reserved bigint, virtual bigint
) returns bigint language sql immutable parallel safe as $$
  select on_hand - reserved - damaged - qc_pending - locked - transfer_reserved + virtual
$$;
