-- A refused movement now reports the position as it stood (all quantities): a change to
-- `stockroom_apply_movements`, which lives in src/db/functions/.

-- Open reservations by position: which orders rest on a position's virtual stock (first come,
-- first served), and which are at risk when a physical fact leaves S negative.
create index order_allocations_open_by_position on order_allocations (sku, warehouse, order_id)
  where qty > shipped + released;
