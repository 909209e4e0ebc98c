/**
 * Committed future demand (docs/standing-orders.md): the units of active standing orders'
 * deliveries that are not reserved yet. Shared by the committed-demand read, replenishment and
 * the storefront's availability, so that all three count the same deliveries.
 */

/**
 * SQL: the units of active standing orders' deliveries not reserved yet, per delivery day from
 * `fromParam` to `toParam` (dates), as rows (sku, warehouse, day date, units). A caller's
 * filter on `sku` (or `warehouse`) is pushed down into it by the planner, which then reads the
 * standing orders of those SKUs alone (index `standing_order_lines_by_sku`).
 */
export const committedSql = (fromParam: string, toParam: string): string =>
  `select l.sku, so.warehouse, d::date as day, sum(l.qty) as units
     from standing_orders so
     join standing_order_lines l on l.standing_order = so.id
     cross join lateral generate_series(so.next_delivery_on::timestamp,
                                        least(coalesce(so.ends_on, ${toParam}::date), ${toParam}::date)::timestamp,
                                        make_interval(days => so.every_days)) d
    where so.status = 'active' and so.next_delivery_on is not null and so.next_delivery_on <= ${toParam}::date
      and d::date >= ${fromParam}::date
    group by 1, 2, 3`;
