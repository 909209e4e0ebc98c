-- Who placed each order (issue 12, access): the id of the API key that placed it. A storefront
-- key sees and changes only the orders it placed; orders placed before this migration have
-- none (null: placed by staff).
alter table orders add column placed_by text collate "C";

-- `stockroom_place_orders` (src/db/functions/) stores the placing key (`actor`) on the order and
-- answers it with a replay, so that the caller can refuse to hand one key's order to another.
