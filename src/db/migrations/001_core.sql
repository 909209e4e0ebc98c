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

-- Places a batch of orders in one statement and one commit. Each order is still all lines or
-- none, decided on its own; batching only shares the commit, so that a hot SKU is not
-- limited to one reservation per WAL flush. Every position the batch touches is locked first,
-- in (sku, warehouse) order, so batches never deadlock with each other or with other writers
-- (which also lock positions in that order), and each order's guard is then checked against
-- rows no one else can change. `p_orders` is a JSON array of
--   {orderId, region, channel, requestHash, placed, expiresAt, actor,
--    lines: [{sku, warehouse, qty}], allocations: [{sku, warehouse, qty}],
--    moves: [{type, sku, warehouse, qty, guard, onHand, reserved, ...deltas}]}
-- and the answer is one JSON object per order, in the same order:
--   {outcome: "placed"} | {outcome: "replay", requestHash, placed}
--   | {outcome: "refused", lines: [{sku, warehouse, requested, sellable}]}
--   | {outcome: "unknown", skus: [...], warehouses: [...]}
create function stockroom_place_orders(p_orders jsonb, p_at timestamptz)
returns jsonb language plpgsql as $$
declare
  o jsonb;
  results jsonb := '[]'::jsonb;
  existing record;
  missing_skus jsonb;
  missing_warehouses jsonb;
  short jsonb;
begin
  -- One index lookup per position (a join here is planned as a scan of every position).
  perform 1 from (
      select d.sku, d.warehouse from (
        select distinct a->>'sku' as sku, a->>'warehouse' as warehouse
        from jsonb_array_elements(p_orders) as ord, jsonb_array_elements(ord->'allocations') as a) d
      order by d.sku collate "C", d.warehouse collate "C") k
    cross join lateral (
      select 1 from stock_positions s where s.sku = k.sku and s.warehouse = k.warehouse for update) l;

  for o in select value from jsonb_array_elements(p_orders) loop
    select request_hash, placed_response into existing from orders where order_id = o->>'orderId';
    if found then
      results := results || jsonb_build_array(jsonb_build_object(
        'outcome', 'replay', 'requestHash', existing.request_hash, 'placed', existing.placed_response));
      continue;
    end if;

    select coalesce(jsonb_agg(distinct l->>'sku'), '[]') into missing_skus
      from jsonb_array_elements(o->'lines') l
      where not exists (select 1 from skus where sku = l->>'sku');
    select coalesce(jsonb_agg(distinct l->>'warehouse'), '[]') into missing_warehouses
      from jsonb_array_elements(o->'lines') l
      where l->>'warehouse' is not null
        and not exists (select 1 from warehouses where code = l->>'warehouse');
    if jsonb_array_length(missing_skus) > 0 or jsonb_array_length(missing_warehouses) > 0 then
      results := results || jsonb_build_array(jsonb_build_object(
        'outcome', 'unknown', 'skus', missing_skus, 'warehouses', missing_warehouses));
      continue;
    end if;

    -- The guard, S >= q for every allocation, read from rows this transaction has locked.
    select coalesce(jsonb_agg(jsonb_build_object(
             'sku', a.sku, 'warehouse', a.warehouse, 'requested', a.qty,
             'sellable', coalesce(s.on_hand - s.reserved - s.damaged - s.qc_pending - s.locked
                                  - s.transfer_reserved + s.virtual, 0))), '[]')
      into short
      from jsonb_to_recordset(o->'allocations') as a(sku text, warehouse text, qty bigint)
      left join lateral (
        select * from stock_positions p where p.sku = a.sku and p.warehouse = a.warehouse offset 0) s on true
      where s.sku is null
         or s.on_hand - s.reserved - s.damaged - s.qc_pending - s.locked
            - s.transfer_reserved + s.virtual < a.qty;
    if jsonb_array_length(short) > 0 then
      results := results || jsonb_build_array(jsonb_build_object('outcome', 'refused', 'lines', short));
      continue;
    end if;

    insert into orders (order_id, status, region, channel, request_hash, placed_response,
                        expires_at, created_at, updated_at)
    values (o->>'orderId', 'reserved', o->>'region', o->>'channel', o->>'requestHash', o->'placed',
            (o->>'expiresAt')::timestamptz, p_at, p_at)
    on conflict (order_id) do nothing;
    if not found then
      -- Placed meanwhile by another transaction that has committed: answer as a replay.
      select request_hash, placed_response into existing from orders where order_id = o->>'orderId';
      results := results || jsonb_build_array(jsonb_build_object(
        'outcome', 'replay', 'requestHash', existing.request_hash, 'placed', existing.placed_response));
      continue;
    end if;
    insert into order_lines (order_id, line_no, sku, warehouse, qty)
      select o->>'orderId', n, l.sku, l.warehouse, l.qty
      from rows from (jsonb_to_recordset(o->'lines') as (sku text, warehouse text, qty bigint))
        with ordinality as l(sku, warehouse, qty, n);
    -- The movements come from the domain (`moves.reserve`), already as deltas and a guard.
    perform stockroom_apply_movements(p_at,
      array_agg(m.type), array_agg(m.sku), array_agg(m.warehouse), array_agg(m.qty), array_agg(m.guard),
      array_agg(m."onHand"), array_agg(m.reserved), array_agg(m.damaged), array_agg(m."qcPending"),
      array_agg(m.locked), array_agg(m."transferReserved"), array_agg(m.virtual),
      'order placed', o->>'orderId', null, o->>'actor')
      from jsonb_to_recordset(o->'moves') as m(type text, sku text, warehouse text, qty bigint,
        guard text, "onHand" bigint, reserved bigint, damaged bigint, "qcPending" bigint,
        locked bigint, "transferReserved" bigint, virtual bigint);
    insert into order_allocations (order_id, sku, warehouse, qty)
      select o->>'orderId', a.sku, a.warehouse, a.qty
      from jsonb_to_recordset(o->'allocations') as a(sku text, warehouse text, qty bigint);
    results := results || jsonb_build_array(jsonb_build_object('outcome', 'placed'));
  end loop;
  return results;
end $$;
