-- Moves the service map's version on (migration 046): the trigger function behind every change
-- to what a storefront's availability read takes as its service map (warehouses, the regions
-- they serve and in how many days, regions, the routing policy). Its triggers are deferred, so
-- it runs at commit, and once per transaction (the flag is local to it): the version row is
-- locked only from then to the commit's end, so two transactions that change the map never wait
-- for each other while they hold other rows, and a process that sees version N in a snapshot
-- knows the map it read under N is that snapshot's map.
create or replace function stockroom_service_map_changed() returns trigger language plpgsql as $$
begin
  if current_setting('stockroom.service_map_changed', true) is distinct from 'yes' then
    perform set_config('stockroom.service_map_changed', 'yes', true);
    update service_map_version set version = version + 1;
  end if;
  return null;
end $$;
