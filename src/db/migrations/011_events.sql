-- Events: a transactional outbox. Every state change writes its events in the transaction of
-- the change; nothing else decides what happened. Rows get their place in the log (`seq`, and
-- `stream_seq` within their stream) only after they committed, from one sequencer at a time
-- (src/app/events.ts): so a reader following `seq` never skips an event that commits late.

create table events (
  id bigserial primary key,
  -- gap-free position in the log, in the order events were sequenced; null until then
  seq bigint unique,
  -- position within the stream (one position, order, transfer, SKU ...)
  stream_seq bigint,
  type text not null,
  at timestamptz not null,
  stream text not null,
  data jsonb not null
);
create index events_unsequenced on events (id) where seq is null;
create index events_by_type on events (type, seq);

-- The last sequence number given in each stream (written by the sequencer only).
create table event_streams (
  stream text primary key,
  last_seq bigint not null
);

-- Whether each SKU was last announced as in stock, overall (region '') and per region: the
-- sequencer announces sku.out_of_stock / sku.back_in_stock when that changes.
create table sku_stock_state (
  sku text collate "C" not null references skus,
  region text collate "C" not null,
  in_stock boolean not null,
  primary key (sku, region)
);

-- `stockroom_apply_movements` (src/db/functions/) writes a `stock.changed` event per movement.
