-- A variant's option values use its product's option names. Checked by the write itself (a
-- trigger), so the API, the bulk edit, the CSV import and a hand-written UPDATE are all held to
-- it. The SKU's check takes a share lock on its product row and the product's check runs under
-- the product row's update lock, so a SKU taking an option and its product dropping that option
-- at once run one after the other.
create or replace function stockroom_check_product_options() returns trigger language plpgsql as $$
declare
  used record;
begin
  if new.options @> old.options then
    return new;
  end if;
  select s.sku, array_agg(k order by k) as keys into used
    from skus s cross join lateral jsonb_object_keys(s.options) k
   where s.product = new.code and jsonb_typeof(s.options) = 'object' and k <> all(new.options)
   group by s.sku order by s.sku limit 1;
  if found then
    raise exception 'option_in_use' using errcode = 'SR002',
      detail = json_build_object('product', new.code, 'sku', used.sku, 'options', used.keys)::text;
  end if;
  return new;
end $$;
