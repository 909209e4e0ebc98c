-- Recent orders first (GET /v1/orders, the dashboard's order list), paged by (created_at, id).
create index orders_by_created on orders (created_at desc, order_id desc);
