/**
 * Products: the list (filtered by category, with sellable units rolled up from their SKUs),
 * catalogue import and export, and a product's page: its variants and its stock by warehouse,
 * region and SKU.
 */
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import { ActionDialog, Card, Empty, ErrorNote, Field, QueryView, useDebounced } from '../components/ui.tsx';
import { seg } from '../lib/api.ts';
import { saveBlob } from '../lib/download.ts';
import { formatMoney, formatUnits } from '../lib/format.ts';
import { categoryLabel, type CatalogImported, type ProductStock } from '../lib/catalog.ts';
import { csvProblems, uploadCsv } from '../lib/upload.ts';
import { useCategories } from './sku-edit.tsx';
import { useI18n } from '../i18n.tsx';

export function ProductsPage() {
  const api = useApi();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const debounced = useDebounced(search);
  const categories = useCategories();
  const products = useQuery({
    queryKey: ['products', { category, search: debounced }],
    queryFn: () =>
      api.get('/v1/products', {
        params: {
          query: { category: category || undefined, search: debounced.trim() || undefined, limit: 200 },
        },
      }),
  });
  const m = useI18n().t.products;
  const setCategory = (code: string) => {
    const next = new URLSearchParams(params);
    if (code) next.set('category', code);
    else next.delete('category');
    setParams(next, { replace: true });
  };
  return (
    <>
      <header className="page-head row">
        <h1>{m.title}</h1>
        <div className="actions">
          {can('admin') ? <NewProduct /> : null}
          {can('admin') ? <CatalogImport /> : null}
          <CatalogExport category={category} />
        </div>
      </header>
      <div className="toolbar" role="search">
        <label className="field grow">
          <span className="field-label">{m.search}</span>
          <input
            type="search"
            placeholder={m.searchPlaceholder}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="product-search"
          />
        </label>
        <label className="field">
          <span className="field-label">{m.category}</span>
          <select
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            data-testid="product-category"
          >
            <option value="">{m.allCategories}</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryView query={products} what={m.what}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={m.emptyTitle}>{m.emptyBody}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="product-table">
                <thead>
                  <tr>
                    <th>{m.col.product}</th>
                    <th>{m.col.name}</th>
                    <th>{m.col.options}</th>
                    <th>{m.col.categories}</th>
                    <th className="num">{m.col.skus}</th>
                    <th className="num">{m.col.sellable}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.code}>
                      <td>
                        <Link to={`/products/${seg(p.code)}`} className="mono">
                          {p.code}
                        </Link>
                      </td>
                      <td>{p.name}</td>
                      <td>{p.options.join(', ')}</td>
                      <td>{p.categories.join(', ')}</td>
                      <td className="num">{formatUnits(p.skuCount)}</td>
                      <td className={`num ${p.sellable <= 0 ? 'neg' : ''}`}>{formatUnits(p.sellable)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </>
  );
}

function NewProduct() {
  const api = useApi();
  const qc = useQueryClient();
  const categories = useCategories();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [options, setOptions] = useState('');
  const [category, setCategory] = useState('');
  const optionNames = options
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const m = useI18n().t.products;
  return (
    <ActionDialog
      label={m.newProduct}
      title={m.newProduct}
      testId="action-new-product"
      variant="primary"
      onOpen={() => {
        setCode('');
        setName('');
        setOptions('');
        setCategory('');
      }}
      summary={() =>
        /^[A-Za-z0-9\-_.:/]{1,64}$/.test(code) && name.trim()
          ? m.createSummary(code, name.trim(), optionNames.join(', '))
          : null
      }
      onConfirm={() =>
        api.put('/v1/products/{code}', {
          params: { path: { code } },
          body: { name: name.trim(), options: optionNames, categories: category ? [category] : [] },
        })
      }
      onDone={() => void qc.invalidateQueries({ queryKey: ['products'] })}
    >
      <Field label={m.code}>
        <input name="code" value={code} onChange={(e) => setCode(e.target.value.trim())} required />
      </Field>
      <Field label={m.col.name}>
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label={m.col.options} hint={m.optionsHint}>
        <input name="options" value={options} onChange={(e) => setOptions(e.target.value)} />
      </Field>
      <Field label={m.category}>
        <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{m.none}</option>
          {(categories.data ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {categoryLabel(c)}
            </option>
          ))}
        </select>
      </Field>
    </ActionDialog>
  );
}

