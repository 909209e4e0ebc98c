-- Transfers between warehouses. The stock effect lives in movements (transfer_plan,
-- transfer_ship, transfer_cancel, transfer_receive, referenced by the transfer id); these
-- tables count what is planned, on the road, arrived and lost, so that units in transit,
-- which belong to no warehouse, are counted somewhere: on the transfer.

create table transfers (
  transfer_id text collate "C" primary key,
  from_warehouse text collate "C" not null references warehouses,
  to_warehouse text collate "C" not null references warehouses,
  status text not null
    check (status in ('planned', 'partially_shipped', 'in_transit', 'received', 'cancelled')),
  note text,
  request_hash text not null,
  planned_response jsonb not null,
  -- Shipments, receipts and cancellations, oldest first: [{eventId, type, at, actor, lines}].
  events jsonb not null default '[]',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint transfer_between_two_warehouses check (from_warehouse <> to_warehouse)
);
create index transfers_by_status on transfers (status, created_at, transfer_id);
create index transfers_by_created on transfers (created_at, transfer_id);

-- One line per SKU: planned = shipped + cancelled + still open; shipped = received + damaged
-- + lost + still in transit.
create table transfer_lines (
  transfer_id text collate "C" not null references transfers,
  sku text collate "C" not null references skus,
  planned bigint not null check (planned > 0),
  shipped bigint not null default 0,
  cancelled bigint not null default 0,
  received bigint not null default 0,
  damaged bigint not null default 0,
  lost bigint not null default 0,
  loss_reason text,
  primary key (transfer_id, sku),
  constraint transfer_line_not_negative check (
    shipped >= 0 and cancelled >= 0 and received >= 0 and damaged >= 0 and lost >= 0),
  constraint transfer_line_shipped_within_planned check (shipped + cancelled <= planned),
  constraint transfer_line_arrived_within_shipped check (received + damaged + lost <= shipped)
);
create index transfer_lines_in_transit on transfer_lines (sku, transfer_id)
  where shipped > received + damaged + lost;
