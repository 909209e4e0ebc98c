-- Alerts and back-in-stock notifications (issue 5).

-- Alert thresholds by scope: the defaults (no sku, no warehouse), a warehouse, a SKU, or one
-- position. A null threshold inherits from the less specific scope; the most specific set value
-- wins (src/domain/alerts.ts `resolveThresholds`).
create table alert_rules (
  id bigserial primary key,
  sku text collate "C" references skus,
  warehouse text collate "C" references warehouses,
  low_stock_threshold bigint check (low_stock_threshold >= 0),
  reorder_point bigint check (reorder_point >= 0),
  dead_stock_days integer check (dead_stock_days > 0),
  overstock_days integer check (overstock_days > 0),
  transfer_overdue_days integer check (transfer_overdue_days > 0),
  lock_expiring_hours integer check (lock_expiring_hours > 0),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index alert_rules_by_scope on alert_rules (coalesce(sku, ''), coalesce(warehouse, ''));

-- Alerts: opened when a condition starts, resolved when it ends. `subject` names what the
-- alert is about (`MUG@LON` for a position, `transfer:<id>`, `lock:<id>`).
create table alerts (
  id text collate "C" primary key,
  kind text not null check (kind in ('low_stock', 'out_of_stock', 'oversold', 'dead_stock',
                                     'overstock', 'transfer_overdue', 'lock_expiring')),
  subject text collate "C" not null,
  sku text collate "C",
  warehouse text collate "C",
  status text not null check (status in ('open', 'acknowledged', 'resolved')),
  details jsonb not null default '{}',
  opened_at timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by text,
  acknowledge_note text,
  resolved_at timestamptz,
  constraint resolved_when_resolved check ((status = 'resolved') = (resolved_at is not null))
);
-- Never two unresolved alerts for one condition, whatever the concurrency.
create unique index alerts_one_active on alerts (kind, subject) where status <> 'resolved';
create index alerts_by_opened on alerts (opened_at desc, id desc);
create index alerts_active_by_position on alerts (sku, warehouse) where status <> 'resolved';

-- How far each follower of the event log has read (by `seq`), e.g. `alerts`, `back-in-stock`.
create table event_followers (
  name text primary key,
  after_seq bigint not null default 0
);

-- People (or systems) waiting for a SKU to come back. `id` orders the queue: first come,
-- first notified. `status`: waiting -> sending (picked by an announcement; delivering, with
-- retries) -> notified | failed; or unsubscribed at any time before it was sent.
create table back_in_stock_subscriptions (
  id bigserial primary key,
  token text not null unique,
  sku text collate "C" not null references skus,
  region text collate "C" references regions,
  email text,
  webhook_url text,
  webhook_secret text,
  status text not null check (status in ('waiting', 'sending', 'notified', 'failed', 'unsubscribed')),
  note text,
  announcement_seq bigint,
  attempts integer not null default 0,
  next_attempt_at timestamptz,
  last_error text,
  created_at timestamptz not null,
  notified_at timestamptz,
  unsubscribed_at timestamptz,
  constraint one_contact check ((email is null) <> (webhook_url is null))
);
create index back_in_stock_waiting on back_in_stock_subscriptions (sku, id) where status = 'waiting';
create index back_in_stock_due on back_in_stock_subscriptions (next_attempt_at) where status = 'sending';
