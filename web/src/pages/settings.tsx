import { Fragment, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { ActionDialog, Badge, Card, Empty, ErrorNote, Field, QueryView } from '../components/ui.tsx';
import type { Body, Ok } from '../lib/api.ts';
import { formatDateTime, formatUnits } from '../lib/format.ts';
import { describeService, serviceForm, serviceLines } from '../lib/delivery-days.ts';
import { describeEventDates, parseEventDates } from '../lib/event-days.ts';
import { useWarehouses } from './skus.tsx';
import { DamagedSuffixSetting } from './damaged-suffix-setting.tsx';

export function SettingsPage() {
  const { can } = useSession();
  if (!can('admin')) {
    return (
      <Empty title="Settings are for admin keys.">
        Sign in with an admin API key to manage warehouses, regions, channels, webhooks and keys.
      </Empty>
    );
  }
  return (
    <>
      <h1>Settings</h1>
      <Shop />
      <DamagedSuffixSetting />
      <Routing />
      <EventDays />
      <Warehouses />
      <Regions />
      <Channels />
      <Webhooks />
      <ApiKeys />
    </>
  );
}

const text = (v: string) => v.trim();
const optionalNumber = (v: string): number | null | undefined => (v.trim() === '' ? undefined : Number(v));

function Warehouses() {
  const api = useApi();
  const qc = useQueryClient();
  const warehouses = useWarehouses();
  const [f, setF] = useState({ code: '', name: '', region: '', lat: '', lon: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((x) => ({ ...x, [k]: e.target.value }));
  return (
    <Card
      title="Warehouses"
      actions={
        <ActionDialog
          label="Add or update"
          title="Warehouse"
          onOpen={() => setF({ code: '', name: '', region: '', lat: '', lon: '' })}
          summary={() =>
            text(f.code) && text(f.name) && text(f.region)
              ? `Save warehouse ${f.code} “${f.name}” in region ${f.region}.`
              : null
          }
          onConfirm={() =>
            api.put('/v1/warehouses/{code}', {
              params: { path: { code: text(f.code) } },
              body: {
                name: text(f.name),
                region: text(f.region),
                ...(optionalNumber(f.lat) !== undefined ? { lat: optionalNumber(f.lat) } : {}),
                ...(optionalNumber(f.lon) !== undefined ? { lon: optionalNumber(f.lon) } : {}),
              },
            })
          }
          onDone={() => void qc.invalidateQueries({ queryKey: ['warehouses'] })}
        >
          <Field label="Code">
            <input value={f.code} onChange={set('code')} required />
          </Field>
          <Field label="Name">
            <input value={f.name} onChange={set('name')} required />
          </Field>
          <Field label="Region">
            <input value={f.region} onChange={set('region')} required />
          </Field>
          <Field label="Latitude (optional)">
            <input value={f.lat} onChange={set('lat')} inputMode="decimal" />
          </Field>
          <Field label="Longitude (optional)">
            <input value={f.lon} onChange={set('lon')} inputMode="decimal" />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={warehouses} what="warehouses">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No warehouse yet." />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Code</th>
                  <th>Name</th>
                  <th>Region</th>
                  <th className="num">Priority</th>
                  <th>Delivery days</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((w) => (
                  <tr key={w.code}>
                    <td className="mono">{w.code}</td>
                    <td>{w.name}</td>
                    <td>{w.region}</td>
                    <td className="num">{w.priority}</td>
                    <DeliveryDays warehouse={w.code} />
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}

function Regions() {
  const api = useApi();
  const qc = useQueryClient();
  const regions = useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get('/v1/regions').then((r) => r.items),
  });
  const [f, setF] = useState({ code: '', name: '', countries: '' });
  const countries = f.countries
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  return (
    <Card
      title="Regions"
      actions={
        <ActionDialog
          label="Add or update"
          title="Region"
          onOpen={() => setF({ code: '', name: '', countries: '' })}
          summary={() =>
            text(f.code) && text(f.name) && countries.length > 0
              ? `Save region ${f.code} covering ${countries.join(', ')}.`
              : null
          }
          onConfirm={() =>
            api.put('/v1/regions/{code}', {
              params: { path: { code: text(f.code) } },
              body: { name: text(f.name), countries },
            })
          }
          onDone={() => void qc.invalidateQueries({ queryKey: ['regions'] })}
        >
          <Field label="Code">
            <input value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} required />
          </Field>
          <Field label="Name">
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label="Countries" hint="ISO codes, e.g. GB IE">
            <input value={f.countries} onChange={(e) => setF({ ...f, countries: e.target.value })} required />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={regions} what="regions">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No regions: orders are routed by warehouse region and priority." />
          ) : (
            <ul className="plain">
              {items.map((r) => (
                <li key={r.code}>
                  <span className="mono">{r.code}</span> {r.name}{' '}
                  <span className="muted small">{r.countries.join(' ')}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Card>
  );
}

function Channels() {
  const api = useApi();
  const qc = useQueryClient();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => api.get('/v1/channels').then((r) => r.items),
  });
  const [f, setF] = useState({ code: '', name: '', warehouses: '', buffer: '' });
  const whs = f.warehouses.split(/[\s,]+/).filter(Boolean);
  return (
    <Card
      title="Channels"
      actions={
        <ActionDialog
          label="Add or update"
          title="Sales channel"
          onOpen={() => setF({ code: '', name: '', warehouses: '', buffer: '' })}
          summary={() =>
            text(f.code) && text(f.name)
              ? `Save channel ${f.code} “${f.name}” selling from ${whs.length ? whs.join(', ') : 'every warehouse'}.`
              : null
          }
          onConfirm={() =>
            api.put('/v1/channels/{code}', {
              params: { path: { code: text(f.code) } },
              body: {
                name: text(f.name),
                ...(whs.length ? { warehouses: whs } : {}),
                ...(f.buffer.trim() ? { bufferUnits: Number(f.buffer) } : {}),
              },
            })
          }
          onDone={() => void qc.invalidateQueries({ queryKey: ['channels'] })}
        >
          <Field label="Code">
            <input value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} required />
          </Field>
          <Field label="Name">
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label="Warehouses (optional)" hint="codes; empty: every warehouse">
            <input value={f.warehouses} onChange={(e) => setF({ ...f, warehouses: e.target.value })} />
          </Field>
          <Field label="Buffer units (optional)">
            <input
              value={f.buffer}
              inputMode="numeric"
              onChange={(e) => setF({ ...f, buffer: e.target.value })}
            />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={channels} what="channels">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No sales channels." />
          ) : (
            <ul className="plain">
              {items.map((c) => (
                <li key={c.code}>
                  <span className="mono">{c.code}</span> {c.name} ·{' '}
                  <span className="muted small">
                    {c.warehouses ? c.warehouses.join(', ') : 'every warehouse'}
                    {c.bufferUnits ? `, buffer ${c.bufferUnits}` : ''}
                    {c.cap !== null ? `, cap ${c.cap}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Card>
  );
}

function Webhooks() {
  const api = useApi();
  const qc = useQueryClient();
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api.get('/v1/webhooks').then((r) => r.items),
  });
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const eventTypes = types.split(/[\s,]+/).filter(Boolean);
  return (
    <Card
      title="Webhooks"
      actions={
        <ActionDialog
          label="Subscribe"
          title="Webhook"
          onOpen={() => {
            setUrl('');
            setTypes('');
          }}
          summary={() =>
            /^https?:\/\/\S+$/.test(url.trim())
              ? `Deliver ${eventTypes.length ? eventTypes.join(', ') : 'every event'} to ${url.trim()}.`
              : null
          }
          onConfirm={() =>
            api.post('/v1/webhooks', {
              body: { url: url.trim(), ...(eventTypes.length ? { eventTypes } : {}) },
            })
          }
          onDone={(r) => {
            setSecret(r.secret ?? null);
            void qc.invalidateQueries({ queryKey: ['webhooks'] });
          }}
        >
          <Field label="URL">
            <input
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              placeholder="https://example.com/hooks/stock"
            />
          </Field>
          <Field label="Event types (optional)" hint="e.g. stock.changed order.shipped; empty: all">
            <input value={types} onChange={(e) => setTypes(e.target.value)} />
          </Field>
        </ActionDialog>
      }
    >
      {secret ? (
        <p className="notice" role="status">
          Signing secret (shown once): <code>{secret}</code>
        </p>
      ) : null}
      <QueryView query={hooks} what="webhooks">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No webhooks." />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Id</th>
                  <th>URL</th>
                  <th>Events</th>
                  <th className="num">Pending</th>
                  <th className="num">Dead letters</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((h) => (
                  <Fragment key={h.webhookId}>
                    <tr>
                      <td className="mono small">{h.webhookId}</td>
                      <td>{h.url}</td>
                      <td className="small">{h.eventTypes.join(', ')}</td>
                      <td className="num">{formatUnits(h.pending)}</td>
                      <td className="num">
                        {h.deadLetters ? <Badge tone="bad">{formatUnits(h.deadLetters)}</Badge> : '0'}
                      </td>
                      <td className="actions">
                        <button
                          type="button"
                          className="btn"
                          aria-expanded={shown === h.webhookId}
                          aria-controls={`deliveries-${h.webhookId}`}
                          onClick={() => setShown(shown === h.webhookId ? null : h.webhookId)}
                        >
                          Deliveries
                        </button>
                        <ActionDialog
                          variant="danger"
                          label="Delete"
                          title="Unsubscribe webhook"
                          summary={() => `Stop delivering to ${h.url}.`}
                          onConfirm={() =>
                            api.del('/v1/webhooks/{id}', { params: { path: { id: h.webhookId } } })
                          }
                          onDone={() => void qc.invalidateQueries({ queryKey: ['webhooks'] })}
                        />
                      </td>
                    </tr>
                    {shown === h.webhookId ? (
                      <tr id={`deliveries-${h.webhookId}`}>
                        <td colSpan={6}>
                          <WebhookDeliveries webhookId={h.webhookId} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}

const DELIVERY_TONE = { pending: 'warn', delivered: 'good', dead: 'bad' } as const;

/** A webhook's recent deliveries (every status, or only the dead letters) with replay. */
export function WebhookDeliveries(props: { webhookId: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const [dead, setDead] = useState(false);
  const path = { id: props.webhookId };
  const deliveries = useQuery({
    queryKey: ['webhooks', props.webhookId, dead ? 'dead-letters' : 'deliveries'],
    queryFn: () =>
      api.get(dead ? '/v1/webhooks/{id}/dead-letters' : '/v1/webhooks/{id}/deliveries', {
        params: { path, query: { limit: 100 } },
      }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['webhooks'] });
  const deadCount = dead ? (deliveries.data?.items.length ?? 0) : 0;
  return (
    <div className="deliveries" data-testid={`deliveries-${props.webhookId}`}>
      <div className="toolbar compact">
        <label className="check">
          <input type="checkbox" checked={dead} onChange={(e) => setDead(e.target.checked)} /> Only dead
          letters (given up after the last retry)
        </label>
        {dead && deadCount > 0 ? (
          <ActionDialog
            label="Replay all"
            title="Replay dead letters"
            testId="action-replay-all"
            summary={() =>
              `Queue every dead letter of ${props.webhookId} again${deliveries.data?.nextCursor ? '' : ` (${formatUnits(deadCount)})`}, in log order, with a fresh retry schedule.`
            }
            onConfirm={() => api.post('/v1/webhooks/{id}/dead-letters/replay', { params: { path } })}
            onDone={refresh}
          />
        ) : null}
      </div>
      <QueryView query={deliveries} what="deliveries">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={dead ? 'No dead letters.' : 'No deliveries yet.'} />
          ) : (
            <div className="table-wrap scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th>Event</th>
                    <th>Status</th>
                    <th className="num">Attempts</th>
                    <th>Last answer</th>
                    <th>When</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((d) => (
                    <tr key={d.deliveryId}>
                      <td className="small">
                        <span className="mono">#{d.eventSeq}</span> {d.eventType}
                      </td>
                      <td>
                        <Badge tone={DELIVERY_TONE[d.status]}>{d.status}</Badge>
                      </td>
                      <td className="num">{formatUnits(d.attempts)}</td>
                      <td className="small">
                        {[d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : null, d.lastError]
                          .filter(Boolean)
                          .join(' · ') || '–'}
                      </td>
                      <td className="small">
                        {d.status === 'delivered'
                          ? `delivered ${formatDateTime(d.deliveredAt)}`
                          : d.status === 'dead'
                            ? `given up ${formatDateTime(d.deadAt)}`
                            : `next try ${formatDateTime(d.nextAttemptAt)}`}
                      </td>
                      <td>
                        {d.status === 'dead' ? (
                          <ActionDialog
                            label="Replay"
                            title="Replay a dead letter"
                            summary={() =>
                              `Queue event #${d.eventSeq} (${d.eventType}) to ${props.webhookId} again, with a fresh retry schedule.`
                            }
                            onConfirm={() =>
                              api.post('/v1/webhooks/{id}/dead-letters/{deliveryId}/replay', {
                                params: { path: { ...path, deliveryId: d.deliveryId } },
                              })
                            }
                            onDone={refresh}
                          />
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page.nextCursor ? <p className="muted small">Showing the first 100.</p> : null}
            </div>
          )
        }
      </QueryView>
    </div>
  );
}

function ApiKeys() {
  const api = useApi();
  const qc = useQueryClient();
  const { session } = useSession();
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () => api.get('/v1/api-keys').then((r) => r.items),
  });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Body<'/v1/api-keys', 'post'>['role']>('operator');
  const [created, setCreated] = useState<string | null>(null);
  return (
    <Card
      title="API keys"
      actions={
        <ActionDialog
          label="New key"
          title="New API key"
          onOpen={() => setName('')}
          summary={() =>
            name.trim() ? `Create a ${role} key named “${name.trim()}”. Its secret is shown once.` : null
          }
          onConfirm={() => api.post('/v1/api-keys', { body: { name: name.trim(), role } })}
          onDone={(r) => {
            setCreated(r.key ?? null);
            void qc.invalidateQueries({ queryKey: ['api-keys'] });
          }}
        >
          <Field label="Name">
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field label="Role">
            <select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              <option value="admin">admin: everything</option>
              <option value="operator">operator: stock operations</option>
              <option value="storefront">storefront: availability and orders</option>
            </select>
          </Field>
        </ActionDialog>
      }
    >
      {created ? (
        <p className="notice" role="status">
          New key (copy it now, it is not shown again): <code data-testid="new-key">{created}</code>
        </p>
      ) : null}
      <QueryView query={keys} what="keys">
        {(items) => (
          <table className="table">
            <thead>
              <tr>
                <th>Id</th>
                <th>Name</th>
                <th>Role</th>
                <th>Created</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id}>
                  <td className="mono small">{k.id}</td>
                  <td>{k.name}</td>
                  <td>{k.role}</td>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td>{k.revokedAt ? <Badge>revoked</Badge> : <Badge tone="good">active</Badge>}</td>
                  <td>
                    {!k.revokedAt && k.id !== session.keyId ? (
                      <ActionDialog
                        variant="danger"
                        label="Revoke"
                        title="Revoke key"
                        summary={() =>
                          `Revoke ${k.name} (${k.id}); requests with it are refused within seconds.`
                        }
                        onConfirm={() => api.del('/v1/api-keys/{id}', { params: { path: { id: k.id } } })}
                        onDone={() => void qc.invalidateQueries({ queryKey: ['api-keys'] })}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </Card>
  );
}

const STRATEGIES = [
  ['fewest_shipments', 'fewest shipments: the smallest set of warehouses, then the fastest'],
  ['fastest', 'fastest: each line from the fastest warehouse with stock'],
  ['priority', 'priority: each line from the highest-priority warehouse with stock'],
  ['single_warehouse', 'single warehouse: the whole order from one warehouse, or refused'],
] as const;

type RoutingPolicy = Ok<'/v1/settings/routing', 'get'>;

/** Every ISO 4217 code this browser knows, for the currency choice. */
const CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

function Shop() {
  const api = useApi();
  const qc = useQueryClient();
  const shop = useQuery({
    queryKey: ['settings', 'shop'],
    queryFn: () => api.get('/v1/settings/shop'),
  });
  const [currency, setCurrency] = useState('');
  const name = (code: string) => new Intl.DisplayNames(undefined, { type: 'currency' }).of(code) ?? code;
  return (
    <Card
      title="Shop"
      actions={
        <ActionDialog
          label="Edit"
          title="The shop's currency"
          testId="action-currency"
          disabled={!shop.data}
          onOpen={() => shop.data && setCurrency(shop.data.currency)}
          summary={() =>
            currency
              ? `Show every price, cost and stock value in ${name(currency)} (${currency}). Figures are relabelled, not converted.`
              : null
          }
          onConfirm={() => api.put('/v1/settings/shop', { body: { currency } })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'shop'] })}
        >
          <Field label="Currency">
            <select value={currency} onChange={(e) => setCurrency(e.target.value)} aria-label="Currency">
              {CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code} · {name(code)}
                </option>
              ))}
            </select>
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={shop} what="the shop's settings">
        {(s) => (
          <p data-testid="shop-currency">
            Prices, costs and stock values are in <strong>{name(s.currency)}</strong> ({s.currency}).
          </p>
        )}
      </QueryView>
    </Card>
  );
}

function Routing() {
  const api = useApi();
  const qc = useQueryClient();
  const policy = useQuery({
    queryKey: ['settings', 'routing'],
    queryFn: () => api.get('/v1/settings/routing'),
  });
  const [f, setF] = useState<RoutingPolicy>({ strategy: 'fewest_shipments', allowSplit: true });
  return (
    <Card
      title="Order routing"
      actions={
        <ActionDialog
          label="Edit"
          title="Routing policy"
          testId="action-routing"
          disabled={!policy.data}
          onOpen={() => policy.data && setF(policy.data)}
          summary={() =>
            `Route orders that name no warehouse by ${f.strategy.replace(/_/g, ' ')}, ${
              f.allowSplit ? 'splitting an order across warehouses when needed' : 'never splitting an order'
            }. Orders may still override it.`
          }
          onConfirm={() => api.put('/v1/settings/routing', { body: f })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'routing'] })}
        >
          <Field label="Strategy">
            <select
              value={f.strategy}
              onChange={(e) => setF({ ...f, strategy: e.target.value as RoutingPolicy['strategy'] })}
            >
              {STRATEGIES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={f.allowSplit}
              onChange={(e) => setF({ ...f, allowSplit: e.target.checked })}
            />{' '}
            Allow splitting an order across warehouses
          </label>
        </ActionDialog>
      }
    >
      <QueryView query={policy} what="the routing policy">
        {(p) => (
          <p data-testid="routing-policy">
            Orders that name no warehouse go by <strong>{p.strategy.replace(/_/g, ' ')}</strong>;{' '}
            {p.allowSplit ? 'an order may be split across warehouses' : 'an order is never split'}.
          </p>
        )}
      </QueryView>
    </Card>
  );
}

