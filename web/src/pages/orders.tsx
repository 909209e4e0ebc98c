import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useLive, useSession } from '../context.tsx';
import { ActionDialog, Badge, Card, Empty, QueryView } from '../components/ui.tsx';
import { Pager, useCursorPages } from '../components/paging.tsx';
import type { Query } from '../lib/api.ts';
import { formatDateTime, formatUnits } from '../lib/format.ts';
import { allPages, exportName, forEachSelected, toCsv } from '../lib/list-tools.ts';
import { ExportCsv, SavedViews, SelectAll, useSelection } from '../components/list-tools.tsx';
import { useI18n } from '../i18n.tsx';

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
  const { t } = useI18n();
  const find = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) void navigate(`/orders/${encodeURIComponent(text.trim())}`);
  };
  return (
    <>
      <h1>{t.orders.title}</h1>
      <form className="toolbar" role="search" onSubmit={find}>
        <label className="field grow">
          <span className="field-label">{t.orders.orderId}</span>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="web-1001"
            data-testid="order-search"
          />
        </label>
        <button className="btn btn-primary" type="submit">
          {t.orders.find}
        </button>
      </form>
      {orderId ? (
        <OrderView key={orderId} orderId={orderId} />
      ) : can('operate') ? (
        <RecentOrders />
      ) : (
        <Card title={t.orderDetail.seenLive}>
          {seen.length === 0 ? (
            <Empty title={t.orderDetail.findTitle}>{t.orderDetail.findBody}</Empty>
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
  const { t } = useI18n();
  const m = t.orderDetail;
  return (
    <QueryView query={order} what={m.theOrder}>
      {(o) => {
        const open = o.allocations.reduce((n, a) => n + a.open, 0);
        const active = o.status !== 'released' && o.status !== 'shipped';
        const path = { orderId: o.orderId };
        return (
          <Card
            title={
              <>
                {m.order} <span className="mono">{o.orderId}</span>{' '}
                <Badge tone={STATUS_TONE[o.status]}>
                  <span data-testid="order-status">{t.orders.statusName[o.status] ?? o.status}</span>
                </Badge>
              </>
            }
            actions={
              <div className="actions">
                {o.status === 'reserved' ? (
                  <ActionDialog
                    label={m.confirm}
                    title={m.confirmTitle(o.orderId)}
                    summary={() => m.confirmSummary(o.orderId)}
                    onConfirm={() => api.post('/v1/orders/{orderId}/confirm', { params: { path } })}
                    onDone={refresh}
                  />
                ) : null}
                {active && can('operate') && open > 0 ? (
                  <ActionDialog
                    testId="action-ship"
                    variant="primary"
                    label={m.ship}
                    title={m.shipTitle(o.orderId)}
                    summary={() => m.shipSummary(formatUnits(open), o.orderId)}
                    onConfirm={() =>
                      api.post('/v1/orders/{orderId}/shipments', { params: { path }, body: {} })
                    }
                    onDone={refresh}
                  />
                ) : null}
                {active ? (
                  <ActionDialog
                    variant="danger"
                    label={m.cancel}
                    title={m.cancelTitle(o.orderId)}
                    summary={() => m.cancelSummary(o.orderId, formatUnits(open))}
                    onConfirm={() => api.post('/v1/orders/{orderId}/cancel', { params: { path } })}
                    onDone={refresh}
                  />
                ) : null}
              </div>
            }
          >
            <dl className="facts">
              <dt>{m.placed}</dt>
              <dd>{formatDateTime(o.createdAt)}</dd>
              <dt>{m.region}</dt>
              <dd>{o.region ?? '–'}</dd>
              <dt>{m.channel}</dt>
              <dd>{o.channel ?? '–'}</dd>
              <dt>{m.expires}</dt>
              <dd>{o.expiresAt ? formatDateTime(o.expiresAt) : m.never}</dd>
              {o.releasedReason ? (
                <>
                  <dt>{m.released}</dt>
                  <dd>{o.releasedReason}</dd>
                </>
              ) : null}
            </dl>
            <h3>{m.allocations}</h3>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{m.col.sku}</th>
                    <th>{m.col.warehouse}</th>
                    <th className="num">{m.col.allocated}</th>
                    <th className="num">{m.col.shipped}</th>
                    <th className="num">{m.col.released}</th>
                    <th className="num">{m.col.open}</th>
                    <th>{m.col.why}</th>
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
                          <span className="muted small"> {m.onVirtual(formatUnits(a.onVirtual))}</span>
                        ) : null}
                      </td>
                      <td className="small">{a.reason ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{m.shipments}</h3>
            {o.shipments.length === 0 ? (
              <p className="muted">{m.nothingShipped}</p>
            ) : (
              <ul className="plain">
                {o.shipments.map((s) => (
                  <li key={s.shipmentId}>
                    {m.shipment(
                      s.shipmentId,
                      formatDateTime(s.shippedAt),
                      s.lines.map((l) => m.shipmentLine(formatUnits(l.qty), l.sku, l.warehouse)).join(', '),
                    )}
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
  const qc = useQueryClient();
  const { t } = useI18n();
  const selection = useSelection();
  const [status, setStatus] = useState<Query<'/v1/orders'>['status'] | ''>('');
  const pages = useCursorPages();
  const orders = useQuery({
    queryKey: ['orders', status, pages.cursor ?? ''],
    queryFn: () =>
      api.get('/v1/orders', {
        params: { query: { status: status || undefined, cursor: pages.cursor, limit: 25 } },
      }),
  });
  const shown = orders.data?.items ?? [];
  const chosen = shown.filter((o) => selection.has(o.orderId));
  const ids = chosen.map((o) => o.orderId).join(', ');
  const act = (what: 'confirm' | 'shipments' | 'cancel') => async () => {
    const send = (orderId: string) => {
      const params = { path: { orderId } };
      if (what === 'confirm') return api.post('/v1/orders/{orderId}/confirm', { params });
      if (what === 'cancel') return api.post('/v1/orders/{orderId}/cancel', { params });
      return api.post('/v1/orders/{orderId}/shipments', { params, body: {} });
    };
    try {
      return await forEachSelected(
        chosen,
        (o) => o.orderId,
        (o) => send(o.orderId),
      );
    } finally {
      selection.clear();
      void qc.invalidateQueries({ queryKey: ['orders'] });
      void qc.invalidateQueries({ queryKey: ['order'] });
    }
  };
  const exportAll = async () => {
    const items = await allPages(
      (cursor) =>
        api.get('/v1/orders', { params: { query: { status: status || undefined, cursor, limit: 500 } } }),
      undefined,
      t.listExport,
    );
    return {
      csv: toCsv(
        ['order_id', 'status', 'region', 'channel', 'units', 'shipped', 'released', 'placed_at'],
        items.map((o) => [
          o.orderId,
          o.status,
          o.region,
          o.channel,
          o.units,
          o.shipped,
          o.released,
          o.createdAt,
        ]),
      ),
      fileName: exportName('orders', { status }, new Date()),
    };
  };
  return (
    <Card
      title={t.orders.recent}
      actions={
        <label className="field">
          <span className="field-label">{t.orders.status}</span>
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              pages.reset();
            }}
            data-testid="order-status-filter"
          >
            <option value="">{t.orders.any}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.orders.statusName[s] ?? s}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <div className="list-bar">
        <p className="muted" data-testid="list-totals">
          {t.orders.totals(
            formatUnits(shown.length),
            formatUnits(shown.reduce((n, o) => n + o.units, 0)),
            formatUnits(shown.reduce((n, o) => n + o.shipped, 0)),
          )}
        </p>
        <div className="actions">
          {chosen.length > 0 ? (
            <>
              <ActionDialog
                label={t.orders.confirmSelected(formatUnits(chosen.length))}
                title={t.orders.bulkTitle}
                testId="bulk-confirm"
                summary={() => t.orders.confirmSummary(ids)}
                onConfirm={act('confirm')}
              />
              <ActionDialog
                variant="primary"
                label={t.orders.shipSelected(formatUnits(chosen.length))}
                title={t.orders.bulkTitle}
                testId="bulk-ship"
                summary={() => t.orders.shipSummary(ids)}
                onConfirm={act('shipments')}
              />
              <ActionDialog
                variant="danger"
                label={t.orders.cancelSelected(formatUnits(chosen.length))}
                title={t.orders.bulkTitle}
                testId="bulk-cancel"
                summary={() => t.orders.cancelSummary(ids)}
                onConfirm={act('cancel')}
              />
            </>
          ) : null}
          <ExportCsv build={exportAll} />
          <SavedViews
            list="orders"
            current={{ status: status ?? '' }}
            onApply={(f) => {
              setStatus((f.status ?? '') as typeof status);
              pages.reset();
              selection.clear();
            }}
          />
        </div>
      </div>
      <QueryView query={orders} what={t.orders.what}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty
              title={status ? t.orders.noneWith(t.orders.statusName[status] ?? status) : t.orders.noneYet}
            >
              {t.orders.noneBody}
            </Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table stack" data-testid="recent-orders">
                  <thead>
                    <tr>
                      <th>
                        <SelectAll keys={page.items.map((o) => o.orderId)} selection={selection} />
                      </th>
                      <th>{t.orders.col.order}</th>
                      <th>{t.orders.col.status}</th>
                      <th>{t.orders.col.region}</th>
                      <th>{t.orders.col.channel}</th>
                      <th className="num">{t.orders.col.units}</th>
                      <th className="num">{t.orders.col.shipped}</th>
                      <th className="num">{t.orders.col.released}</th>
                      <th>{t.orders.col.placed}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((o) => (
                      <tr key={o.orderId}>
                        <td className="pick">
                          <input
                            type="checkbox"
                            aria-label={t.lists.select(o.orderId)}
                            checked={selection.has(o.orderId)}
                            onChange={(e) => selection.toggle(o.orderId, e.target.checked)}
                          />
                        </td>
                        <td className="lead">
                          <Link className="mono" to={`/orders/${encodeURIComponent(o.orderId)}`}>
                            {o.orderId}
                          </Link>
                        </td>
                        <td data-label={t.orders.col.status}>
                          <Badge tone={STATUS_TONE[o.status]}>
                            {t.orders.statusName[o.status] ?? o.status}
                          </Badge>
                        </td>
                        <td data-label={t.orders.col.region}>{o.region ?? '–'}</td>
                        <td data-label={t.orders.col.channel}>{o.channel ?? '–'}</td>
                        <td className="num" data-label={t.orders.col.units}>
                          {formatUnits(o.units)}
                        </td>
                        <td className="num" data-label={t.orders.col.shipped}>
                          {formatUnits(o.shipped)}
                        </td>
                        <td className="num" data-label={t.orders.col.released}>
                          {formatUnits(o.released)}
                        </td>
                        <td data-label={t.orders.col.placed}>{formatDateTime(o.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} page={page} />
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
