import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { ActionDialog, Badge, Card, Empty, Field, QueryView } from '../components/ui.tsx';
import { seg } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useWarehouses } from './skus.tsx';

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
            api.put(`/v1/warehouses/${seg(text(f.code))}`, {
              name: text(f.name),
              region: text(f.region),
              ...(optionalNumber(f.lat) !== undefined ? { lat: optionalNumber(f.lat) } : {}),
              ...(optionalNumber(f.lon) !== undefined ? { lon: optionalNumber(f.lon) } : {}),
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
                </tr>
              </thead>
              <tbody>
                {items.map((w) => (
                  <tr key={w.code}>
                    <td className="mono">{w.code}</td>
                    <td>{w.name}</td>
                    <td>{w.region}</td>
                    <td className="num">{w.priority}</td>
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
    queryFn: () =>
      api
        .get<{
          items: {
            code: string;
            name: string;
            countries: string[];
            lat: number | null;
            lon: number | null;
          }[];
        }>('/v1/regions')
        .then((r) => r.items),
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
          onConfirm={() => api.put(`/v1/regions/${seg(text(f.code))}`, { name: text(f.name), countries })}
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
    queryFn: () =>
      api
        .get<{
          items: {
            code: string;
            name: string;
            warehouses: string[] | null;
            bufferUnits: number | null;
            cap: number | null;
          }[];
        }>('/v1/channels')
        .then((r) => r.items),
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
            api.put(`/v1/channels/${seg(text(f.code))}`, {
              name: text(f.name),
              ...(whs.length ? { warehouses: whs } : {}),
              ...(f.buffer.trim() ? { bufferUnits: Number(f.buffer) } : {}),
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
    queryFn: () =>
      api
        .get<{
          items: { webhookId: string; url: string; eventTypes: string[]; description: string | null }[];
        }>('/v1/webhooks')
        .then((r) => r.items),
  });
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
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
            api.post<{ secret?: string }>('/v1/webhooks', {
              url: url.trim(),
              ...(eventTypes.length ? { eventTypes } : {}),
            })
          }
          onDone={(r) => {
            setSecret((r as { secret?: string }).secret ?? null);
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
              <tbody>
                {items.map((h) => (
                  <tr key={h.webhookId}>
                    <td className="mono small">{h.webhookId}</td>
                    <td>{h.url}</td>
                    <td className="small">{h.eventTypes.join(', ')}</td>
                    <td>
                      <ActionDialog
                        variant="danger"
                        label="Delete"
                        title="Unsubscribe webhook"
                        summary={() => `Stop delivering to ${h.url}.`}
                        onConfirm={() => api.del(`/v1/webhooks/${seg(h.webhookId)}`)}
                        onDone={() => void qc.invalidateQueries({ queryKey: ['webhooks'] })}
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

function ApiKeys() {
  const api = useApi();
  const qc = useQueryClient();
  const { session } = useSession();
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: () =>
      api
        .get<{
          items: {
            id: string;
            name: string;
            role: string;
            warehouses: string[] | null;
            createdAt: string;
            revokedAt: string | null;
          }[];
        }>('/v1/api-keys')
        .then((r) => r.items),
  });
  const [name, setName] = useState('');
  const [role, setRole] = useState('operator');
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
          onConfirm={() => api.post<{ key?: string }>('/v1/api-keys', { name: name.trim(), role })}
          onDone={(r) => {
            setCreated((r as { key?: string }).key ?? null);
            void qc.invalidateQueries({ queryKey: ['api-keys'] });
          }}
        >
          <Field label="Name">
            <input value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field label="Role">
            <select value={role} onChange={(e) => setRole(e.target.value)}>
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
                        onConfirm={() => api.del(`/v1/api-keys/${seg(k.id)}`)}
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
