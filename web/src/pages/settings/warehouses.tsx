/** Warehouses, each row with its explicit delivery days per region. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Card, Empty, ErrorNote, Field, QueryView } from '../../components/ui.tsx';
import { formatUnits } from '../../lib/format.ts';
import { describeService, serviceForm, serviceLines } from '../../lib/delivery-days.ts';
import { useWarehouses } from '../skus.tsx';
import { optionalNumber, text } from './form.ts';

export function Warehouses() {
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
