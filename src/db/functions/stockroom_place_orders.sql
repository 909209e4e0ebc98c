-- Placement takes one decision and keeps one guard (issue 15). `placeBatch` (src/app/placement.ts)
-- locks every position of the batch, reads them and decides every order against those locked
-- figures, with the unknown SKUs and warehouses and the orders placed already; this function
-- used to take each of those decisions again, order by order (four statements per order, inside
-- the transaction that holds the hot rows), before `stockroom_apply_movements` guarded the write
-- a third time. Now it writes what was decided, set-based where it can: all order rows in one
-- statement (`on conflict do nothing`: an order that exists already, or was placed meanwhile by
-- another transaction that committed, is answered as a replay, as before; of two orders with one
-- id in a batch the first is placed and the second is its replay), all lines in one, each order's
-- movements through `stockroom_apply_movements`, whose conditional UPDATE stays the one guard,
-- then all allocations in one. A guard refusing a decided order is a programmer error: it raises
-- (SR001), never a business outcome; the batch is then retried order by order, and that order
-- answers 500. Same signature and results as 018_order_owner.sql ('placed' or 'replay';
-- 'refused' and 'unknown' are decided in TypeScript only, against the locked rows).
create or replace function stockroom_place_orders(p_orders jsonb, p_at timestamptz)
returns jsonb language plpgsql as $$
declare
  v_new text[];
  v_placing jsonb;
  v_placed_at bigint[];
  r record;
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

  -- The orders this call placed: the first of each id that was inserted, in batch order.
  select coalesce(jsonb_agg(f.o order by f.i), '[]'), coalesce(array_agg(f.i order by f.i), '{}')
    into v_placing, v_placed_at
    from (select distinct on (t.o->>'orderId') t.o, t.i
          from jsonb_array_elements(p_orders) with ordinality as t(o, i)
          where t.o->>'orderId' = any(v_new)
          order by t.o->>'orderId', t.i) f;

  insert into order_lines (order_id, line_no, sku, warehouse, qty)
    select p.o->>'orderId', l.n, l.sku, l.warehouse, l.qty
    from jsonb_array_elements(v_placing) as p(o)
      cross join lateral rows from (jsonb_to_recordset(p.o->'lines') as (sku text, warehouse text, qty bigint))
        with ordinality as l(sku, warehouse, qty, n);

  -- The movements come from the domain (`moves.reserve`), already as deltas and a guard.
  for r in select p.o from jsonb_array_elements(v_placing) as p(o) loop
    perform stockroom_apply_movements(p_at,
      array_agg(m.type), array_agg(m.sku), array_agg(m.warehouse), array_agg(m.qty), array_agg(m.guard),
      array_agg(m."onHand"), array_agg(m.reserved), array_agg(m.damaged), array_agg(m."qcPending"),
      array_agg(m.locked), array_agg(m."transferReserved"), array_agg(m.virtual),
      'order placed', r.o->>'orderId', null, r.o->>'actor')
      from jsonb_to_recordset(r.o->'moves') as m(type text, sku text, warehouse text, qty bigint,
        guard text, "onHand" bigint, reserved bigint, damaged bigint, "qcPending" bigint,
        locked bigint, "transferReserved" bigint, virtual bigint);
  end loop;

  insert into order_allocations (order_id, sku, warehouse, qty, reason)
    select p.o->>'orderId', a.sku, a.warehouse, a.qty, a.reason
    from jsonb_array_elements(v_placing) as p(o)
      cross join lateral jsonb_to_recordset(p.o->'allocations') as a(sku text, warehouse text, qty bigint, reason text);

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
