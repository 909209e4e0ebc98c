/**
 * Standing orders (docs/standing-orders.md): the list with its status filter, one standing
 * order with its next deliveries and what happened to past ones (which are reserved, by which
 * order), and the actions: create, pause, resume, cancel.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { ActionDialog, Badge, Card, Empty, Field, QueryView } from '../components/ui.tsx';
import { Pager, useCursorPages } from '../components/paging.tsx';
import { WarehouseSelect } from '../components/code-selects.tsx';
import type { Query } from '../lib/api.ts';
import { formatDay, formatUnits } from '../lib/format.ts';
import {
  describeLines,
  EMPTY_STANDING_ORDER_FORM,
  reservedAhead,
  standingOrderBody,
  withStatus,
  type StandingOrder,
  type StandingOrderForm,
} from '../lib/standing-orders.ts';
import { useI18n } from '../i18n.tsx';

const STATUS_TONE: Record<string, string> = { active: 'good', paused: 'warn', cancelled: 'plain' };
const OUTCOME_TONE: Record<string, string> = { reserved: 'good', short: 'warn', missed: 'bad' };
const STATUSES = ['active', 'paused', 'cancelled'] as const;

const today = () => new Date().toISOString().slice(0, 10);

export function StandingOrdersPage() {
  const { id } = useParams();
  const { can } = useSession();
  const m = useI18n().t.standingOrders;
  return (
    <div className="page" data-testid="standing-orders-page">
      <div className="page-head row">
        <h1>{m.title}</h1>
        {can('operate') ? <CreateStandingOrder /> : null}
      </div>
      <p className="muted">{m.intro}</p>
      {id ? <StandingOrderView key={id} id={id} /> : <StandingOrderList />}
    </div>
  );
}

function useChannels() {
  const api = useApi();
  return useQuery({
    queryKey: ['codes', '/v1/channels'],
    queryFn: () => api.get('/v1/channels').then((r) => r.items),
    staleTime: 60_000,
  });
}

function CreateStandingOrder() {
  const api = useApi();
  const qc = useQueryClient();
  const m = useI18n().t.standingOrders;
  const channels = useChannels();
  const [form, setForm] = useState<StandingOrderForm>(EMPTY_STANDING_ORDER_FORM);
  const set = (k: keyof StandingOrderForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const result = standingOrderBody(form);
  return (
    <ActionDialog
      variant="primary"
      label={m.create}
      title={m.createTitle}
      testId="new-standing-order"
      onOpen={() => setForm(EMPTY_STANDING_ORDER_FORM)}
      summary={() =>
        'body' in result
          ? m.createSummary(
              result.id,
              result.body.customer,
              describeLines(result.body.lines, formatUnits),
              result.body.warehouse,
              formatUnits(result.body.schedule.everyDays),
              formatDay(result.body.schedule.startsOn),
              formatUnits(result.body.reserveDaysAhead ?? 0),
            )
          : null
      }
      onConfirm={() => {
        if (!('body' in result)) throw new Error('the form is not complete');
        return api.put('/v1/standing-orders/{id}', {
          params: { path: { id: result.id } },
          body: result.body,
        });
      }}
      onDone={() => void qc.invalidateQueries({ queryKey: ['standing-orders'] })}
    >
      <div className="form-grid">
        <Field label={m.id} hint={m.idHint}>
          <input value={form.id} onChange={set('id')} required maxLength={40} />
        </Field>
        <Field label={m.customer}>
          <input value={form.customer} onChange={set('customer')} required maxLength={200} />
        </Field>
        <Field label={m.warehouse}>
          <WarehouseSelect
            label={m.warehouse}
            value={form.warehouse}
            onChange={(v) => setForm((f) => ({ ...f, warehouse: v }))}
            all={m.choose}
            required
          />
        </Field>
        <Field label={m.channel}>
          <select value={form.channel} onChange={set('channel')}>
            <option value="">{m.noChannel}</option>
            {(channels.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} – {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={m.startsOn}>
          <input type="date" value={form.startsOn} onChange={set('startsOn')} required />
        </Field>
        <Field label={m.everyDays}>
          <input inputMode="numeric" value={form.everyDays} onChange={set('everyDays')} required size={4} />
        </Field>
        <Field label={m.endsOn}>
          <input type="date" value={form.endsOn} onChange={set('endsOn')} />
        </Field>
        <Field label={m.reserveDaysAhead}>
          <input
            inputMode="numeric"
            value={form.reserveDaysAhead}
            onChange={set('reserveDaysAhead')}
            required
            size={4}
          />
        </Field>
      </div>
      <Field label={m.lines} hint={m.linesHint}>
        <textarea rows={3} value={form.lines} onChange={set('lines')} required />
      </Field>
      {'problem' in result ? (
        <p className="neg small" role="alert" data-testid="standing-order-problem">
          {m.problems[result.problem]}
        </p>
      ) : null}
    </ActionDialog>
  );
}

function StandingOrderList() {
  const api = useApi();
  const { t } = useI18n();
  const m = t.standingOrders;
  const [status, setStatus] = useState<Query<'/v1/standing-orders'>['status'] | ''>('');
  const pages = useCursorPages();
  const list = useQuery({
    queryKey: ['standing-orders', 'list', status, pages.cursor ?? ''],
    queryFn: () =>
      api.get('/v1/standing-orders', {
        params: { query: { status: status || undefined, cursor: pages.cursor, limit: 50 } },
      }),
  });
  return (
    <Card
      actions={
        <label className="field">
          <span className="field-label">{m.status}</span>
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              pages.reset();
            }}
            data-testid="standing-order-status-filter"
          >
            <option value="">{m.any}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {m.statusName[s] ?? s}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <QueryView query={list} what={m.what}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={m.emptyTitle}>{m.emptyBody}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table stack" data-testid="standing-orders-table">
                  <thead>
                    <tr>
                      <th>{m.col.id}</th>
                      <th>{m.col.customer}</th>
                      <th>{m.col.warehouse}</th>
                      <th>{m.col.lines}</th>
                      <th>{m.col.schedule}</th>
                      <th>{m.col.next}</th>
                      <th>{m.col.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((so) => (
                      <tr key={so.id} data-testid={`standing-order-${so.id}`}>
                        <td className="lead">
                          <Link className="mono" to={`/standing-orders/${encodeURIComponent(so.id)}`}>
                            {so.id}
                          </Link>
                        </td>
                        <td data-label={m.col.customer}>{so.customer}</td>
                        <td data-label={m.col.warehouse}>{so.warehouse}</td>
                        <td data-label={m.col.lines}>{describeLines(so.lines, formatUnits)}</td>
                        <td data-label={m.col.schedule}>
                          {m.schedule(
                            formatUnits(so.schedule.everyDays),
                            formatDay(so.schedule.startsOn),
                            so.schedule.endsOn ? formatDay(so.schedule.endsOn) : null,
                          )}
                        </td>
                        <td data-label={m.col.next}>
                          {so.status === 'active' ? formatDay(so.nextDeliveryOn) : '–'}
                        </td>
                        <td data-label={m.col.status}>
                          <Badge tone={STATUS_TONE[so.status]}>{m.statusName[so.status] ?? so.status}</Badge>
                        </td>
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

function StandingOrderActions(props: { so: StandingOrder; onDone: () => void }) {
  const { so, onDone } = props;
  const api = useApi();
  const m = useI18n().t.standingOrders;
  const path = { id: so.id };
  if (so.status === 'cancelled') return null;
  const next = so.status === 'active' ? 'paused' : 'active';
  return (
    <div className="actions">
      <ActionDialog
        label={next === 'paused' ? m.pause : m.resume}
        title={`${next === 'paused' ? m.pause : m.resume} ${so.id}`}
        testId={next === 'paused' ? 'pause-standing-order' : 'resume-standing-order'}
        summary={() => (next === 'paused' ? m.pauseSummary(so.id) : m.resumeSummary(so.id))}
        onConfirm={() =>
          api.put('/v1/standing-orders/{id}', { params: { path }, body: withStatus(so, next) })
        }
        onDone={onDone}
      />
      <ActionDialog
        variant="danger"
        label={m.cancel}
        title={`${m.cancel}: ${so.id}`}
        testId="cancel-standing-order"
        summary={() => m.cancelSummary(so.id)}
        onConfirm={() => api.post('/v1/standing-orders/{id}/cancel', { params: { path } })}
        onDone={onDone}
      />
    </div>
  );
}

function StandingOrderView(props: { id: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const { can } = useSession();
  const m = useI18n().t.standingOrders;
  const query = useQuery({
    queryKey: ['standing-orders', 'one', props.id],
    queryFn: () => api.get('/v1/standing-orders/{id}', { params: { path: { id: props.id } } }),
    retry: false,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['standing-orders'] });
  return (
    <>
      <p>
        <Link to="/standing-orders">← {m.back}</Link>
      </p>
      <QueryView query={query} what={m.what}>
        {(so) => {
          const held = reservedAhead(so, today());
          return (
            <Card
              title={
                <>
                  <span className="mono">{so.id}</span>{' '}
                  <Badge tone={STATUS_TONE[so.status]}>
                    <span data-testid="standing-order-status">{m.statusName[so.status] ?? so.status}</span>
                  </Badge>
                </>
              }
              actions={can('operate') ? <StandingOrderActions so={so} onDone={refresh} /> : null}
            >
              <dl className="facts">
                <dt>{m.facts.customer}</dt>
                <dd>{so.customer}</dd>
                <dt>{m.facts.warehouse}</dt>
                <dd>{so.warehouse}</dd>
                <dt>{m.facts.channel}</dt>
                <dd>{so.channel ?? '–'}</dd>
                <dt>{m.col.lines}</dt>
                <dd>{describeLines(so.lines, formatUnits)}</dd>
                <dt>{m.facts.schedule}</dt>
                <dd>
                  {m.schedule(
                    formatUnits(so.schedule.everyDays),
                    formatDay(so.schedule.startsOn),
                    so.schedule.endsOn ? formatDay(so.schedule.endsOn) : null,
                  )}
                  , {m.reserveAhead(formatUnits(so.reserveDaysAhead))}
                </dd>
                <dt>{m.facts.next}</dt>
                <dd data-testid="standing-order-next">
                  {so.status === 'active' ? formatDay(so.nextDeliveryOn) : '–'}
                </dd>
                <dt>{m.facts.reservedAhead}</dt>
                <dd data-testid="standing-order-reserved">{m.reservedAhead(formatUnits(held.length))}</dd>
              </dl>
              <h3>{m.upcoming}</h3>
              {so.upcoming.length === 0 ? (
                <p className="muted">{m.noUpcoming}</p>
              ) : (
                <div className="table-wrap">
                  <table className="table" data-testid="standing-order-upcoming">
                    <thead>
                      <tr>
                        <th>{m.col.delivery}</th>
                        <th>{m.col.reserveOn}</th>
                        <th>{m.col.order}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {so.upcoming.map((u) => (
                        <tr key={u.deliveryOn}>
                          <td>{formatDay(u.deliveryOn)}</td>
                          <td>{formatDay(u.reserveOn)}</td>
                          <td className="mono">{u.orderId}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <h3>{m.history}</h3>
              {so.deliveries.length === 0 ? (
                <p className="muted">{m.noHistory}</p>
              ) : (
                <div className="table-wrap">
                  <table className="table" data-testid="standing-order-deliveries">
                    <thead>
                      <tr>
                        <th>{m.col.delivery}</th>
                        <th>{m.col.outcome}</th>
                        <th>{m.col.order}</th>
                        <th className="num">{m.col.attempts}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {so.deliveries.map((d) => (
                        <tr key={d.deliveryOn}>
                          <td>{formatDay(d.deliveryOn)}</td>
                          <td>
                            <Badge tone={OUTCOME_TONE[d.status]}>{m.outcomeName[d.status] ?? d.status}</Badge>
                            {typeof d.details.code === 'string' && d.status !== 'reserved' ? (
                              <span className="muted small">{m.reason(d.details.code)}</span>
                            ) : null}
                          </td>
                          <td>
                            {d.orderId ? (
                              <Link className="mono" to={`/orders/${encodeURIComponent(d.orderId)}`}>
                                {d.orderId}
                              </Link>
                            ) : (
                              '–'
                            )}
                          </td>
                          <td className="num">{formatUnits(d.attempts)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
          );
        }}
      </QueryView>
    </>
  );
}
