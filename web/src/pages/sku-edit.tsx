/**
 * Create a SKU (/skus/new) or edit one (/skus/:sku/edit): name, price, cost, product and its
 * option values, categories and attributes. Admins only, as PUT /v1/skus/{sku} is.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import { Card, Empty, ErrorNote, Field, QueryView } from '../components/ui.tsx';
import { seg } from '../lib/api.ts';
import { categoryLabel, EMPTY_SKU_FORM, formToBody, skuToForm, type SkuForm } from '../lib/catalog.ts';

export function useCategories() {
  const api = useApi();
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => api.get('/v1/categories').then((r) => r.items),
    staleTime: 30_000,
    // A screen that opens shows the categories as they are now: a category made a moment ago
    // (elsewhere, or through the API) must be there to choose, whatever another screen cached.
    refetchOnMount: 'always',
  });
}

/** A SKU's price and unit cost, as typed (text until the form is read): one form's or many's. */
export function PriceFields(props: {
  form: { price: string; unitCost: string };
  set: (change: { price: string } | { unitCost: string }) => void;
}) {
  const m = useI18n().t.skuEdit;
  return (
    <>
      <Field label={m.price}>
        <input
          name="price"
          inputMode="decimal"
          value={props.form.price}
          onChange={(e) => props.set({ price: e.target.value })}
        />
      </Field>
      <Field label={m.unitCost}>
        <input
          name="unitCost"
          inputMode="decimal"
          value={props.form.unitCost}
          onChange={(e) => props.set({ unitCost: e.target.value })}
        />
      </Field>
    </>
  );
}

export function SkuEditPage() {
  const { sku } = useParams();
  const api = useApi();
  const { can } = useSession();
  const m = useI18n().t.skuEdit;
  const existing = useQuery({
    queryKey: ['sku', sku ?? '', 'info'],
    queryFn: () => api.get('/v1/skus/{sku}', { params: { path: { sku: sku! } } }),
    enabled: sku !== undefined,
  });
  if (!can('admin')) {
    return <Empty title={m.adminOnly}>{m.adminOnlyBody}</Empty>;
  }
  return (
    <>
      <nav className="crumbs" aria-label={m.breadcrumb}>
        <Link to="/skus">{m.skus}</Link> /{' '}
        {sku ? (
          <>
            <Link to={`/skus/${seg(sku)}`} className="mono">
              {sku}
            </Link>{' '}
            / {m.edit}
          </>
        ) : (
          m.new
        )}
      </nav>
      <h1>{sku ? m.editTitle(sku) : m.newTitle}</h1>
      {sku ? (
        <QueryView query={existing} what={m.theSku}>
          {(s) => <SkuFormCard initial={skuToForm(s)} editing />}
        </QueryView>
      ) : (
        <NewSku />
      )}
    </>
  );
}

/** A new SKU, optionally as a variant of the product named in `?product=`. */
function NewSku() {
  const [params] = useSearchParams();
  return (
    <SkuFormCard initial={{ ...EMPTY_SKU_FORM, product: params.get('product') ?? '' }} editing={false} />
  );
}

function SkuFormCard(props: { initial: SkuForm; editing: boolean }) {
  const api = useApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const categories = useCategories();
  const products = useQuery({
    queryKey: ['products', 'all'],
    queryFn: () => api.get('/v1/products', { params: { query: { limit: 1000 } } }).then((r) => r.items),
    staleTime: 30_000,
  });
  const [form, setForm] = useState<SkuForm>(props.initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const m = useI18n().t.skuEdit;
  const { errors, body } = formToBody(form, m);
  const set = (change: Partial<SkuForm>) => setForm((f) => ({ ...f, ...change }));
  const product = (products.data ?? []).find((p) => p.code === form.product);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (errors.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await api.put('/v1/skus/{sku}', { params: { path: { sku: form.sku } }, body });
      await qc.invalidateQueries({ queryKey: ['sku', form.sku] });
      await qc.invalidateQueries({ queryKey: ['skus'] });
      await qc.invalidateQueries({ queryKey: ['products'] });
      void navigate(`/skus/${seg(form.sku)}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={props.editing ? m.details : m.aNewSku}>
      <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="sku-form">
        <Field label={m.sku} hint={m.codeHint}>
          <input
            name="sku"
            value={form.sku}
            onChange={(e) => set({ sku: e.target.value.trim() })}
            readOnly={props.editing}
            required
          />
        </Field>
        <Field label={m.name}>
          <input name="name" value={form.name} onChange={(e) => set({ name: e.target.value })} required />
        </Field>
        <PriceFields form={form} set={set} />
        <Field label={m.product} hint={m.productHint}>
          <select name="product" value={form.product} onChange={(e) => set({ product: e.target.value })}>
            <option value="">{m.none}</option>
            {(products.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name} ({p.code})
              </option>
            ))}
            {form.product && !product && products.data ? (
              <option value={form.product}>{form.product}</option>
            ) : null}
          </select>
        </Field>
        <Field
          label={m.options}
          hint={product?.options.length ? m.productOptions(product.options.join(', ')) : m.optionsExample}
        >
          <input name="options" value={form.options} onChange={(e) => set({ options: e.target.value })} />
        </Field>
        <Field label={m.categories} hint={m.categoriesHint}>
          <select
            name="categories"
            multiple
            size={Math.min(8, Math.max(3, categories.data?.length ?? 3))}
            value={form.categories}
            onChange={(e) => set({ categories: [...e.target.selectedOptions].map((o) => o.value) })}
          >
            {(categories.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={m.attributes} hint={m.attributesHint}>
          <textarea
            name="attributes"
            rows={4}
            value={form.attributes}
            onChange={(e) => set({ attributes: e.target.value })}
          />
        </Field>
        {errors.length > 0 && form.sku !== '' ? (
          <ul className="form-errors" role="alert">
            {errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {error ? <ErrorNote error={error} /> : null}
        <div className="dialog-actions">
          <Link className="btn" to={props.editing ? `/skus/${seg(form.sku)}` : '/skus'}>
            {m.cancel}
          </Link>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || errors.length > 0}
            data-testid="sku-save"
          >
            {busy ? m.saving : props.editing ? m.save : m.create}
          </button>
        </div>
      </form>
    </Card>
  );
}
