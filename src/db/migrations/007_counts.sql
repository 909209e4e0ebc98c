-- Cycle counts (audits): what counters found at a warehouse, against what the books said when
-- they counted, and the count's figures. The stock effect lives in movements (type `count`,
-- the count id as reference), written when a closed count is posted.

create table counts (
  id text collate "C" primary key,
  warehouse text collate "C" not null references warehouses,
  scope text not null check (scope in ('all', 'list', 'sample')),
  -- a sample's requested size and seed: the same seed over the same positions draws the same SKUs
  sample_size integer check (sample_size > 0),
  seed text,
  status text not null check (status in ('open', 'closed', 'posted', 'cancelled')),
  created_at timestamptz not null,
  created_by text,
  closed_at timestamptz,
  closed_by text,
  posted_at timestamptz,
  posted_by text,
  cancelled_at timestamptz,
  cancelled_by text,
  lines_total integer not null check (lines_total > 0),
  -- the figures, fixed at close: uncounted lines are in none of them
  lines_counted integer,
  lines_matched integer,
  lines_with_variance integer,
  net_variance bigint,
  -- lines_matched / lines_counted
  accuracy numeric(5, 4),
  unique (id, warehouse),
  constraint count_sample_scope check ((scope = 'sample') = (sample_size is not null and seed is not null)),
  constraint count_status_times check (
    case status
      when 'open' then closed_at is null and posted_at is null and cancelled_at is null
      when 'closed' then closed_at is not null and posted_at is null and cancelled_at is null
      when 'posted' then closed_at is not null and posted_at is not null and cancelled_at is null
      else cancelled_at is not null and posted_at is null
    end),
  constraint count_figures_at_close check (
    (closed_at is null) = (lines_counted is null) and (closed_at is null) = (lines_matched is null)
    and (closed_at is null) = (lines_with_variance is null) and (closed_at is null) = (net_variance is null)),
  constraint count_figures_consistent check (
    lines_counted > 0 and lines_counted <= lines_total
    and lines_matched >= 0 and lines_matched + lines_with_variance = lines_counted
    and accuracy >= 0 and accuracy <= 1)
);
create index counts_by_created on counts (created_at, id);
create index counts_by_warehouse on counts (warehouse, created_at, id);
create index counts_by_status on counts (status, created_at, id);

-- One line per SKU to count. `expected_on_hand` is the books' onHand at `counted_at`, read in
-- the statement that records the count: comparing with onHand at open, close or post would
-- turn every shipment or receipt made meanwhile into a false variance.
create table count_lines (
  count_id text collate "C" not null,
  warehouse text collate "C" not null,
  sku text collate "C" not null references skus,
  counted bigint,
  expected_on_hand bigint,
  -- when the units were counted (the counter's device may send it), and when that reached us
  counted_at timestamptz,
  recorded_at timestamptz,
  counted_by text,
  variance bigint generated always as (counted - expected_on_hand) stored,
  -- the reason the variance was posted with
  reason text,
  -- While a count may still post this line (open, or closed and counted), no other count at
  -- the warehouse may hold the SKU: two counts would post the same missing units twice.
  active boolean not null default true,
  primary key (count_id, sku),
  foreign key (count_id, warehouse) references counts (id, warehouse),
  constraint count_line_not_negative check (counted >= 0 and expected_on_hand >= 0),
  constraint count_line_counted_together check (
    (counted is null) = (expected_on_hand is null) and (counted is null) = (counted_at is null)
    and (counted is null) = (recorded_at is null))
);
create unique index count_lines_one_active_count on count_lines (warehouse, sku) where active;
