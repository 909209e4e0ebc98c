/** Warehouses, each row with its explicit delivery days per region. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n.tsx';
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
  const c = useI18n().t.cards;
  const m = c.warehouses;
  return (
    <Card
      title={m.title}
      actions={
        <ActionDialog
          label={c.addOrUpdate}
          title={m.title}
          onOpen={() => setF({ code: '', name: '', region: '', lat: '', lon: '' })}
          summary={() =>
            text(f.code) && text(f.name) && text(f.region) ? m.summary(f.code, f.name, f.region) : null
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
          <Field label={c.code}>
            <input value={f.code} onChange={set('code')} required />
          </Field>
          <Field label={c.name}>
            <input value={f.name} onChange={set('name')} required />
          </Field>
          <Field label={c.region}>
            <input value={f.region} onChange={set('region')} required />
          </Field>
          <Field label={m.latitude}>
            <input value={f.lat} onChange={set('lat')} inputMode="decimal" />
          </Field>
          <Field label={m.longitude}>
            <input value={f.lon} onChange={set('lon')} inputMode="decimal" />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={warehouses} what={m.what}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={m.empty} />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{c.code}</th>
                  <th>{c.name}</th>
                  <th>{c.region}</th>
                  <th className="num">{m.priority}</th>
                  <th>{m.deliveryDays}</th>
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
  const { t } = useI18n();
  const out = serviceLines(form, t.deliveryDays);
  const m = t.cards.warehouses;
  return (
    <>
      <td className="small" data-testid={`delivery-days-${props.warehouse}`}>
        {service.error ? (
          <ErrorNote error={service.error} />
        ) : !service.data ? (
          '…'
        ) : service.data.length === 0 ? (
          <span className="muted">{m.everyRegion}</span>
        ) : (
          describeService(service.data, formatUnits, t.deliveryDays)
        )}
      </td>
      <td>
        <ActionDialog
          label={m.deliveryDays}
          title={m.deliveryTitle(props.warehouse)}
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
                ? m.servesAll(props.warehouse)
                : m.servesOnly(props.warehouse, describeService(out.lines, formatUnits, t.deliveryDays))
          }
          onConfirm={() =>
            api.put('/v1/warehouses/{code}/regions', {
              params: { path: { code: props.warehouse } },
              body: { regions: out.lines },
            })
          }
          onDone={() => void qc.invalidateQueries({ queryKey: key })}
        >
          <p className="muted small">{m.leaveEmpty(props.warehouse)}</p>
          {(regions.data ?? []).length === 0 ? <p className="muted">{m.noRegions}</p> : null}
          {(regions.data ?? []).map((r) => (
            <Field key={r.code} label={`${r.code} – ${r.name}`}>
              <input
                inputMode="numeric"
                aria-label={m.daysTo(r.code)}
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
