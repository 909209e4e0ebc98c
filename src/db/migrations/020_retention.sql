-- Retention (docs/retention.md). Idempotency keys belong to the API key that made them (as
-- Stripe scopes them per account): two callers may use the same Idempotency-Key without
-- seeing each other's answers. Keys, delivered events and finished webhook deliveries are
-- pruned in the background after their retention windows, in small batches: the indexes
-- below let each batch find the oldest rows without scanning the table.

-- Keys stored before this migration were made by someone unknown: they keep answering a
-- replay from any key ('' is no API key's id) until they expire.
alter table idempotency_keys add column actor_id text not null default '';
alter table idempotency_keys drop constraint idempotency_keys_pkey;
alter table idempotency_keys add primary key (actor_id, key);
alter table idempotency_keys alter column actor_id drop default;
create index idempotency_keys_by_age on idempotency_keys (created_at);

create index webhook_deliveries_finished on webhook_deliveries ((coalesce(delivered_at, dead_at)))
  where status <> 'pending';
create index webhook_deliveries_pending_seq on webhook_deliveries (event_seq) where status = 'pending';
-- A back-in-stock notification being sent reads the announcement event it answers: that
-- event is kept until the sending is over.
create index back_in_stock_sending_seq on back_in_stock_subscriptions (announcement_seq)
  where status = 'sending';
