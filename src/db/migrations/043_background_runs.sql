-- When a periodic job that every server process schedules last ran, whichever process ran it.
-- The alert sweep (src/app/alerts.ts) reads every position: each process's timer fires every
-- minute, and with one process per core the catalogue was swept once a minute per process. A
-- timer that finds a run newer than its interval (nearly) skips it; the check and the claim
-- are one conditional upsert.
create table background_runs (
  name text primary key,
  last_run_at timestamptz not null
);
