-- The one write path for stock. Applies a batch of movements to their positions in
-- (sku, warehouse) order, each as a conditional UPDATE whose WHERE clause is the guard, and
-- appends each applied movement to the ledger. If any guard refuses, it raises SR001 with the
-- refused lines in DETAIL, and the caller's transaction rolls back: all lines or none.
--
-- - A position that does not exist yet is created empty and the update tried again. Two first
--   receipts at a new position may race: the loser's insert waits for the winner and does
--   nothing, and the second update (a new statement, a new snapshot) then sees that row and
--   guards it; only a second failed guard refuses.
-- - A refusal reports the position as it stood (all quantities, not only its sellable units), so
--   that it can say exactly why: e.g. a shipment of units that are not physically there names
--   onHand and what is held.
-- - Every applied movement writes a `stock.changed` event (the outbox) with the position's
--   quantities after it, and sellable before and after, in the transaction of the change.
-- - A 'physical' move (a fact: damage found, a loss, a count variance) is booked even when it
--   makes S negative; when it leaves S negative and lower than before, it records an
--   oversold_events row naming the orders whose open reservations at the position are at risk.
--
-- Versioned migrations keep only the schema; this file is re-applied by `migrate` whenever its
-- text changes (docs/database.md).
--
-- Zones (docs/zones.md): when a movement would leave the named zones of its position holding
-- more than the position has (in all, or of its damaged or in-inspection units), the shortfall
-- is picked from the zones inside the write: in-inspection units from `qc` zones, damaged units
-- from damaged/quarantine/returns zones, then sellable units from `pick` zones before `bulk`
-- ones, each kind in code order. The picks go to `zone_stock` and to the zone ledger under the
-- movement's id, with the position's row lock held throughout; what the zones cannot cover is
-- refused by the position's zone check (`units_in_zone`).
create or replace function stockroom_apply_movements(
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
  v_sellable_after bigint;
  after_move stock_positions%rowtype;
  v_movement_id bigint;
  v_zoned record;
  v_zone record;
  v_need_qc bigint;
  v_need_damaged bigint;
  v_need_free bigint;
  v_take bigint;
  v_pick_zones text[];
  v_pick_units bigint[];
  v_pick_all bigint;
  v_pick_damaged bigint;
  v_pick_qc bigint;
begin
  for m in
    select * from unnest(p_type, p_sku, p_warehouse, p_qty, p_guard, p_on_hand, p_reserved,
                         p_damaged, p_qc_pending, p_locked, p_transfer_reserved, p_virtual)
      with ordinality as t(type, sku, warehouse, qty, guard, d_on_hand, d_reserved, d_damaged,
                           d_qc_pending, d_locked, d_transfer_reserved, d_virtual, ord)
    order by t.sku collate "C", t.warehouse collate "C", t.ord
  loop
    applied := false;
    v_pick_zones := '{}';
    v_pick_units := '{}';
    v_pick_all := 0;
    v_pick_damaged := 0;
    v_pick_qc := 0;
    -- Only a movement that takes units out of the position, or out of its damaged or
    -- in-inspection units, can need units that sit in named zones.
    if m.d_on_hand < 0 or m.d_damaged < 0 or m.d_qc_pending < 0 then
      select s.on_hand, s.damaged, s.qc_pending, s.zone_units, s.zone_damaged, s.zone_qc_pending
        into v_zoned
        from stock_positions s where s.sku = m.sku and s.warehouse = m.warehouse for update;
      if found and v_zoned.zone_units > 0 then
        v_need_qc := greatest(0, v_zoned.zone_qc_pending - (v_zoned.qc_pending + m.d_qc_pending));
        v_need_damaged := greatest(0, v_zoned.zone_damaged - (v_zoned.damaged + m.d_damaged));
        for v_zone in
          select z.zone, z.units, k.kind from zone_stock z
            join warehouse_zones k on k.warehouse = z.warehouse and k.code = z.zone
          where z.sku = m.sku and z.warehouse = m.warehouse and z.units > 0
          order by case when k.kind in ('pick', 'bulk') then 1 else 0 end,
                   case k.kind when 'pick' then 0 else 1 end, z.zone collate "C"
          for update of z for share of k
        loop
          if v_zone.kind = 'qc' then
            v_take := least(v_zone.units, v_need_qc);
            v_need_qc := v_need_qc - v_take;
            v_pick_qc := v_pick_qc + v_take;
          elsif v_zone.kind in ('damaged', 'quarantine', 'returns') then
            v_take := least(v_zone.units, v_need_damaged);
            v_need_damaged := v_need_damaged - v_take;
            v_pick_damaged := v_pick_damaged + v_take;
          else
            -- Sellable zones come last in the order: what the named zones still hold beyond
            -- the position's onHand after this movement must come out of them.
            v_need_free := greatest(0, (v_zoned.zone_units - v_pick_all)
                                       - (v_zoned.on_hand + m.d_on_hand));
            v_take := least(v_zone.units, v_need_free);
          end if;
          if v_take > 0 then
            v_pick_zones := v_pick_zones || v_zone.zone::text;
            v_pick_units := v_pick_units || v_take;
            v_pick_all := v_pick_all + v_take;
          end if;
        end loop;
      end if;
    end if;
    for attempt in 1..2 loop
      update stock_positions s set
        on_hand = s.on_hand + m.d_on_hand,
        reserved = s.reserved + m.d_reserved,
        damaged = s.damaged + m.d_damaged,
        qc_pending = s.qc_pending + m.d_qc_pending,
        locked = s.locked + m.d_locked,
        transfer_reserved = s.transfer_reserved + m.d_transfer_reserved,
        virtual = s.virtual + m.d_virtual,
        zone_units = s.zone_units - v_pick_all,
        zone_damaged = s.zone_damaged - v_pick_damaged,
        zone_qc_pending = s.zone_qc_pending - v_pick_qc,
        updated_at = p_at
      where s.sku = m.sku and s.warehouse = m.warehouse
        and s.on_hand + m.d_on_hand >= 0
        and s.reserved + m.d_reserved >= 0
        and s.damaged + m.d_damaged >= 0
        and s.qc_pending + m.d_qc_pending >= 0
        and s.locked + m.d_locked >= 0
        and s.transfer_reserved + m.d_transfer_reserved >= 0
        and s.virtual + m.d_virtual >= 0
        and stockroom_physically_free(s.on_hand + m.d_on_hand, s.damaged + m.d_damaged,
              s.qc_pending + m.d_qc_pending, s.locked + m.d_locked,
              s.transfer_reserved + m.d_transfer_reserved) >= 0
        and (m.guard <> 'sellable' or
             stockroom_sellable(s.on_hand + m.d_on_hand, s.reserved + m.d_reserved,
               s.damaged + m.d_damaged, s.qc_pending + m.d_qc_pending, s.locked + m.d_locked,
               s.transfer_reserved + m.d_transfer_reserved, s.virtual + m.d_virtual) >= 0)
      returning s.* into after_move;
      applied := found;
      exit when applied or attempt = 2;
      -- A position that does not exist yet holds nothing: create it empty and guard again. If
      -- another transaction created it meanwhile, the insert waits for it and does nothing; the
      -- second update then sees that row (a new statement, a new snapshot) and guards it.
      insert into stock_positions (sku, warehouse, updated_at) values (m.sku, m.warehouse, p_at)
        on conflict do nothing;
    end loop;
    if not applied then
      select * into pos from stock_positions s where s.sku = m.sku and s.warehouse = m.warehouse;
      refused := refused || jsonb_build_object(
        'sku', m.sku, 'warehouse', m.warehouse, 'type', m.type, 'guard', m.guard,
        'requested', m.qty,
        'sellable', stockroom_sellable(pos.on_hand, pos.reserved, pos.damaged, pos.qc_pending,
                                       pos.locked, pos.transfer_reserved, pos.virtual),
        'position', jsonb_build_object(
          'onHand', pos.on_hand, 'reserved', pos.reserved, 'damaged', pos.damaged,
          'qcPending', pos.qc_pending, 'locked', pos.locked,
          'transferReserved', pos.transfer_reserved, 'virtual', pos.virtual));
    end if;
    if applied then
      insert into movements (at, sku, warehouse, type, qty, d_on_hand, d_reserved, d_damaged,
                             d_qc_pending, d_locked, d_transfer_reserved, d_virtual,
                             reason, order_id, reference, actor)
      values (p_at, m.sku, m.warehouse, m.type, m.qty, m.d_on_hand, m.d_reserved, m.d_damaged,
              m.d_qc_pending, m.d_locked, m.d_transfer_reserved, m.d_virtual,
              p_reason, p_order_id, p_reference, p_actor)
      returning id into v_movement_id;
      if m.type = 'reserve' then
        -- The day's reserved units, which the overstock alert reads (migration 044).
        insert into position_demand_days as d (sku, warehouse, day, units)
          values (m.sku, m.warehouse, (p_at at time zone 'UTC')::date, m.qty)
          on conflict (sku, warehouse, day) do update set units = d.units + excluded.units;
      end if;
      if v_pick_all > 0 then
        update zone_stock z set units = z.units - p.units
          from unnest(v_pick_zones, v_pick_units) as p(zone, units)
          where z.sku = m.sku and z.warehouse = m.warehouse and z.zone = p.zone;
        insert into zone_movements (movement_id, at, sku, warehouse, zone, d_units)
          select v_movement_id, p_at, m.sku, m.warehouse, p.zone, -p.units
          from unnest(v_pick_zones, v_pick_units) as p(zone, units);
      end if;
      v_sellable_after := stockroom_sellable(after_move.on_hand, after_move.reserved,
        after_move.damaged, after_move.qc_pending, after_move.locked,
        after_move.transfer_reserved, after_move.virtual);
      -- The outbox: every stock change is an event, written in the transaction of the change.
      insert into events (type, at, stream, data)
      values ('stock.changed', p_at, 'position:' || m.sku || '@' || m.warehouse, jsonb_build_object(
        'sku', m.sku, 'warehouse', m.warehouse, 'movementId', v_movement_id, 'movement', m.type,
        'qty', m.qty, 'reason', p_reason, 'orderId', p_order_id, 'reference', p_reference,
        'onHand', after_move.on_hand, 'reserved', after_move.reserved, 'damaged', after_move.damaged,
        'qcPending', after_move.qc_pending, 'locked', after_move.locked,
        'transferReserved', after_move.transfer_reserved, 'virtual', after_move.virtual,
        'sellable', v_sellable_after,
        'sellableBefore', v_sellable_after - stockroom_sellable(m.d_on_hand, m.d_reserved,
          m.d_damaged, m.d_qc_pending, m.d_locked, m.d_transfer_reserved, m.d_virtual)));
      -- A physical fact that leaves S negative, and lower than it was: record the oversell,
      -- naming the orders whose open reservations at this position are now at risk.
      if m.guard = 'physical' and v_sellable_after < 0
         and stockroom_sellable(m.d_on_hand, m.d_reserved, m.d_damaged, m.d_qc_pending,
               m.d_locked, m.d_transfer_reserved, m.d_virtual) < 0 then
        insert into oversold_events (at, sku, warehouse, movement_id, sellable_after, orders_at_risk)
        values (p_at, m.sku, m.warehouse, v_movement_id, v_sellable_after,
                array(select a.order_id from order_allocations a
                      where a.sku = m.sku and a.warehouse = m.warehouse
                        and a.qty > a.shipped + a.released
                      order by a.order_id));
      end if;
    end if;
  end loop;
  if jsonb_array_length(refused) > 0 then
    raise exception using errcode = 'SR001', message = 'stock movement refused by its guard',
      detail = refused::text;
  end if;
end $$;
