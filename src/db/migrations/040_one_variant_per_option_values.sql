-- Two variants of one product may not share their option values (two SKUs both size=M
-- colour=red would be one variant sold under two codes: a storefront could not tell which to
-- show). A unique index makes it hold under any concurrency; the trigger's function
-- (stockroom_check_variant_options, changed with this migration and applied after it) finds the
-- SKU that holds them first, so that the refusal names it.
-- jsonb's text is canonical (keys sorted, whitespace normalised): equal option values give
-- equal text whatever order they were written in. Hashed, because ten options of up to 264
-- characters could pass the size a btree entry may have. SKUs without option values (a
-- product's only SKU, or one whose options are set later) are left out.

-- Duplicates written before this migration stop it with the SKUs to fix, rather than with the
-- index's bare "could not create unique index".
do $$
declare
  dup record;
begin
  select s.product, s.options, array_agg(s.sku order by s.sku) as skus into dup
    from skus s
   where s.product is not null and s.options <> '{}'::jsonb
   group by s.product, s.options having count(*) > 1
   order by s.product limit 1;
  if found then
    raise exception 'SKUs % of product % share the option values %: give each its own options (PUT /v1/skus/{sku}), then start again',
      dup.skus, dup.product, dup.options;
  end if;
end $$;

create unique index skus_one_variant_per_option_values on skus (product, md5(options::text))
  where product is not null and options <> '{}'::jsonb;
