-- Core: catalogue, stock positions, the movement ledger, orders, idempotency and API keys.
-- Codes use the "C" collation so that every writer sorts positions the same way: locks are
-- always taken in (sku, warehouse) byte order, which is what rules deadlocks out.

create table skus (
  sku text collate "C" primary key,
  name text not null,
  attributes jsonb not null default '{}',
  unit_cost numeric(16, 4),
  price numeric(16, 4),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table warehouses (
  code text collate "C" primary key,
  name text not null,
  region text not null,
  lat double precision,
  lon double precision,
  priority integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table stock_positions (
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  on_hand bigint not null default 0,
  reserved bigint not null default 0,
  damaged bigint not null default 0,
  qc_pending bigint not null default 0,
  locked bigint not null default 0,
  transfer_reserved bigint not null default 0,
  virtual bigint not null default 0,
  updated_at timestamptz not null,
  primary key (sku, warehouse),
  constraint quantities_not_negative check (
    on_hand >= 0 and reserved >= 0 and damaged >= 0 and qc_pending >= 0
    and locked >= 0 and transfer_reserved >= 0 and virtual >= 0),
  constraint held_units_within_on_hand check (
    damaged + qc_pending + locked + transfer_reserved <= on_hand)
);
create index stock_positions_by_warehouse on stock_positions (warehouse, sku);

-- The ledger: append-only. Each row is one movement's deltas on one position; summing a
-- position's rows rebuilds it, and summing those at or before a time answers `asOf`.
create table movements (
  id bigserial primary key,
  at timestamptz not null,
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  type text not null,
  qty bigint not null,
  d_on_hand bigint not null default 0,
  d_reserved bigint not null default 0,
  d_damaged bigint not null default 0,
  d_qc_pending bigint not null default 0,
  d_locked bigint not null default 0,
  d_transfer_reserved bigint not null default 0,
  d_virtual bigint not null default 0,
  reason text,
  order_id text collate "C",
  reference text,
  actor text
);
create index movements_by_position on movements (sku, warehouse, at);
create index movements_by_warehouse on movements (warehouse, id);
create index movements_by_order on movements (order_id) where order_id is not null;

create function stockroom_forbid_change() returns trigger language plpgsql as $$
begin
  raise exception 'the movement ledger is append-only';
end $$;
create trigger movements_append_only before update or delete on movements
  for each row execute function stockroom_forbid_change();

create table orders (
  order_id text collate "C" primary key,
  status text not null check (status in ('reserved', 'confirmed', 'partially_shipped', 'shipped', 'released')),
  region text,
  channel text,
  request_hash text not null,
  placed_response jsonb not null,
  expires_at timestamptz,
  released_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index orders_due_to_expire on orders (expires_at) where status = 'reserved' and expires_at is not null;

create table order_lines (
  order_id text collate "C" not null references orders,
  line_no integer not null,
  sku text collate "C" not null references skus,
  warehouse text collate "C",
  qty bigint not null check (qty > 0),
  primary key (order_id, line_no)
);

-- An order's reservation, per position: allocated = shipped + released + still open.
create table order_allocations (
  order_id text collate "C" not null references orders,
  sku text collate "C" not null,
  warehouse text collate "C" not null,
  qty bigint not null check (qty > 0),
  shipped bigint not null default 0,
  released bigint not null default 0,
  returned bigint not null default 0,
  primary key (order_id, sku, warehouse),
  foreign key (sku, warehouse) references stock_positions,
  constraint allocation_accounted check (shipped >= 0 and released >= 0 and shipped + released <= qty),
  constraint returns_within_shipped check (returned >= 0)
);

create table idempotency_keys (
  key text primary key,
  request_hash text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null
);

create table api_keys (
  id text primary key,
  name text not null,
  key_hash text not null unique,
  role text not null check (role in ('admin', 'operator', 'storefront')),
  warehouses text[],
  created_at timestamptz not null,
  revoked_at timestamptz
);

-- The one write path for stock. Applies a batch of movements to their positions in
-- (sku, warehouse) order, each as a conditional UPDATE whose WHERE clause is the guard, and
-- appends each applied movement to the ledger. If any guard refuses, it raises SR001 with the
-- refused lines in DETAIL, and the caller's transaction rolls back: all lines or none.
create function stockroom_apply_movements(
  p_at timestamptz,
  p_type text[], p_sku text[], p_warehouse text[], p_qty bigint[], p_guard text[],
  p_on_hand bigint[], p_reserved bigint[], p_damaged bigint[], p_qc_pending bigint[],
  p_locked bigint[], p_transfer_reserved bigint[], p_virtual bigint[],
  p_reason text, p_order_id text, p_reference text, p_actor text
) returns void language plpgsql as $$
declare
  m record;
  pos stock_positions%rowtype;
  refused jsonb := '[]'::jsonb;
  attempt integer;
  applied boolean;
begin
  for m in
    select * from unnest(p_type, p_sku, p_warehouse, p_qty, p_guard, p_on_hand, p_reserved,
                         p_damaged, p_qc_pending, p_locked, p_transfer_reserved, p_virtual)
      with ordinality as t(type, sku, warehouse, qty, guard, d_on_hand, d_reserved, d_damaged,
                           d_qc_pending, d_locked, d_transfer_reserved, d_virtual, ord)
    order by t.sku collate "C", t.warehouse collate "C", t.ord
  loop
    applied := false;
    for attempt in 1..2 loop
      update stock_positions s set
        on_hand = s.on_hand + m.d_on_hand,
        reserved = s.reserved + m.d_reserved,
        damaged = s.damaged + m.d_damaged,
        qc_pending = s.qc_pending + m.d_qc_pending,
        locked = s.locked + m.d_locked,
        transfer_reserved = s.transfer_reserved + m.d_transfer_reserved,
        virtual = s.virtual + m.d_virtual,
        updated_at = p_at
      where s.sku = m.sku and s.warehouse = m.warehouse
        and s.on_hand + m.d_on_hand >= 0
        and s.reserved + m.d_reserved >= 0
        and s.damaged + m.d_damaged >= 0
        and s.qc_pending + m.d_qc_pending >= 0
        and s.locked + m.d_locked >= 0
        and s.transfer_reserved + m.d_transfer_reserved >= 0
        and s.virtual + m.d_virtual >= 0
        and (s.damaged + m.d_damaged) + (s.qc_pending + m.d_qc_pending) + (s.locked + m.d_locked)
            + (s.transfer_reserved + m.d_transfer_reserved) <= s.on_hand + m.d_on_hand
        and (m.guard <> 'sellable' or
             (s.on_hand + m.d_on_hand) - (s.reserved + m.d_reserved) - (s.damaged + m.d_damaged)
             - (s.qc_pending + m.d_qc_pending) - (s.locked + m.d_locked)
             - (s.transfer_reserved + m.d_transfer_reserved) + (s.virtual + m.d_virtual) >= 0);
      applied := found;
      exit when applied;
      -- A position that does not exist yet holds nothing: create it empty and guard again.
      insert into stock_positions (sku, warehouse, updated_at) values (m.sku, m.warehouse, p_at)
        on conflict do nothing;
      if not found then
        select * into pos from stock_positions s where s.sku = m.sku and s.warehouse = m.warehouse;
        refused := refused || jsonb_build_object(
          'sku', m.sku, 'warehouse', m.warehouse, 'type', m.type, 'guard', m.guard,
          'requested', m.qty,
          'sellable', pos.on_hand - pos.reserved - pos.damaged - pos.qc_pending - pos.locked
                      - pos.transfer_reserved + pos.virtual);
        exit;
      end if;
    end loop;
    if applied then
      insert into movements (at, sku, warehouse, type, qty, d_on_hand, d_reserved, d_damaged,
                             d_qc_pending, d_locked, d_transfer_reserved, d_virtual,
                             reason, order_id, reference, actor)
      values (p_at, m.sku, m.warehouse, m.type, m.qty, m.d_on_hand, m.d_reserved, m.d_damaged,
              m.d_qc_pending, m.d_locked, m.d_transfer_reserved, m.d_virtual,
              p_reason, p_order_id, p_reference, p_actor);
    end if;
  end loop;
  if jsonb_array_length(refused) > 0 then
    raise exception using errcode = 'SR001', message = 'stock movement refused by its guard',
      detail = refused::text;
  end if;
end $$;

-- Documents of what happened, for reading back; the stock effect lives in movements.
create table receipts (
  id text primary key,
  warehouse text collate "C" not null references warehouses,
  reference text,
  lines jsonb not null,
  created_at timestamptz not null
);

create table shipments (
  id text primary key,
  order_id text collate "C" not null references orders,
  lines jsonb not null,
  created_at timestamptz not null
);
create index shipments_by_order on shipments (order_id);

create table customer_returns (
  id text primary key,
  order_id text collate "C" references orders,
  warehouse text collate "C" not null references warehouses,
  lines jsonb not null,
  created_at timestamptz not null
);

-- Places an order in one statement, so that the stock rows it locks stay locked only for
-- this statement and its commit. Returns null when placed; when the order id exists
-- already, returns that order's request fingerprint and first answer instead (a replay).
create function stockroom_place_order(
  p_order_id text, p_region text, p_channel text, p_request_hash text, p_response jsonb,
  p_expires_at timestamptz, p_at timestamptz, p_actor text,
  p_line_sku text[], p_line_warehouse text[], p_line_qty bigint[],
  p_type text[], p_sku text[], p_warehouse text[], p_qty bigint[], p_guard text[],
  p_on_hand bigint[], p_reserved bigint[], p_damaged bigint[], p_qc_pending bigint[],
  p_locked bigint[], p_transfer_reserved bigint[], p_virtual bigint[]
) returns jsonb language plpgsql as $$
begin
  insert into orders (order_id, status, region, channel, request_hash, placed_response, expires_at,
                      created_at, updated_at)
  values (p_order_id, 'reserved', p_region, p_channel, p_request_hash, p_response, p_expires_at,
          p_at, p_at)
  on conflict (order_id) do nothing;
  if not found then
    return (select jsonb_build_object('requestHash', request_hash, 'placed', placed_response)
            from orders where order_id = p_order_id);
  end if;
  insert into order_lines (order_id, line_no, sku, warehouse, qty)
    select p_order_id, n, sku, warehouse, qty
    from unnest(p_line_sku, p_line_warehouse, p_line_qty) with ordinality as t(sku, warehouse, qty, n);
  perform stockroom_apply_movements(p_at, p_type, p_sku, p_warehouse, p_qty, p_guard,
    p_on_hand, p_reserved, p_damaged, p_qc_pending, p_locked, p_transfer_reserved, p_virtual,
    'order placed', p_order_id, null, p_actor);
  insert into order_allocations (order_id, sku, warehouse, qty)
    select p_order_id, sku, warehouse, qty from unnest(p_sku, p_warehouse, p_qty) as t(sku, warehouse, qty);
  return null;
end $$;
