/**
 * Bulk edit: choose SKUs (by category, then tick them), set a price, a unit cost, a category
 * or attributes, review, and PATCH /v1/skus changes all of them or none.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { ActionDialog, Card, Empty, Field, QueryView } from '../components/ui.tsx';
import { formatMoney, formatUnits } from '../lib/format.ts';
import { categoryLabel, type CatalogSku } from '../lib/catalog.ts';
import { bulkItems, describeBulk, EMPTY_BULK_FORM, type BulkForm } from '../lib/catalogue-admin.ts';
import { PriceFields, useCategories } from './sku-edit.tsx';

const attributesText = (a: Record<string, unknown>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');

export function BulkEditTab() {
  const api = useApi();
  const { can } = useSession();
  const m = useI18n().t.bulkEdit;
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const categories = useCategories();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const skus = useQuery({
    queryKey: ['skus', 'bulk', { category }],
    queryFn: () => api.get('/v1/skus', { params: { query: { ...(category && { category }), limit: 1000 } } }),
  });
  const setCategory = (code: string) => {
    const next = new URLSearchParams(params);
    if (code) next.set('category', code);
    else next.delete('category');
    setParams(next, { replace: true });
    setChosen(new Set());
  };
  const toggle = (sku: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(sku)) next.delete(sku);
      else next.add(sku);
      return next;
    });
  return (
    <Card title={m.title}>
      <div className="toolbar">
        <label className="field">
          <span className="field-label">{m.category}</span>
          <select
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            data-testid="bulk-category-filter"
          >
            <option value="">{m.allCategories}</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          {can('admin') && skus.data ? (
            <BulkDialog
              chosen={skus.data.items.filter((s) => chosen.has(s.sku))}
              onDone={() => setChosen(new Set())}
            />
          ) : null}
        </div>
      </div>
      <QueryView query={skus} what={m.skusWhat}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={m.empty} />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="bulk-table">
                <thead>
                  <tr>
                    <th>
                      <input
                        type="checkbox"
                        aria-label={m.chooseAll}
                        data-testid="bulk-select-all"
                        checked={page.items.length > 0 && page.items.every((s) => chosen.has(s.sku))}
                        onChange={(e) =>
                          setChosen(e.target.checked ? new Set(page.items.map((s) => s.sku)) : new Set())
                        }
                      />
                    </th>
                    <th>{m.col.sku}</th>
                    <th>{m.col.name}</th>
                    <th className="num">{m.col.price}</th>
                    <th className="num">{m.col.unitCost}</th>
                    <th>{m.col.categories}</th>
                    <th>{m.col.attributes}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((s) => (
                    <tr key={s.sku} data-testid={`bulk-row-${s.sku}`}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={m.choose(s.sku)}
                          checked={chosen.has(s.sku)}
                          onChange={() => toggle(s.sku)}
                        />
                      </td>
                      <td className="mono">{s.sku}</td>
                      <td>{s.name}</td>
                      <td className="num">{s.price === null ? '—' : formatMoney(s.price)}</td>
                      <td className="num">
                        {s.unitCost === null || s.unitCost === undefined ? '—' : formatMoney(s.unitCost)}
                      </td>
                      <td>{s.categories.join(', ')}</td>
                      <td className="muted">{attributesText(s.attributes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page.nextCursor ? <p className="muted small">{m.firstThousand(formatUnits(1000))}</p> : null}
            </div>
          )
        }
      </QueryView>
    </Card>
  );
}

function BulkDialog(props: { chosen: CatalogSku[]; onDone: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const categories = useCategories();
  const [form, setForm] = useState<BulkForm>(EMPTY_BULK_FORM);
  const set = (patch: Partial<BulkForm>) => setForm((f) => ({ ...f, ...patch }));
  const m = useI18n().t.bulkEdit;
  const plan = useMemo(() => bulkItems(form, props.chosen, m), [form, props.chosen, m]);
  const count = props.chosen.length;
  return (
    <ActionDialog
      label={m.editChosen(formatUnits(count))}
      title={m.editTitle(count, formatUnits(count))}
      testId="bulk-edit"
      variant="primary"
      disabled={props.chosen.length === 0}
      onOpen={() => setForm(EMPTY_BULK_FORM)}
      summary={() => (plan.errors.length > 0 ? null : describeBulk(form, count, (n) => formatMoney(n), m))}
      onConfirm={() => api.patch('/v1/skus', { body: { items: plan.items } })}
      onDone={() => {
        props.onDone();
        void qc.invalidateQueries({ queryKey: ['skus'] });
        void qc.invalidateQueries({ queryKey: ['products'] });
      }}
    >
      <p className="muted small">{m.keepEmpty}</p>
      <PriceFields form={form} set={set} />
      <Field label={m.category}>
        <select name="category" value={form.category} onChange={(e) => set({ category: e.target.value })}>
          <option value="">{m.unchanged}</option>
          {(categories.data ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {categoryLabel(c)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={m.categoryChange}>
        <select
          name="categoryMode"
          value={form.categoryMode}
          onChange={(e) => set({ categoryMode: e.target.value === 'replace' ? 'replace' : 'add' })}
        >
          <option value="add">{m.addCategory}</option>
          <option value="replace">{m.replaceCategory}</option>
        </select>
      </Field>
      <Field label={m.attributes} hint={m.attributesHint}>
        <textarea
          name="attributes"
          rows={3}
          value={form.attributes}
          onChange={(e) => set({ attributes: e.target.value })}
        />
      </Field>
      {plan.errors.length > 0 && (form.price || form.unitCost || form.attributes || form.category) ? (
        <ul className="form-errors" data-testid="bulk-errors">
          {plan.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </ActionDialog>
  );
}
