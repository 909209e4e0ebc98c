/**
 * Choosing a warehouse or a supplier: the lists (cached a minute) and a select of codes with
 * their names, "all" or "choose" first. Shared by the SKU list, purchasing and the dialogs.
 */
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { call } from '../lib/api.ts';

export function useWarehouses() {
  const api = useApi();
  return useQuery({
    queryKey: ['warehouses'],
    queryFn: () => call(api.client.GET('/v1/warehouses')).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useSuppliers() {
  const api = useApi();
  return useQuery({
    queryKey: ['suppliers'],
    queryFn: () => api.get('/v1/suppliers').then((r) => r.items),
    staleTime: 60_000,
  });
}

interface CodeSelectProps {
  value: string;
  onChange: (v: string) => void;
  all?: string;
  label?: string;
  required?: boolean;
}

/** A select of things with a code and a name (suppliers, warehouses), "all" or "choose" first. */
function CodeSelect(
  props: CodeSelectProps & { options: readonly { code: string; name: string }[] | undefined },
) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required={props.required}
    >
      <option value="">{props.all ?? 'Choose…'}</option>
      {(props.options ?? []).map((o) => (
        <option key={o.code} value={o.code}>
          {o.code} – {o.name}
        </option>
      ))}
    </select>
  );
}

export function SupplierSelect(props: CodeSelectProps) {
  return <CodeSelect {...props} options={useSuppliers().data} />;
}

export function WarehouseSelect(props: CodeSelectProps) {
  return <CodeSelect {...props} options={useWarehouses().data} />;
}

/** A warehouse's named zones (docs/zones.md), once a warehouse is chosen. */
export function useZones(warehouse: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['zones', warehouse],
    queryFn: () =>
      api.get('/v1/warehouses/{code}/zones', { params: { path: { code: warehouse } } }).then((r) => r.items),
    enabled: warehouse !== '',
    staleTime: 60_000,
  });
}

/**
 * A zone of a warehouse: `default` (the units in no named zone) and the named ones with their
 * kind; with `whole`, an empty first choice so labelled (a count of whole positions).
 */
export function ZoneSelect(props: {
  warehouse: string;
  value: string;
  onChange: (v: string) => void;
  defaultLabel: string;
  whole?: string;
  label?: string;
  testId?: string;
}) {
  const zones = useZones(props.warehouse);
  return (
    <select
      aria-label={props.label}
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      disabled={props.warehouse === ''}
    >
      {props.whole !== undefined ? <option value="">{props.whole}</option> : null}
      <option value="default">{props.defaultLabel}</option>
      {(zones.data ?? []).map((z) => (
        <option key={z.code} value={z.code}>
          {z.code} – {z.name} ({z.kind})
        </option>
      ))}
    </select>
  );
}
