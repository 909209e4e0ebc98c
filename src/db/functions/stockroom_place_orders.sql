-- Placement takes one decision and keeps one guard (issue 15). `placeBatch` (src/app/placement.ts)
-- locks every position of the batch, reads them and decides every order against those locked
-- figures, with the unknown SKUs and warehouses and the orders placed already. This function
-- writes what was decided, the whole batch set-based, in a fixed number of statements whatever
-- its size (it used to call `stockroom_apply_movements` once per order: a plpgsql loop, an
-- UPDATE, and a movement and an event INSERT per movement, all while the batch holds the hot
-- rows' locks):
-- - all order rows in one statement (`on conflict do nothing`: an order that exists already, or
--   was placed meanwhile by another transaction that committed, is answered as a replay, as
--   before; of two orders with one id in a batch the first is placed and the second is its
--   replay), all lines in one, all allocations in one;
-- - one conditional UPDATE per position with the sum of the batch's movements there: its WHERE
--   clause is the guard, the same as `stockroom_apply_movements`' applied to the position after
--   the whole batch. A placement only reserves (reserved grows) and unlocks ring-fenced units
--   (locked shrinks); each order's unlock never exceeds its reservation at the position, so the
--   sellable units only fall from one order to the next and every column moves one way: the
--   position after the batch is the lowest it passes through, and passing the guard there is
--   passing it after every movement. Any other movement raises (a programmer error);
-- - every movement of the batch into the ledger in one INSERT, and its `stock.changed` event
--   (with the position's quantities after that very movement, as `stockroom_apply_movements`
--   writes them) in one more.
-- The positions are locked already, in (sku, warehouse) order, by `placeBatch`'s read. A guard
-- refusing a decided order is a programmer error: it raises (SR001), never a business outcome;
-- the batch is then retried order by order, and that order answers 500. Same signature and
-- results as 018_order_owner.sql ('placed' or 'replay'; 'refused' and 'unknown' are decided in
-- TypeScript only, against the locked rows).
--
-- Every statement here, and every foreign-key check its inserts fire, reads the batch's own rows
-- by their keys, so the function fixes how they are planned (issue 15):
-- - once per connection, and the plans kept: planning each call's statements anew, for values
--   that change nothing in the plan, cost several times the work they planned;
-- - index lookups and nested loops only: a plan chosen on a row estimate taken while `orders`
--   was small (a foreign-key check of `order_lines` scanning all of `orders`, a hash of all
--   `stock_positions`) is kept by every pooled connection and costs more with every order, until
--   the next ANALYZE; statistics may be stale after a bulk import or with autovacuum off.
create or replace function stockroom_place_orders(p_orders jsonb, p_at timestamptz)
returns jsonb language plpgsql
set plan_cache_mode = force_generic_plan
set enable_seqscan = off
set enable_hashjoin = off
set enable_mergejoin = off
as $$
declare
  v_new text[];
  v_placed_at bigint[];
  v_odd text;
  v_positions integer;
  v_written integer;
  v_refused jsonb;
  results jsonb;
begin
  with input as (
    select t.o, t.i from jsonb_array_elements(p_orders) with ordinality as t(o, i)
  ), inserted as (
    insert into orders (order_id, status, region, channel, request_hash, placed_response,
                        expires_at, created_at, updated_at, placed_by)
    select n.o->>'orderId', 'reserved', n.o->>'region', n.o->>'channel', n.o->>'requestHash',
           n.o->'placed', (n.o->>'expiresAt')::timestamptz, p_at, p_at, n.o->>'actor'
    from input n order by n.i
    on conflict (order_id) do nothing
    returning order_id
  )
  select coalesce(array_agg(inserted.order_id), '{}') into v_new from inserted;

  -- The orders this call placed: the first of each id that was inserted, by place in the batch.
  select coalesce(array_agg(f.i order by f.i), '{}') into v_placed_at
    from (select distinct on (t.o->>'orderId') t.i
          from jsonb_array_elements(p_orders) with ordinality as t(o, i)
          where t.o->>'orderId' = any(v_new)
          order by t.o->>'orderId', t.i) f;

  insert into order_lines (order_id, line_no, sku, warehouse, qty)
    select p.o->>'orderId', l.n, l.sku, l.warehouse, l.qty
    from jsonb_array_elements(p_orders) with ordinality as p(o, i)
      cross join lateral rows from (jsonb_to_recordset(p.o->'lines') as (sku text, warehouse text, qty bigint))
        with ordinality as l(sku, warehouse, qty, n)
    where p.i = any(v_placed_at);

  -- Only reservations and unlocks may be summed per position (see above).
  select m.type into v_odd
    from jsonb_array_elements(p_orders) with ordinality as p(o, i)
      cross join lateral jsonb_to_recordset(p.o->'moves') as m(type text, "onHand" bigint,
        reserved bigint, damaged bigint, "qcPending" bigint, locked bigint,
        "transferReserved" bigint, virtual bigint)
    where p.i = any(v_placed_at)
      and not (m."onHand" = 0 and m.damaged = 0 and m."qcPending" = 0 and m."transferReserved" = 0
               and m.virtual = 0 and m.reserved >= 0 and m.locked <= 0)
    limit 1;
  if found then
    raise exception 'stockroom_place_orders: a % movement cannot be placed with an order', v_odd;
  end if;

  with placed_orders as materialized (
    -- The order's own fields taken out of its JSON first: otherwise the whole order (every line,
    -- move and allocation) rides along each of its movements through the sorts below, and an
    -- order of 500 lines sorted 500 copies of itself (hundreds of MB in temporary files).
    select t.i, t.o->>'orderId' as order_id, t.o->>'actor' as actor, t.o->'moves' as moves
    from jsonb_array_elements(p_orders) with ordinality as t(o, i)
    where t.i = any(v_placed_at)
  ), moves as (
    -- Every movement of the placed orders, numbered in the order they are applied: by order,
    -- then (as `stockroom_apply_movements` applies an order's) by position and place.
    select row_number() over (order by p.i, m.sku collate "C", m.warehouse collate "C", m.n) as seq,
           p.order_id, p.actor,
           m.type, m.sku, m.warehouse, m.qty, m.guard, m.reserved as d_reserved, m.locked as d_locked
    from placed_orders p
      cross join lateral rows from (jsonb_to_recordset(p.moves) as (type text, sku text,
        warehouse text, qty bigint, guard text, reserved bigint, locked bigint))
        with ordinality as m(type, sku, warehouse, qty, guard, reserved, locked, n)
  ), sums as (
    select sku, warehouse, sum(d_reserved)::bigint as d_reserved, sum(d_locked)::bigint as d_locked,
           bool_or(guard = 'sellable') as sellable_guard
    from moves group by sku, warehouse
  ), applied as (
    -- The one guard: the WHERE clause of `stockroom_apply_movements`, on the summed movement.
    update stock_positions s set
      reserved = s.reserved + t.d_reserved,
      locked = s.locked + t.d_locked,
      updated_at = p_at
    from sums t
    where s.sku = t.sku and s.warehouse = t.warehouse
      and s.reserved + t.d_reserved >= 0
      and s.locked + t.d_locked >= 0
      and stockroom_physically_free(s.on_hand, s.damaged, s.qc_pending, s.locked + t.d_locked,
            s.transfer_reserved) >= 0
      and (not t.sellable_guard or
           stockroom_sellable(s.on_hand, s.reserved + t.d_reserved, s.damaged, s.qc_pending,
             s.locked + t.d_locked, s.transfer_reserved, s.virtual) >= 0)
    returning s.*
  ), stepped as (
    -- The position after each movement: after the batch, less what the later ones moved.
    select m.*, a.on_hand, a.damaged, a.qc_pending, a.transfer_reserved, a.virtual,
           a.reserved - coalesce(sum(m.d_reserved) over later, 0)::bigint as reserved,
           a.locked - coalesce(sum(m.d_locked) over later, 0)::bigint as locked,
           nextval('movements_id_seq') as movement_id
    from moves m join applied a on a.sku = m.sku and a.warehouse = m.warehouse
    window later as (partition by m.sku, m.warehouse order by m.seq
                     rows between 1 following and unbounded following)
    order by m.seq
  ), ledger as (
    insert into movements (id, at, sku, warehouse, type, qty, d_reserved, d_locked,
                           reason, order_id, actor)
    select movement_id, p_at, sku, warehouse, type, qty, d_reserved, d_locked,
           'order placed', order_id, actor
    from stepped order by seq
  ), demand as (
    -- The day's reserved units per position, which the overstock alert reads (migration 044);
    -- the positions are locked by the guarded UPDATE above.
    insert into position_demand_days as d (sku, warehouse, day, units)
    select sku, warehouse, (p_at at time zone 'UTC')::date, sum(qty)
    from stepped where type = 'reserve'
    group by sku, warehouse order by sku, warehouse
    on conflict (sku, warehouse, day) do update set units = d.units + excluded.units
  ), outbox as (
    -- The outbox: every stock change is an event, written in the transaction of the change.
    insert into events (type, at, stream, data)
    select 'stock.changed', p_at, 'position:' || x.sku || '@' || x.warehouse, jsonb_build_object(
             'sku', x.sku, 'warehouse', x.warehouse, 'movementId', x.movement_id,
             'movement', x.type, 'qty', x.qty, 'reason', 'order placed', 'orderId', x.order_id,
             'reference', null, 'onHand', x.on_hand, 'reserved', x.reserved,
             'damaged', x.damaged, 'qcPending', x.qc_pending, 'locked', x.locked,
             'transferReserved', x.transfer_reserved, 'virtual', x.virtual,
             'sellable', x.sellable,
             'sellableBefore', x.sellable + x.d_reserved + x.d_locked)
    from (select y.*, stockroom_sellable(y.on_hand, y.reserved, y.damaged, y.qc_pending, y.locked,
                        y.transfer_reserved, y.virtual) as sellable
          from stepped y) x
    order by x.seq
  )
  select (select count(*) from sums), (select count(*) from applied),
         (select jsonb_agg(jsonb_build_object('sku', t.sku, 'warehouse', t.warehouse,
                   'reserved', t.d_reserved, 'unlocked', -t.d_locked,
                   'sellable', stockroom_sellable(s.on_hand, s.reserved, s.damaged, s.qc_pending,
                                 s.locked, s.transfer_reserved, s.virtual),
                   'position', jsonb_build_object('onHand', s.on_hand, 'reserved', s.reserved,
                     'damaged', s.damaged, 'qcPending', s.qc_pending, 'locked', s.locked,
                     'transferReserved', s.transfer_reserved, 'virtual', s.virtual)))
          from sums t left join stock_positions s on s.sku = t.sku and s.warehouse = t.warehouse
          where not exists (select 1 from applied a where a.sku = t.sku and a.warehouse = t.warehouse))
    into v_positions, v_written, v_refused;
  if v_written < v_positions then
    raise exception using errcode = 'SR001', message = 'stock movement refused by its guard',
      detail = v_refused::text;
  end if;

  insert into order_allocations (order_id, sku, warehouse, qty, reason)
    select p.o->>'orderId', a.sku, a.warehouse, a.qty, a.reason
    from jsonb_array_elements(p_orders) with ordinality as p(o, i)
      cross join lateral jsonb_to_recordset(p.o->'allocations') as a(sku text, warehouse text, qty bigint, reason text)
    where p.i = any(v_placed_at);

  select coalesce(jsonb_agg(
           case when t.i = any(v_placed_at) then jsonb_build_object('outcome', 'placed')
                else jsonb_build_object('outcome', 'replay', 'requestHash', x.request_hash,
                                        'placed', x.placed_response, 'placedBy', x.placed_by)
           end order by t.i), '[]')
    into results
    from jsonb_array_elements(p_orders) with ordinality as t(o, i)
      left join orders x on not (t.i = any(v_placed_at)) and x.order_id = t.o->>'orderId';
  return results;
end $$;
