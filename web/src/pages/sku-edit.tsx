/**
 * Create a SKU (/skus/new) or edit one (/skus/:sku/edit): name, price, cost, product and its
 * option values, categories and attributes. Admins only, as PUT /v1/skus/{sku} is.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
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
  return (
    <>
      <Field label="Price">
        <input
          name="price"
          inputMode="decimal"
          value={props.form.price}
          onChange={(e) => props.set({ price: e.target.value })}
        />
      </Field>
      <Field label="Unit cost">
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
  const existing = useQuery({
    queryKey: ['sku', sku ?? '', 'info'],
    queryFn: () => api.get('/v1/skus/{sku}', { params: { path: { sku: sku! } } }),
    enabled: sku !== undefined,
  });
  if (!can('admin')) {
    return (
      <Empty title="Only admin keys can change the catalogue.">Sign in with an admin key to edit SKUs.</Empty>
    );
  }
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/skus">SKUs</Link> /{' '}
        {sku ? (
          <>
            <Link to={`/skus/${seg(sku)}`} className="mono">
              {sku}
            </Link>{' '}
            / edit
          </>
        ) : (
          'new'
        )}
      </nav>
      <h1>{sku ? `Edit ${sku}` : 'New SKU'}</h1>
      {sku ? (
        <QueryView query={existing} what="the SKU">
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
  const { errors, body } = formToBody(form);
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
    <Card title={props.editing ? 'Details' : 'A new SKU'}>
      <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="sku-form">
        <Field label="SKU" hint="letters, digits and - _ . : /">
          <input
            name="sku"
            value={form.sku}
            onChange={(e) => set({ sku: e.target.value.trim() })}
            readOnly={props.editing}
            required
          />
        </Field>
        <Field label="Name">
          <input name="name" value={form.name} onChange={(e) => set({ name: e.target.value })} required />
        </Field>
        <PriceFields form={form} set={set} />
        <Field label="Product" hint="the product it is a variant of">
          <select name="product" value={form.product} onChange={(e) => set({ product: e.target.value })}>
            <option value="">None</option>
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
          label="Options"
          hint={
            product?.options.length
              ? `this product's options: ${product.options.join(', ')}`
              : 'e.g. size=M; colour=red'
          }
        >
          <input name="options" value={form.options} onChange={(e) => set({ options: e.target.value })} />
        </Field>
        <Field label="Categories" hint="Ctrl/⌘-click to choose several">
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
        <Field label="Attributes" hint="one key=value per line">
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
            Cancel
          </Link>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || errors.length > 0}
            data-testid="sku-save"
          >
            {busy ? 'Saving…' : props.editing ? 'Save' : 'Create SKU'}
          </button>
        </div>
      </form>
    </Card>
  );
}
