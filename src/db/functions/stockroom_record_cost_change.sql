-- Cost and price history for insights (docs/insights.md, migration 030): every change of a
-- SKU's unit cost or price is kept with the time it took effect. A trigger records the changes
-- rather than each writer: whatever sets skus.unit_cost or price (the API, an import, the demo,
-- a hand-written UPDATE) leaves the history complete.
create or replace function stockroom_record_cost_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.unit_cost is distinct from old.unit_cost
     or new.price is distinct from old.price then
    -- Two changes at one instant (one transaction's clock): the last one is what held.
    insert into sku_cost_history (sku, effective_at, unit_cost, price)
      values (new.sku, new.updated_at, new.unit_cost, new.price)
      on conflict (sku, effective_at) do update
        set unit_cost = excluded.unit_cost, price = excluded.price;
  end if;
  return null;
end $$;