/** A warehouse row's explicit delivery days per region, and the dialog that replaces them. */
export function DeliveryDays(props: { warehouse: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const key = ['warehouses', props.warehouse, 'regions'];
  const service = useQuery({
    queryKey: key,
    queryFn: () =>
      api
        .get('/v1/warehouses/{code}/regions', { params: { path: { code: props.warehouse } } })
        .then((r) => r.regions),
  });
  const regions = useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get('/v1/regions').then((r) => r.items),
  });
  const [form, setForm] = useState<Record<string, string>>({});
  const out = serviceLines(form);
  return (
    <>
      <td className="small" data-testid={`delivery-days-${props.warehouse}`}>
        {service.error ? (
          <ErrorNote error={service.error} />
        ) : !service.data ? (
          '…'
        ) : service.data.length === 0 ? (
          <span className="muted">every region, by distance</span>
        ) : (
          describeService(service.data, formatUnits)
        )}
      </td>
      <td>
        <ActionDialog
          label="Delivery days"
          title={`Delivery days from ${props.warehouse}`}
          testId={`action-delivery-days-${props.warehouse}`}
          disabled={!service.data || !regions.data}
          onOpen={() =>
            setForm(
              serviceForm(
                (regions.data ?? []).map((r) => r.code),
                service.data ?? [],
              ),
            )
          }
          summary={() =>
            out.errors.length > 0
              ? null
              : out.lines.length === 0
                ? `${props.warehouse} serves no region explicitly: every region, with days from the distance.`
                : `${props.warehouse} serves only ${describeService(out.lines, formatUnits)}.`
          }
          onConfirm={() =>
            api.put('/v1/warehouses/{code}/regions', {
              params: { path: { code: props.warehouse } },
              body: { regions: out.lines },
            })
          }
          onDone={() => void qc.invalidateQueries({ queryKey: key })}
        >
          <p className="muted small">
            Leave a region empty when {props.warehouse} does not serve it. All empty: it serves every region,
            the days worked out from the distance.
          </p>
          {(regions.data ?? []).length === 0 ? <p className="muted">No regions defined yet.</p> : null}
          {(regions.data ?? []).map((r) => (
            <Field key={r.code} label={`${r.code} – ${r.name}`}>
              <input
                inputMode="numeric"
                aria-label={`Delivery days to ${r.code}`}
                value={form[r.code] ?? ''}
                onChange={(e) => setForm({ ...form, [r.code]: e.target.value })}
              />
            </Field>
          ))}
          {out.errors.length > 0 ? <p className="neg small">{out.errors.join('; ')}</p> : null}
        </ActionDialog>
      </td>
    </>
  );
}

