-- A variant's option values use its product's option names, and no other variant of the
-- product has the same values. Checked by the write itself (a trigger), so the API, the bulk
-- edit, the CSV import and a hand-written UPDATE are all held to it. The SKU's check takes a
-- share lock on its product row and the product's check runs under the product row's update
-- lock, so a SKU taking an option and its product dropping that option at once run one after
-- the other. Two SKUs taking the same values at once both pass this look-up; the unique index
-- of migration 040 refuses the second (unique_violation), so the look-up is for the message.
create or replace function stockroom_check_variant_options() returns trigger language plpgsql as $$
declare
  allowed text[];
  bad text[];
  holder text;
begin
  if new.product is null or jsonb_typeof(new.options) <> 'object' or new.options = '{}'::jsonb then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    if new.product is not distinct from old.product and new.options is not distinct from old.options then
      return new;
    end if;
  end if;
  select p.options into allowed from products p where p.code = new.product for share;
  if not found then
    return new; -- the foreign key answers for a product that does not exist
  end if;
  select array_agg(k order by k) into bad from jsonb_object_keys(new.options) k where k <> all(allowed);
  if bad is not null then
    raise exception 'invalid_options' using errcode = 'SR001',
      detail = json_build_object('sku', new.sku, 'product', new.product, 'options', bad,
                                 'allowed', allowed)::text;
  end if;
  -- Spelled as the unique index is, so that it finds the holder through it.
  select s.sku into holder from skus s
   where s.product = new.product and md5(s.options::text) = md5(new.options::text)
     and s.options <> '{}'::jsonb and s.options = new.options and s.sku <> new.sku
   order by s.sku limit 1;
  if found then
    raise exception 'duplicate_variant' using errcode = 'SR003',
      detail = json_build_object('sku', new.sku, 'product', new.product, 'options', new.options,
                                 'existing', holder)::text;
  end if;
  return new;
end $$;
