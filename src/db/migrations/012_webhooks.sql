-- Delivery of the event log to the outside: webhook subscriptions with their deliveries and
-- attempts, and the cursor of the NATS JetStream publisher (src/app/webhooks.ts, src/app/nats.ts).

-- A subscription follows the log from the seq at which it was created: every event with
-- seq <= cursor_seq has been looked at (a delivery row exists if its type matched).
create table webhooks (
  id text primary key,
  url text not null,
  -- null: every event type
  event_types text[],
  -- needed in clear to sign each delivery; shown to the client only when created
  secret text not null,
  description text,
  created_at timestamptz not null,
  cursor_seq bigint not null
);

-- One event for one subscription. Per subscription only the pending delivery with the lowest
-- event_seq is attempted (ordering); `lease_until` marks an attempt in flight in some process,
-- claimed with SKIP LOCKED, so no two processes make the same attempt.
create table webhook_deliveries (
  id text primary key,
  webhook_id text not null references webhooks on delete cascade,
  event_seq bigint not null,
  event_id text not null,
  event_type text not null,
  status text not null check (status in ('pending', 'delivered', 'dead')),
  -- attempts made so far (the Stockroom-Delivery-Attempt of the last one)
  attempts integer not null default 0,
  -- attempts made before the last replay: the retry schedule counts from here
  schedule_base integer not null default 0,
  next_attempt_at timestamptz not null,
  lease_until timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null,
  delivered_at timestamptz,
  dead_at timestamptz,
  unique (webhook_id, event_seq)
);
create index webhook_deliveries_pending on webhook_deliveries (webhook_id, event_seq)
  where status = 'pending';
create index webhook_deliveries_by_status on webhook_deliveries (webhook_id, status, event_seq);

create table webhook_attempts (
  delivery_id text not null references webhook_deliveries on delete cascade,
  attempt integer not null,
  at timestamptz not null,
  status_code integer,
  error text,
  duration_ms integer not null,
  primary key (delivery_id, attempt)
);

-- Where each NATS JetStream stream's publisher is in the log. The row is leased by one
-- process at a time while it publishes (claimed under an advisory lock).
create table nats_cursors (
  stream text primary key,
  cursor_seq bigint not null,
  lease_owner text,
  lease_until timestamptz
);