/** Event days the forecasts know: Black Friday, a yearly sale. */
function EventDays() {
  const api = useApi();
  const qc = useQueryClient();
  const events = useQuery({
    queryKey: ['forecast-events'],
    queryFn: () => api.get('/v1/forecast-events').then((r) => r.items),
  });
  const [f, setF] = useState({ name: '', dates: '' });
  const parsed = parseEventDates(f.dates);
  const today = new Date().toISOString().slice(0, 10);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['forecast-events'] });
    // Forecasts change with their events.
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'sku' && q.queryKey[2] === 'forecast' });
  };
  return (
    <Card
      title="Event days"
      actions={
        <ActionDialog
          label="Add or update"
          title="Event days"
          testId="action-event-days"
          onOpen={() => setF({ name: '', dates: '' })}
          summary={() =>
            text(f.name) && parsed.errors.length === 0
              ? `Save event ${text(f.name)} with ${describeEventDates(parsed.dates, today)}. Forecasts hold the past dates out of fitting and apply the uplift they show to the dates to come.`
              : null
          }
          onConfirm={() =>
            api.put('/v1/forecast-events/{name}', {
              params: { path: { name: text(f.name) } },
              body: { dates: parsed.dates },
            })
          }
          onDone={refresh}
        >
          <Field label="Name" hint="e.g. black-friday">
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label="Dates" hint="every date of the event, past and future: YYYY-MM-DD, one a line">
            <textarea rows={5} value={f.dates} onChange={(e) => setF({ ...f, dates: e.target.value })} />
          </Field>
          {f.dates && parsed.errors.length > 0 ? (
            <ul className="neg small" data-testid="event-date-errors">
              {parsed.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </ActionDialog>
      }
    >
      <QueryView query={events} what="event days">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No event days: forecasts treat every day alike.">
              Add Black Friday or a yearly sale with all its dates: past ones teach the forecast the uplift,
              future ones get it.
            </Empty>
          ) : (
            <table className="table" data-testid="event-days">
              <thead>
                <tr>
                  <th>Event</th>
                  <th>Dates</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.name}>
                    <td className="mono">{e.name}</td>
                    <td>
                      {e.dates.join(', ')}
                      <div className="muted small">{describeEventDates(e.dates, today)}</div>
                    </td>
                    <td>
                      <ActionDialog
                        label="Remove"
                        title={`Remove ${e.name}`}
                        variant="danger"
                        summary={() =>
                          `Remove event ${e.name}: forecasts treat its dates as ordinary days again.`
                        }
                        onConfirm={() =>
                          api.del('/v1/forecast-events/{name}', { params: { path: { name: e.name } } })
                        }
                        onDone={refresh}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}
