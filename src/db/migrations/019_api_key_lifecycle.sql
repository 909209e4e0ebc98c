-- API keys: an optional expiry (a key past it is refused), the last time a key was used
-- (written at most once a minute per key, never per request), and the key that replaced it
-- when it was rotated (it keeps working until its expiry, the end of the grace period).
alter table api_keys add column expires_at timestamptz;
alter table api_keys add column last_used_at timestamptz;
alter table api_keys add column replaced_by text references api_keys (id);
