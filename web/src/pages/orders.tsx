import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useLive, useSession } from '../context.tsx';
import { ActionDialog, Badge, Card, Empty, QueryView } from '../components/ui.tsx';
import { Pager, useCursorPages } from '../components/paging.tsx';
import type { Query } from '../lib/api.ts';
import { formatDateTime, formatUnits } from '../lib/format.ts';

const STATUS_TONE: Record<string, string> = {
  reserved: 'info',
  confirmed: 'info',
  partially_shipped: 'warn',
  shipped: 'good',
  released: 'plain',
};

export function OrdersPage() {
  const { orderId } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const [text, setText] = useState(orderId ?? '');
  const live = useLive();
  const seen = [
    ...new Set(live.recent.filter((e) => e.type.startsWith('order.')).map((e) => String(e.data.orderId))),
  ];
  const find = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) void navigate(`/orders/${encodeURIComponent(text.trim())}`);
  };
  return (
    <>
      <h1>Orders</h1>
      <form className="toolbar" role="search" onSubmit={find}>
        <label className="field grow">
          <span className="field-label">Order id</span>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="web-1001"
            data-testid="order-search"
          />
        </label>
        <button className="btn btn-primary" type="submit">
          Find
        </button>
      </form>
      {orderId ? (
        <OrderView key={orderId} orderId={orderId} />
      ) : can('operate') ? (
        <RecentOrders />
      ) : (
        <Card title="Orders seen live">
          {seen.length === 0 ? (
            <Empty title="Find an order by its id.">
              Orders placed while this page is open are listed here as they arrive.
            </Empty>
          ) : (
            <ul className="plain">
              {seen.map((id) => (
                <li key={id}>
                  <Link to={`/orders/${encodeURIComponent(id)}`}>{id}</Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}

function OrderView(props: { orderId: string }) {
  const api = useApi();
  const { can } = useSession();
  const qc = useQueryClient();
  const order = useQuery({
    queryKey: ['order', props.orderId],
    queryFn: () => api.get('/v1/orders/{orderId}', { params: { path: { orderId: props.orderId } } }),
    retry: false,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['order', props.orderId] });
  return (
    <QueryView query={order} what="the order">
      {(o) => {
        const open = o.allocations.reduce((n, a) => n + a.open, 0);
        const active = o.status !== 'released' && o.status !== 'shipped';
        const path = { orderId: o.orderId };
        return (
          <Card
            title={
              <>
                Order <span className="mono">{o.orderId}</span>{' '}
                <Badge tone={STATUS_TONE[o.status]}>
                  <span data-testid="order-status">{o.status.replace('_', ' ')}</span>
                </Badge>
              </>
            }
            actions={
              <div className="actions">
                {o.status === 'reserved' ? (
                  <ActionDialog
                    label="Confirm"
                    title={`Confirm ${o.orderId}`}
                    summary={() => `Confirm payment of ${o.orderId}: its reservation no longer expires.`}
                    onConfirm={() => api.post('/v1/orders/{orderId}/confirm', { params: { path } })}
                    onDone={refresh}
                  />
                ) : null}
                {active && can('operate') && open > 0 ? (
                  <ActionDialog
                    testId="action-ship"
                    variant="primary"
                    label="Ship"
                    title={`Ship ${o.orderId}`}
                    summary={() => `Ship the ${formatUnits(open)} open units of ${o.orderId}.`}
                    onConfirm={() =>
                      api.post('/v1/orders/{orderId}/shipments', { params: { path }, body: {} })
                    }
                    onDone={refresh}
                  />
                ) : null}
                {active ? (
                  <ActionDialog
                    variant="danger"
                    label="Cancel order"
                    title={`Cancel ${o.orderId}`}
                    summary={() =>
                      `Cancel ${o.orderId}: release the ${formatUnits(open)} units not shipped yet.`
                    }
                    onConfirm={() => api.post('/v1/orders/{orderId}/cancel', { params: { path } })}
                    onDone={refresh}
                  />
                ) : null}
              </div>
            }
          >
            <dl className="facts">
              <dt>Placed</dt>
              <dd>{formatDateTime(o.createdAt)}</dd>
              <dt>Region</dt>
              <dd>{o.region ?? '–'}</dd>
              <dt>Channel</dt>
              <dd>{o.channel ?? '–'}</dd>
              <dt>Expires</dt>
              <dd>{o.expiresAt ? formatDateTime(o.expiresAt) : 'never'}</dd>
              {o.releasedReason ? (
                <>
                  <dt>Released</dt>
                  <dd>{o.releasedReason}</dd>
                </>
              ) : null}
            </dl>
            <h3>Allocations and routing</h3>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>SKU</th>
                    <th>Warehouse</th>
                    <th className="num">Allocated</th>
                    <th className="num">Shipped</th>
                    <th className="num">Released</th>
                    <th className="num">Open</th>
                    <th>Why this warehouse</th>
                  </tr>
                </thead>
                <tbody>
                  {o.allocations.map((a) => (
                    <tr key={`${a.sku}@${a.warehouse}`}>
                      <td>
                        <Link className="mono" to={`/skus/${encodeURIComponent(a.sku)}`}>
                          {a.sku}
                        </Link>
                      </td>
                      <td>{a.warehouse}</td>
                      <td className="num">{formatUnits(a.qty)}</td>
                      <td className="num">{formatUnits(a.shipped)}</td>
                      <td className="num">{formatUnits(a.released)}</td>
                      <td className="num">
                        {formatUnits(a.open)}
                        {a.onVirtual > 0 ? (
                          <span className="muted small"> ({formatUnits(a.onVirtual)} on virtual)</span>
                        ) : null}
                      </td>
                      <td className="small">{a.reason ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>Shipments</h3>
            {o.shipments.length === 0 ? (
              <p className="muted">Nothing shipped yet.</p>
            ) : (
              <ul className="plain">
                {o.shipments.map((s) => (
                  <li key={s.shipmentId}>
                    <span className="mono">{s.shipmentId}</span> at {formatDateTime(s.shippedAt)}:{' '}
                    {s.lines.map((l) => `${formatUnits(l.qty)} × ${l.sku} from ${l.warehouse}`).join(', ')}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        );
      }}
    </QueryView>
  );
}

const STATUSES = ['reserved', 'confirmed', 'partially_shipped', 'shipped', 'released'] as const;

/** The latest orders, newest first, live: every order event refreshes the list. */
function RecentOrders() {
  const api = useApi();
  const [status, setStatus] = useState<Query<'/v1/orders'>['status'] | ''>('');
  const pages = useCursorPages();
  const orders = useQuery({
    queryKey: ['orders', status, pages.cursor ?? ''],
    queryFn: () =>
      api.get('/v1/orders', {
        params: { query: { status: status || undefined, cursor: pages.cursor, limit: 25 } },
      }),
  });
  return (
    <Card
      title="Recent orders"
      actions={
        <label className="field">
          <span className="field-label">Status</span>
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              pages.reset();
            }}
            data-testid="order-status-filter"
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <QueryView query={orders} what="orders">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={status ? `No ${status.replace('_', ' ')} orders.` : 'No orders yet.'}>
              Orders placed through the API (storefronts, marketplaces) appear here as they arrive.
            </Empty>
          ) : (
            <>
              <table className="table" data-testid="recent-orders">
                <thead>
                  <tr>
                    <th>Order</th>
                    <th>Status</th>
                    <th>Region</th>
                    <th>Channel</th>
                    <th className="num">Units</th>
                    <th className="num">Shipped</th>
                    <th className="num">Released</th>
                    <th>Placed</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((o) => (
                    <tr key={o.orderId}>
                      <td>
                        <Link className="mono" to={`/orders/${encodeURIComponent(o.orderId)}`}>
                          {o.orderId}
                        </Link>
                      </td>
                      <td>
                        <Badge tone={STATUS_TONE[o.status]}>{o.status.replace('_', ' ')}</Badge>
                      </td>
                      <td>{o.region ?? '–'}</td>
                      <td>{o.channel ?? '–'}</td>
                      <td className="num">{formatUnits(o.units)}</td>
                      <td className="num">{formatUnits(o.shipped)}</td>
                      <td className="num">{formatUnits(o.released)}</td>
                      <td>{formatDateTime(o.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager
                page={pages.page}
                more={page.nextCursor !== null}
                shown={page.items.length}
                onPrev={pages.prev}
                onNext={() => page.nextCursor && pages.next(page.nextCursor)}
              />
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
