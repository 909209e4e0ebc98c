-- Places a batch of orders in one statement and one commit. Each order is still all lines or
-- none, decided on its own; batching only shares the commit, so that a hot SKU is not
-- limited to one reservation per WAL flush. Every position the batch touches is locked first,
-- in (sku, warehouse) order, so batches never deadlock with each other or with other writers
-- (which also lock positions in that order), and each order's guard is then checked against
-- rows no one else can change. The routing itself happens before it, in the same transaction,
-- with the positions already locked (src/app/placement.ts). `p_orders` is a JSON array of
--   {orderId, region, channel, requestHash, placed, expiresAt, actor,
--    lines: [{sku, warehouse, qty}], allocations: [{sku, warehouse, qty, reason}],
--    moves: [{type, sku, warehouse, qty, guard, onHand, reserved, ...deltas}]}
-- and the answer is one JSON object per order, in the same order:
--   {outcome: "placed"} | {outcome: "replay", requestHash, placed, placedBy}
--   | {outcome: "refused", lines: [{sku, warehouse, requested, sellable}]}
--   | {outcome: "unknown", skus: [...], warehouses: [...]}
--
-- - Each allocation's reason (why it went to its warehouse) is stored for support staff.
-- - Orders of a sales channel take the channel's ring-fenced (locked) units first: their moves
--   unlock those units (L -= x) before reserving (O += q) at the same position, and the guard
--   counts what the order itself unlocks.
-- - The placing key (`actor`) is stored on the order and answered with a replay, so that the
--   caller can refuse to hand one key's order to another.
--
-- Re-applied by `migrate` whenever this file's text changes (docs/database.md).
create or replace function stockroom_place_orders(p_orders jsonb, p_at timestamptz)
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
    select request_hash, placed_response, placed_by into existing from orders where order_id = o->>'orderId';
    if found then
      results := results || jsonb_build_array(jsonb_build_object(
        'outcome', 'replay', 'requestHash', existing.request_hash, 'placed', existing.placed_response,
        'placedBy', existing.placed_by));
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

    -- The guard, S >= q for every allocation, read from rows this transaction has locked; units
    -- the order's own moves unlock first (a channel's ring-fence) count towards S.
    select coalesce(jsonb_agg(jsonb_build_object(
             'sku', a.sku, 'warehouse', a.warehouse, 'requested', a.qty,
             'sellable', coalesce(stockroom_sellable(s.on_hand, s.reserved, s.damaged, s.qc_pending,
                                                     s.locked, s.transfer_reserved, s.virtual), 0))), '[]')
      into short
      from jsonb_to_recordset(o->'allocations') as a(sku text, warehouse text, qty bigint)
      left join lateral (
        select * from stock_positions p where p.sku = a.sku and p.warehouse = a.warehouse offset 0) s on true
      cross join lateral (
        select coalesce(sum(-(m->>'locked')::bigint), 0) as freed
        from jsonb_array_elements(o->'moves') m
        where m->>'type' = 'unlock' and m->>'sku' = a.sku and m->>'warehouse' = a.warehouse) f
      where s.sku is null
         or stockroom_sellable(s.on_hand, s.reserved, s.damaged, s.qc_pending, s.locked,
                               s.transfer_reserved, s.virtual) + f.freed < a.qty;
    if jsonb_array_length(short) > 0 then
      results := results || jsonb_build_array(jsonb_build_object('outcome', 'refused', 'lines', short));
      continue;
    end if;

    insert into orders (order_id, status, region, channel, request_hash, placed_response,
                        expires_at, created_at, updated_at, placed_by)
    values (o->>'orderId', 'reserved', o->>'region', o->>'channel', o->>'requestHash', o->'placed',
            (o->>'expiresAt')::timestamptz, p_at, p_at, o->>'actor')
    on conflict (order_id) do nothing;
    if not found then
      -- Placed meanwhile by another transaction that has committed: answer as a replay.
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
