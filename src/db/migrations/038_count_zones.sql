-- Cycle counts of one zone (docs/counts.md, docs/zones.md): a count may name a zone of its
-- warehouse (a named zone, or `default` for the units in no named zone). Its lines then expect
-- the units the zone held when each was counted, and posting books each variance in that zone.
-- Null: the count counts whole positions, as before. No foreign key to the zone: a zone can be
-- deleted once empty, and a count that names a deleted zone is refused at posting.
alter table counts add column zone text collate "C";
