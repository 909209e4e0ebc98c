-- The service map's version (issue 15): a storefront's availability read asks for this one value
-- instead of building the whole service map (warehouses, delivery days, regions, routing) as JSON
-- on every read; each process keeps the map it read last under its version and reads it again
-- only when the version has moved (src/app/regions.ts, ServiceMapCache). Every committed change
-- to those rows moves it, in the changing transaction, whichever process or tool made it.
-- requires function: stockroom_service_map_changed
create table service_map_version (
  singleton boolean primary key default true check (singleton),
  version bigint not null
);
insert into service_map_version (version) values (1);

create constraint trigger warehouses_service_map after insert or update or delete on warehouses
  deferrable initially deferred for each row execute function stockroom_service_map_changed();
create constraint trigger warehouse_regions_service_map after insert or update or delete on warehouse_regions
  deferrable initially deferred for each row execute function stockroom_service_map_changed();
create constraint trigger regions_service_map after insert or update or delete on regions
  deferrable initially deferred for each row execute function stockroom_service_map_changed();
-- Only the routing policy among the settings is part of the map.
create constraint trigger settings_routing_written after insert or update on settings
  deferrable initially deferred for each row when (new.key = 'routing')
  execute function stockroom_service_map_changed();
create constraint trigger settings_routing_deleted after delete on settings
  deferrable initially deferred for each row when (old.key = 'routing')
  execute function stockroom_service_map_changed();
