-- A standing order's delivery missed (docs/alerts.md): its day passed without its stock
-- reserved, or with its order released before it shipped. Evaluated by the alerts' full sweep.

alter table alerts drop constraint alerts_kind_check;
alter table alerts add constraint alerts_kind_check check (kind in (
  'low_stock', 'out_of_stock', 'oversold', 'dead_stock', 'overstock', 'transfer_overdue',
  'lock_expiring', 'purchase_order_late', 'warehouse_near_capacity', 'stock_ageing',
  'standing_order_missed'));
