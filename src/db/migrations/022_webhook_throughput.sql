-- Webhook throughput (issue 22). A subscription may take several events per request
-- (`batch_size`, 1: one event per request as before) and may choose per-stream ordering
-- (`ordering = 'stream'`: events of one stream in order, streams in parallel) instead of the
-- whole subscription in log order ('log', the default and the promise made so far).
alter table webhooks add column batch_size integer not null default 1
  check (batch_size between 1 and 100);
alter table webhooks add column ordering text not null default 'log'
  check (ordering in ('log', 'stream'));

-- The event's stream, so that per-stream ordering needs no join with the log.
alter table webhook_deliveries add column event_stream text;
update webhook_deliveries d set event_stream = e.stream
  from events e where e.seq = d.event_seq and d.status = 'pending';
create index webhook_deliveries_pending_stream on webhook_deliveries (webhook_id, event_stream, event_seq)
  where status = 'pending';
