-- Contingency alerts (docs/alerts.md): a purchase order past its expected date, a warehouse near
-- its capacity, stock ageing past a threshold. Capacity and the ageing threshold are properties
-- of a warehouse, set with PUT /v1/warehouses/{code}; null means "not watched" for capacity and
-- "the default" for ageing.

alter table warehouses
  add column capacity_units bigint check (capacity_units > 0),
  add column capacity_alert_percent integer check (capacity_alert_percent between 1 and 100),
  add column ageing_alert_days integer check (ageing_alert_days > 0);

alter table alerts drop constraint alerts_kind_check;
alter table alerts add constraint alerts_kind_check check (kind in (
  'low_stock', 'out_of_stock', 'oversold', 'dead_stock', 'overstock', 'transfer_overdue',
  'lock_expiring', 'purchase_order_late', 'warehouse_near_capacity', 'stock_ageing'));