/** Upload a catalogue CSV: a progress bar while it goes up, then all of it written or none. */
function CatalogImport() {
  const { session } = useSession();
  const qc = useQueryClient();
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [result, setResult] = useState<CatalogImported | null>(null);
  const [error, setError] = useState<unknown>(null);
  const upload = async (file: File) => {
    setResult(null);
    setError(null);
    setProgress({ sent: 0, total: file.size });
    try {
      setResult(
        await uploadCsv(session.apiKey, '/v1/catalog/import', file, (sent, total) =>
          setProgress({ sent, total }),
        ),
      );
      await qc.invalidateQueries();
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  const problems = csvProblems(error).errors;
  const m = useI18n().t.products;
  return (
    <span className="upload">
      <label className="btn">
        {m.importCsv}
        <input
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="catalog-import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file);
          }}
        />
      </label>
      {progress ? (
        <span role="status">
          {' '}
          {progress.sent < progress.total ? m.uploading : m.writing}{' '}
          <progress value={progress.sent} max={progress.total || 1} />
        </span>
      ) : null}
      {result ? (
        <span role="status" data-testid="import-result">
          {' '}
          {m.imported(
            formatUnits(result.rows),
            formatUnits(result.skusCreated),
            formatUnits(result.skusUpdated),
            formatUnits(result.productsCreated),
          )}
        </span>
      ) : null}
      {error ? (
        <div data-testid="import-errors">
          <ErrorNote error={error} />
          {problems.length > 0 ? (
            <ul className="form-errors">
              {problems.map((p) => (
                <li key={`${p.line}:${p.message}`}>{m.line(p.line, p.message)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </span>
  );
}

function CatalogExport(props: { category: string }) {
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const m = useI18n().t.products;
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={() => {
          setError(null);
          api
            .get('/v1/catalog/export.csv', {
              params: { query: { category: props.category || undefined } },
              headers: { accept: 'text/csv' },
              parseAs: 'blob',
            })
            .then((blob) => saveBlob(blob, props.category ? `catalog-${props.category}.csv` : 'catalog.csv'))
            .catch(setError);
        }}
      >
        {m.exportCsv}
      </button>
      {error ? <ErrorNote error={error} /> : null}
    </>
  );
}

export function ProductPage() {
  const { code = '' } = useParams();
  const api = useApi();
  const { can } = useSession();
  const product = useQuery({
    queryKey: ['products', 'one', code],
    queryFn: () => api.get('/v1/products/{code}', { params: { path: { code } } }),
  });
  const stock = useQuery({
    queryKey: ['products', 'one', code, 'stock'],
    queryFn: () => api.get('/v1/products/{code}/stock', { params: { path: { code } } }),
    enabled: can('operate'),
  });
  const m = useI18n().t.products;
  return (
    <>
      <nav className="crumbs" aria-label={m.breadcrumb}>
        <Link to="/products">{m.title}</Link> / <span className="mono">{code}</span>
      </nav>
      <QueryView query={product} what={m.theProduct}>
        {(p) => (
          <>
            <header className="page-head row">
              <h1>
                <span className="mono">{p.code}</span> {p.name}
              </h1>
              {can('admin') ? (
                <Link
                  className="btn btn-primary"
                  to={`/skus/new?product=${seg(p.code)}`}
                  data-testid="add-variant"
                >
                  {m.addSku}
                </Link>
              ) : null}
            </header>
            <p className="muted">
              {p.description ? `${p.description} · ` : ''}
              {m.optionsAndCategories(
                p.options.length ? p.options.join(', ') : m.none,
                p.categories.length ? p.categories.join(', ') : m.none,
              )}
            </p>
            {can('operate') ? (
              <QueryView query={stock} what={m.stock}>
                {(st) => <RolledUp stock={st} />}
              </QueryView>
            ) : null}
            <Card title={m.skusOf(formatUnits(p.skus.length))}>
              {p.skus.length === 0 ? (
                <Empty title={m.noVariantTitle}>{m.noVariantBody}</Empty>
              ) : (
                <table className="table" data-testid="variant-table">
                  <thead>
                    <tr>
                      <th>{m.col.sku}</th>
                      <th>{m.col.name}</th>
                      {p.options.map((o) => (
                        <th key={o}>{o}</th>
                      ))}
                      <th className="num">{m.col.price}</th>
                      <th className="num">{m.col.sellable}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.skus.map((s) => (
                      <tr key={s.sku}>
                        <td>
                          <Link to={`/skus/${seg(s.sku)}`} className="mono">
                            {s.sku}
                          </Link>
                        </td>
                        <td>{s.name}</td>
                        {p.options.map((o) => (
                          <td key={o}>{s.options[o] ?? ''}</td>
                        ))}
                        <td className="num">{formatMoney(s.price)}</td>
                        <td className="num">
                          {formatUnits(stock.data?.bySku.find((b) => b.sku === s.sku)?.sellable ?? 0)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Card>
          </>
        )}
      </QueryView>
    </>
  );
}

function RolledUp(props: { stock: ProductStock }) {
  const st = props.stock;
  const { t } = useI18n();
  const m = t.products;
  const oversold = (n: number) =>
    n > 0 ? (
      <span className="neg" title={t.skus.oversoldTitle}>
        {' '}
        {t.skus.oversold(formatUnits(n))}
      </span>
    ) : null;
  return (
    <div className="grid-2">
      <Card title={m.byWarehouse}>
        <p data-testid="product-sellable">
          <strong>{formatUnits(st.sellable)}</strong> {m.sellableInAll}
          {oversold(st.oversold)} · {m.onHand(formatUnits(st.onHand))}
        </p>
        {st.byWarehouse.length === 0 ? (
          <Empty title={m.noStock} />
        ) : (
          <table className="table" data-testid="product-by-warehouse">
            <thead>
              <tr>
                <th>{m.col.warehouse}</th>
                <th>{m.col.region}</th>
                <th className="num">{m.col.sellable}</th>
                <th className="num">{m.col.onHand}</th>
              </tr>
            </thead>
            <tbody>
              {st.byWarehouse.map((w) => (
                <tr key={w.warehouse}>
                  <td className="mono">{w.warehouse}</td>
                  <td>{w.region}</td>
                  <td className="num">
                    {formatUnits(w.sellable)}
                    {oversold(w.oversold)}
                  </td>
                  <td className="num">{formatUnits(w.onHand)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={m.byRegion}>
        {st.byRegion.length === 0 ? (
          <Empty title={m.noStock} />
        ) : (
          <table className="table" data-testid="product-by-region">
            <thead>
              <tr>
                <th>{m.col.region}</th>
                <th className="num">{m.col.sellable}</th>
                <th className="num">{m.col.onHand}</th>
              </tr>
            </thead>
            <tbody>
              {st.byRegion.map((r) => (
                <tr key={r.region}>
                  <td>{r.region}</td>
                  <td className="num">
                    {formatUnits(r.sellable)}
                    {oversold(r.oversold)}
                  </td>
                  <td className="num">{formatUnits(r.onHand)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
