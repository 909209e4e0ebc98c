-- Placement takes one decision and keeps one guard (issue 15). `placeBatch` (src/app/placement.ts)
-- locks every position of the batch, reads them and decides every order against those locked
-- figures, with the unknown SKUs and warehouses and the orders placed already; this function
-- used to take each of those decisions again per order (four statements per order, inside the
-- transaction that holds the hot rows) before `stockroom_apply_movements` guarded the write a
-- third time. Now it writes what was decided: the order row (`on conflict do nothing`: an order
-- placed meanwhile by another transaction is answered as a replay, as before), its lines, its
-- movements through `stockroom_apply_movements`, whose conditional UPDATE stays the one guard,
-- and its allocations. A guard refusing a decided order is a programmer error: it raises (SR001),
-- never a business outcome; the batch is then retried order by order and the order answers 500.
-- Same signature and results as 018_order_owner.sql ('placed' or 'replay'; 'refused' and
-- 'unknown' are now decided in TypeScript only).
create or replace function stockroom_place_orders(p_orders jsonb, p_at timestamptz)
returns jsonb language plpgsql as $$
declare
  o jsonb;
  results jsonb := '[]'::jsonb;
  existing record;
begin
  for o in select value from jsonb_array_elements(p_orders) loop
    insert into orders (order_id, status, region, channel, request_hash, placed_response,
                        expires_at, created_at, updated_at, placed_by)
    values (o->>'orderId', 'reserved', o->>'region', o->>'channel', o->>'requestHash', o->'placed',
            (o->>'expiresAt')::timestamptz, p_at, p_at, o->>'actor')
    on conflict (order_id) do nothing;
    if not found then
      -- Placed already (a replay), or meanwhile by another transaction that has committed.
      select request_hash, placed_response, placed_by into existing from orders where order_id = o->>'orderId';
      results := results || jsonb_build_array(jsonb_build_object(
        'outcome', 'replay', 'requestHash', existing.request_hash, 'placed', existing.placed_response,
        'placedBy', existing.placed_by));
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
    insert into order_allocations (order_id, sku, warehouse, qty, reason)
      select o->>'orderId', a.sku, a.warehouse, a.qty, a.reason
      from jsonb_to_recordset(o->'allocations') as a(sku text, warehouse text, qty bigint, reason text);
    results := results || jsonb_build_array(jsonb_build_object('outcome', 'placed'));
  end loop;
  return results;
end $$;
