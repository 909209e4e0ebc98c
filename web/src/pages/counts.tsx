import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import {
  ActionDialog,
  Badge,
  Card,
  Empty,
  ErrorNote,
  Field,
  QueryView,
  nonNegativeInt,
  positiveInt,
} from '../components/ui.tsx';
import { formatDateTime, formatDelta, formatPercent, formatUnits } from '../lib/format.ts';
import { useWarehouses } from './skus.tsx';
import type { Ok } from '../lib/api.ts';

type CountDetail = Ok<'/v1/counts/{id}', 'get'>;

export function CountsPage() {
  const { countId } = useParams();
  return countId ? <CountView key={countId} countId={countId} /> : <CountList />;
}

function CountList() {
  const api = useApi();
  const navigate = useNavigate();
  const warehouses = useWarehouses();
  const counts = useQuery({
    queryKey: ['counts'],
    queryFn: () => api.get('/v1/counts', { params: { query: { limit: 200 } } }).then((r) => r.items),
  });
  const [warehouse, setWarehouse] = useState('');
  const [kind, setKind] = useState<'sample' | 'list' | 'all'>('sample');
  const [size, setSize] = useState('10');
  const [skus, setSkus] = useState('');
  const list = skus.split(/[\s,]+/).filter(Boolean);
  return (
    <>
      <div className="page-head row">
        <h1>Cycle counts</h1>
        <ActionDialog
          variant="primary"
          label="Open a count"
          title="Open a cycle count"
          testId="action-open-count"
          summary={() => {
            if (!warehouse) return null;
            if (kind === 'sample')
              return positiveInt(size) ? `Count ${size} SKUs drawn at random at ${warehouse}.` : null;
            if (kind === 'list') return list.length > 0 ? `Count ${list.join(', ')} at ${warehouse}.` : null;
            return `Count every SKU held at ${warehouse}.`;
          }}
          onConfirm={() =>
            api.post('/v1/counts', {
              body: {
                warehouse,
                scope:
                  kind === 'sample'
                    ? { kind, size: positiveInt(size)! }
                    : kind === 'list'
                      ? { kind, skus: list }
                      : { kind },
              },
            })
          }
          onDone={(c) => void navigate(`/counts/${encodeURIComponent(c.countId)}`)}
        >
          <Field label="Warehouse">
            <select value={warehouse} onChange={(e) => setWarehouse(e.target.value)} required>
              <option value="">Choose…</option>
              {(warehouses.data ?? []).map((w) => (
                <option key={w.code} value={w.code}>
                  {w.code} – {w.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="What to count">
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="sample">A random sample</option>
              <option value="list">These SKUs</option>
              <option value="all">Every SKU held there</option>
            </select>
          </Field>
          {kind === 'sample' ? (
            <Field label="How many SKUs">
              <input inputMode="numeric" value={size} onChange={(e) => setSize(e.target.value)} />
            </Field>
          ) : null}
          {kind === 'list' ? (
            <Field label="SKUs" hint="separated by spaces or commas">
              <textarea rows={3} value={skus} onChange={(e) => setSkus(e.target.value)} />
            </Field>
          ) : null}
        </ActionDialog>
      </div>
      <QueryView query={counts} what="counts">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No cycle count yet.">Open one to count a sample of a warehouse's shelves.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Count</th>
                    <th>Warehouse</th>
                    <th>Status</th>
                    <th className="num">Counted</th>
                    <th className="num">Net variance</th>
                    <th className="num">Accuracy</th>
                    <th>Opened</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.countId}>
                      <td>
                        <Link className="mono" to={`/counts/${encodeURIComponent(c.countId)}`}>
                          {c.countId}
                        </Link>
                      </td>
                      <td>{c.warehouse}</td>
                      <td>
                        <Badge>{c.status}</Badge>
                      </td>
                      <td className="num">
                        {formatUnits(c.linesCounted)} of {formatUnits(c.linesTotal)}
                      </td>
                      <td className="num">{c.netVariance === null ? '–' : formatDelta(c.netVariance)}</td>
                      <td className="num">{c.accuracy === null ? '–' : formatPercent(c.accuracy)}</td>
                      <td>{formatDateTime(c.createdAt)}</td>
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

function CountView(props: { countId: string }) {
  const api = useApi();
  const count = useQuery({
    queryKey: ['count', props.countId],
    queryFn: () => api.get('/v1/counts/{id}', { params: { path: { id: props.countId } } }),
  });
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/counts">Counts</Link> / <span className="mono">{props.countId}</span>
      </nav>
      <QueryView query={count} what="the count">
        {(c) => (c.status === 'open' ? <BlindEntry count={c} /> : <Review count={c} />)}
      </QueryView>
    </>
  );
}

/** Blind entry for a tablet: big fields, no expected quantity anywhere (the API does not send it). */
function BlindEntry(props: { count: CountDetail }) {
  const c = props.count;
  const api = useApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [skip, setSkip] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['count', c.countId] });
  const entered = Object.entries(values).flatMap(([sku, v]) => {
    const counted = nonNegativeInt(v);
    return counted === null ? [] : [{ sku, counted }];
  });
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.post('/v1/counts/{id}/entries', {
        params: { path: { id: c.countId } },
        body: { lines: entered },
      });
      setValues({});
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="count-entry">
      <header className="page-head row">
        <h1>
          Count at {c.warehouse} <Badge tone="info">open</Badge>
        </h1>
        <p className="big" aria-live="polite">
          {formatUnits(c.linesCounted)} of {formatUnits(c.linesTotal)} counted
        </p>
      </header>
      <p className="muted">
        Count what is on the shelf and type it in. Expected quantities are hidden until the count is closed.
      </p>
      <ol className="count-lines">
        {c.lines.map((l) => (
          <li key={l.sku} className={l.counted !== null ? 'done' : ''}>
            <label>
              <span className="mono sku">{l.sku}</span>
              <input
                inputMode="numeric"
                pattern="[0-9]*"
                aria-label={`Counted units of ${l.sku}`}
                placeholder={l.counted !== null ? `counted ${formatUnits(l.counted)}` : 'units'}
                value={values[l.sku] ?? ''}
                onChange={(e) => setValues((v) => ({ ...v, [l.sku]: e.target.value }))}
              />
            </label>
          </li>
        ))}
      </ol>
      {error ? <ErrorNote error={error} /> : null}
      <div className="actions sticky">
        <button
          type="button"
          className="btn btn-primary btn-big"
          disabled={entered.length === 0 || saving}
          onClick={() => void save()}
        >
          {saving ? 'Saving…' : `Save ${entered.length} ${entered.length === 1 ? 'line' : 'lines'}`}
        </button>
        <ActionDialog
          label="Close and review"
          title="Close the count"
          onOpen={() => setSkip(false)}
          summary={() =>
            c.linesCounted < c.linesTotal && !skip
              ? null
              : `Close ${c.countId}: counting ends and the variances against the books are shown.${skip ? ' Uncounted lines are left out.' : ''}`
          }
          onConfirm={() =>
            api.post('/v1/counts/{id}/close', {
              params: { path: { id: c.countId } },
              body: skip ? { skipUncounted: true } : {},
            })
          }
          onDone={() => void refresh()}
        >
          {c.linesCounted < c.linesTotal ? (
            <label className="check">
              <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> Leave the{' '}
              {formatUnits(c.linesTotal - c.linesCounted)} uncounted lines out
            </label>
          ) : (
            <p>Every line is counted.</p>
          )}
        </ActionDialog>
        <ActionDialog
          variant="danger"
          label="Cancel count"
          title="Cancel the count"
          summary={() => `Cancel ${c.countId}; nothing is posted.`}
          onConfirm={() =>
            api.post('/v1/counts/{id}/cancel', { params: { path: { id: c.countId } }, body: {} })
          }
          onDone={() => void navigate('/counts')}
        />
      </div>
    </div>
  );
}

function Review(props: { count: CountDetail }) {
  const c = props.count;
  const api = useApi();
  const qc = useQueryClient();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [fallback, setFallback] = useState('');
  const variances = c.lines.filter((l) => (l.variance ?? 0) !== 0);
  const missing = variances.filter((l) => !reasons[l.sku]?.trim()).length;
  return (
    <Card
      title={
        <>
          Count at {c.warehouse} <Badge>{c.status}</Badge>
        </>
      }
      actions={
        c.status === 'closed' ? (
          <ActionDialog
            variant="primary"
            label="Post variances"
            title="Post the variances"
            summary={() =>
              missing > 0 && !fallback.trim()
                ? null
                : `Book ${formatUnits(variances.length)} variances (net ${formatDelta(c.netVariance ?? 0)} units) as count movements.`
            }
            onConfirm={() =>
              api.post('/v1/counts/{id}/post', {
                params: { path: { id: c.countId } },
                body: {
                  reasons: Object.entries(reasons)
                    .filter(([, r]) => r.trim())
                    .map(([sku, reason]) => ({ sku, reason: reason.trim() })),
                  ...(fallback.trim() ? { defaultReason: fallback.trim() } : {}),
                },
              })
            }
            onDone={() => void qc.invalidateQueries({ queryKey: ['count', c.countId] })}
          >
            <Field
              label="Reason for lines without one"
              hint={missing > 0 ? `${missing} variances have no reason yet` : undefined}
            >
              <input
                value={fallback}
                onChange={(e) => setFallback(e.target.value)}
                placeholder="unrecorded breakage"
              />
            </Field>
          </ActionDialog>
        ) : null
      }
    >
      <dl className="facts">
        <dt>Counted</dt>
        <dd>
          {formatUnits(c.linesCounted)} of {formatUnits(c.linesTotal)}
        </dd>
        <dt>Matched</dt>
        <dd>{formatUnits(c.linesMatched)}</dd>
        <dt>Net variance</dt>
        <dd>{c.netVariance === null ? '–' : formatDelta(c.netVariance)}</dd>
        <dt>Accuracy</dt>
        <dd>{c.accuracy === null ? '–' : formatPercent(c.accuracy)}</dd>
      </dl>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>SKU</th>
              <th className="num">Expected</th>
              <th className="num">Counted</th>
              <th className="num">Variance</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {c.lines.map((l) => (
              <tr key={l.sku}>
                <td className="mono">{l.sku}</td>
                <td className="num">{formatUnits(l.expected)}</td>
                <td className="num">{formatUnits(l.counted)}</td>
                <td className={`num ${(l.variance ?? 0) < 0 ? 'neg' : ''}`}>
                  {l.variance == null ? '–' : formatDelta(l.variance)}
                </td>
                <td>
                  {c.status === 'closed' && (l.variance ?? 0) !== 0 ? (
                    <input
                      aria-label={`Reason for ${l.sku}`}
                      value={reasons[l.sku] ?? ''}
                      onChange={(e) => setReasons((r) => ({ ...r, [l.sku]: e.target.value }))}
                    />
                  ) : (
                    (l.reason ?? '')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
