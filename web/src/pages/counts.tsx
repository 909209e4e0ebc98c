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
import { ZoneSelect } from '../components/code-selects.tsx';
import type { Ok } from '../lib/api.ts';
import { useI18n } from '../i18n.tsx';
import { ScanBox } from '../components/scan.tsx';
import { addOne, lineForCode } from '../lib/scan.ts';

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
  const [zone, setZone] = useState('');
  const [kind, setKind] = useState<'sample' | 'list' | 'all'>('sample');
  const [size, setSize] = useState('10');
  const [skus, setSkus] = useState('');
  const list = skus.split(/[\s,]+/).filter(Boolean);
  const { t } = useI18n();
  const m = t.counts;
  const z = t.countZones;
  // The place counted, as the sentences name it: the warehouse, or one of its zones.
  const where = zone ? z.inZone(warehouse, zone) : warehouse;
  return (
    <>
      <div className="page-head row">
        <h1>{m.title}</h1>
        <ActionDialog
          variant="primary"
          label={m.open}
          title={m.openTitle}
          testId="action-open-count"
          summary={() => {
            if (!warehouse) return null;
            if (kind === 'sample') return positiveInt(size) ? m.sample(size, where) : null;
            if (kind === 'list') return list.length > 0 ? m.list(list.join(', '), where) : null;
            return zone ? z.all(where) : m.all(where);
          }}
          onConfirm={() =>
            api.post('/v1/counts', {
              body: {
                warehouse,
                zone: zone || undefined,
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
          <Field label={m.warehouse}>
            <select
              value={warehouse}
              onChange={(e) => {
                setWarehouse(e.target.value);
                setZone('');
              }}
              required
            >
              <option value="">{m.choose}</option>
              {(warehouses.data ?? []).map((w) => (
                <option key={w.code} value={w.code}>
                  {w.code} – {w.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={z.zone} hint={z.hint}>
            <ZoneSelect
              warehouse={warehouse}
              value={zone}
              onChange={setZone}
              whole={z.whole}
              defaultLabel={z.defaultZone}
              testId="count-zone"
            />
          </Field>
          <Field label={m.whatToCount}>
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="sample">{m.kindSample}</option>
              <option value="list">{m.kindList}</option>
              <option value="all">{m.kindAll}</option>
            </select>
          </Field>
          {kind === 'sample' ? (
            <Field label={m.howMany}>
              <input inputMode="numeric" value={size} onChange={(e) => setSize(e.target.value)} />
            </Field>
          ) : null}
          {kind === 'list' ? (
            <Field label={m.skus} hint={m.skusHint}>
              <textarea rows={3} value={skus} onChange={(e) => setSkus(e.target.value)} />
            </Field>
          ) : null}
        </ActionDialog>
      </div>
      <QueryView query={counts} what={m.what}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={m.emptyTitle}>{m.emptyBody}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table stack">
                <thead>
                  <tr>
                    <th>{m.colCount}</th>
                    <th>{m.colWarehouse}</th>
                    <th>{m.colStatus}</th>
                    <th className="num">{m.colCounted}</th>
                    <th className="num">{m.colNet}</th>
                    <th className="num">{m.colAccuracy}</th>
                    <th>{m.colOpened}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.countId}>
                      <td className="lead">
                        <Link className="mono" to={`/counts/${encodeURIComponent(c.countId)}`}>
                          {c.countId}
                        </Link>
                      </td>
                      <td data-label={m.colWarehouse}>
                        {c.zone ? z.inZone(c.warehouse, c.zone) : c.warehouse}
                      </td>
                      <td data-label={m.colStatus}>
                        <Badge>{c.status}</Badge>
                      </td>
                      <td className="num" data-label={m.colCounted}>
                        {m.nOfM(formatUnits(c.linesCounted), formatUnits(c.linesTotal))}
                      </td>
                      <td className="num" data-label={m.colNet}>
                        {c.netVariance === null ? '–' : formatDelta(c.netVariance)}
                      </td>
                      <td className="num" data-label={m.colAccuracy}>
                        {c.accuracy === null ? '–' : formatPercent(c.accuracy)}
                      </td>
                      <td data-label={m.colOpened}>{formatDateTime(c.createdAt)}</td>
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
  const { t } = useI18n();
  const m = t.counts;
  const crumbsLabel = t.countDetail.breadcrumb;
  const count = useQuery({
    queryKey: ['count', props.countId],
    queryFn: () => api.get('/v1/counts/{id}', { params: { path: { id: props.countId } } }),
  });
  return (
    <>
      <nav className="crumbs" aria-label={crumbsLabel}>
        <Link to="/counts">{m.crumbs}</Link> / <span className="mono">{props.countId}</span>
      </nav>
      <QueryView query={count} what={m.theCount}>
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
  const { t } = useI18n();
  const cd = t.countDetail;
  const m = t.counts;
  const scanWords = t.scan;
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
          {m.countAt(c.zone ? t.countZones.inZone(c.warehouse, c.zone) : c.warehouse)}{' '}
          <Badge tone="info">{t.countState.open}</Badge>
        </h1>
        <p className="big" aria-live="polite">
          {m.counted(formatUnits(c.linesCounted), formatUnits(c.linesTotal))}
        </p>
      </header>
      <p className="muted">{m.blindHint}</p>
      <ScanBox
        onCode={(code) => {
          const sku = lineForCode(
            code,
            c.lines.map((l) => l.sku),
          );
          if (!sku) return scanWords.unknown(code);
          const before = c.lines.find((l) => l.sku === sku)?.counted;
          const next = addOne(values[sku] ?? (before != null ? String(before) : ''));
          setValues((v) => ({ ...v, [sku]: next }));
          return scanWords.counted(sku, next);
        }}
      />
      <ol className="count-lines">
        {c.lines.map((l) => (
          <li key={l.sku} className={l.counted !== null ? 'done' : ''}>
            <label>
              <span className="mono sku">{l.sku}</span>
              <input
                inputMode="numeric"
                pattern="[0-9]*"
                aria-label={m.countedUnitsOf(l.sku)}
                placeholder={l.counted !== null ? m.countedAlready(formatUnits(l.counted)) : m.units}
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
          {saving ? m.saving : m.save(entered.length)}
        </button>
        <ActionDialog
          label={m.closeReview}
          title={cd.closeTitle}
          onOpen={() => setSkip(false)}
          summary={() => (c.linesCounted < c.linesTotal && !skip ? null : cd.closeSummary(c.countId, skip))}
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
              <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} />{' '}
              {cd.leaveOut(formatUnits(c.linesTotal - c.linesCounted))}
            </label>
          ) : (
            <p>{cd.allCounted}</p>
          )}
        </ActionDialog>
        <ActionDialog
          variant="danger"
          label={m.cancelCount}
          title={cd.cancelTitle}
          summary={() => cd.cancelSummary(c.countId)}
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
  const cd = useI18n().t.countDetail;
  return (
    <Card
      title={
        <>
          {cd.countAt(c.warehouse)} <Badge>{cd.status[c.status] ?? c.status}</Badge>
        </>
      }
      actions={
        c.status === 'closed' ? (
          <ActionDialog
            variant="primary"
            label={cd.post}
            title={cd.postTitle}
            summary={() =>
              missing > 0 && !fallback.trim()
                ? null
                : cd.postSummary(formatUnits(variances.length), formatDelta(c.netVariance ?? 0))
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
              label={cd.fallbackReason}
              hint={missing > 0 ? cd.missingReasons(formatUnits(missing)) : undefined}
            >
              <input
                value={fallback}
                onChange={(e) => setFallback(e.target.value)}
                placeholder={cd.fallbackPlaceholder}
              />
            </Field>
          </ActionDialog>
        ) : null
      }
    >
      <dl className="facts">
        <dt>{cd.counted}</dt>
        <dd>{cd.countedOf(formatUnits(c.linesCounted), formatUnits(c.linesTotal))}</dd>
        <dt>{cd.matched}</dt>
        <dd>{formatUnits(c.linesMatched)}</dd>
        <dt>{cd.netVariance}</dt>
        <dd>{c.netVariance === null ? '–' : formatDelta(c.netVariance)}</dd>
        <dt>{cd.accuracy}</dt>
        <dd>{c.accuracy === null ? '–' : formatPercent(c.accuracy)}</dd>
      </dl>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{cd.sku}</th>
              <th className="num">{cd.expected}</th>
              <th className="num">{cd.counted}</th>
              <th className="num">{cd.variance}</th>
              <th>{cd.reason}</th>
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
                      aria-label={cd.reasonFor(l.sku)}
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
