-- No statistics for the JSON payloads that grow with every order. ANALYZE samples each column of
-- up to 30,000 rows; for these it detoasts and sorts documents of about 350 bytes to build a
-- histogram no query can use: every filter on them is on an extracted field (`data->>'sku'`),
-- which column statistics do not describe. `events` and `orders` are the tables the statistics
-- keeper analyzes most often under a stream of orders, and on a 2-core machine an ANALYZE of
-- `events` (0.4 s) lined up with the slowest requests of an open loop (bench/open-loop-tail.ts).
-- Without the payloads' statistics, ANALYZE of 56,000 events took 60 ms instead of 150 ms, and of
-- 26,000 orders 33 ms instead of 90-123 ms. Planning is unchanged: no plan read them.
alter table events alter column data set statistics 0;
alter table orders alter column placed_response set statistics 0;
alter table idempotency_keys alter column response set statistics 0;
