-- Incremental sync (`changedSince`) compares the transaction ids that last wrote a position (or
-- the channel) with the snapshot of the previous sync: see src/app/channels.ts. A row's `xmin`
-- is 32 bits; this widens it to the 64-bit id it must have, given `next`, the 64-bit id the
-- reading snapshot would assign next (every row the reader sees was written before it).
create or replace function stockroom_full_xid(x xid, next bigint) returns bigint
  language sql immutable strict parallel safe as $$
    select next - (((next - x::text::bigint) % 4294967296) + 4294967296) % 4294967296
  $$;
