-- A back-in-stock subscriber is told only by an announcement made after it subscribed: each
-- subscription remembers the newest event id when it was made, and the notifier picks it only
-- for announcements with a larger id (announcements are written by the sequencer, from the stock
-- as it stands when it runs). Subscriptions made before this migration match any announcement.
alter table back_in_stock_subscriptions add column after_event_id bigint;

-- A notice found sold out when it was about to be sent goes back to 'waiting' with a time to look
-- again (next_attempt_at), in case the SKU comes back without a new announcement.
create index back_in_stock_recheck on back_in_stock_subscriptions (next_attempt_at)
  where status = 'waiting' and next_attempt_at is not null;
