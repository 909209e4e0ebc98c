-- Damaged stock by SKU suffix: a count line may count the damaged units of its SKU alone,
-- named by a damaged code such as `351038U` (docs/unsellable-stock.md). The line still refers
-- to its SKU (`sku`, so the foreign key and the one-active-count index hold: a SKU and its
-- damaged code are never counted at once); `code` keeps the code it was opened under, and its
-- expected quantity is then the SKU's damaged units rather than its onHand. Null: an ordinary line.
alter table count_lines add column code text collate "C";
