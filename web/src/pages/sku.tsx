import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useSession } from '../context.tsx';
import {
  ActionDialog,
  Badge,
  Card,
  ChartLoading,
  Empty,
  ErrorNote,
  Field,
  QueryTable,
  QueryView,
  nonNegativeInt,
  positiveInt,
  signedInt,
} from '../components/ui.tsx';
import { seg, type Ok } from '../lib/api.ts';
import { formatDateTime, formatDelta, formatMoney, formatUnits } from '../lib/format.ts';
import { segments, terms, workedFormula } from '../lib/formula.ts';
import { describeRelease, parseLocalDateTime, parseWaves } from '../lib/waves.ts';
import { useWarehouses } from './skus.tsx';
import { useI18n } from '../i18n.tsx';
import type { Messages } from '../lib/i18n.ts';
import { ForecastPanel, SkuReplenishment } from './forecast.tsx';

// Recharts is large: the chart loads as a chunk of its own.
const StockChart = lazy(() => import('../charts/stock-chart.tsx'));

type Stock = Ok<'/v1/stock/{sku}', 'get'>;
/** A position's units in one zone (docs/zones.md); the implicit default zone comes first. */
type ZoneUnits = NonNullable<Stock['positions'][number]['zones']>[number];

export function SkuPage() {
  const tx = useI18n().t.sku;
  const sp = useI18n().t.skuPage;
  const sh = useI18n().t.skuHeader;
  const { sku = '' } = useParams();
  const api = useApi();
  const { can } = useSession();
  const info = useQuery({
    queryKey: ['sku', sku, 'info'],
    queryFn: () => api.get('/v1/skus/{sku}', { params: { path: { sku } } }),
  });
  const stock = useQuery({
    queryKey: ['sku', sku, 'stock'],
    queryFn: () => api.get('/v1/stock/{sku}', { params: { path: { sku } } }),
  });
  return (
    <>
      <nav className="crumbs" aria-label={sp.breadcrumb}>
        <Link to="/skus">{tx.crumbs}</Link> / <span className="mono">{sku}</span>
      </nav>
      <QueryView query={info} what={sp.theSku}>
        {(s) => (
          <header className="page-head">
            <h1>
              <span className="mono">{s.sku}</span> {s.name}
            </h1>
            <p className="muted" data-testid="sku-details">
              {sh.prices(formatMoney(s.price), formatMoney(s.unitCost ?? null))}
              {s.product ? (
                <>
                  {' '}
                  · {sh.variantOf} <Link to={`/products/${seg(s.product)}`}>{s.product}</Link>
                  {Object.keys(s.options).length > 0
                    ? ` (${Object.entries(s.options)
                        .map(([k, v]) => `${k} ${v}`)
                        .join(', ')})`
                    : ''}
                </>
              ) : null}
              {s.categories.length > 0 ? sh.categories(s.categories.join(', ')) : ''}{' '}
              {can('admin') ? (
                <Link className="btn" to={`/skus/${seg(s.sku)}/edit`} data-testid="edit-sku">
                  {sh.edit}
                </Link>
              ) : null}
            </p>
          </header>
        )}
      </QueryView>
      {info.error ? null : (
        <>
          <Card title={tx.stockByWarehouse} actions={<StockActions sku={sku} />}>
            <QueryView query={stock} what={sp.stock}>
              {(st) => <StockBreakdown stock={st} />}
            </QueryView>
          </Card>
          <div className="grid-2">
            <Availability sku={sku} />
            <Waiting sku={sku} />
          </div>
          <ForecastPanel sku={sku} />
          <SkuReplenishment sku={sku} />
          <Locks sku={sku} />
          <Ledger sku={sku} />
        </>
      )}
    </>
  );
}

function StockBreakdown(props: { stock: Stock }) {
  const { positions, totals } = props.stock;
  const { t: m } = useI18n();
  const tx = m.sku;
  const label = m.charts.term;
  if (positions.length === 0) {
    return <Empty title={tx.noStock}>{tx.noStockBody}</Empty>;
  }
  const data = positions.map((p) => ({ warehouse: p.warehouse, ...segments(p) }));
  const height = Math.max(120, 48 * positions.length + 60);
  return (
    <>
      <Suspense fallback={<ChartLoading height={height} />}>
        <StockChart data={data} height={height} />
      </Suspense>
      <div className="table-wrap">
        <table className="table formula stack" data-testid="formula-table">
          <caption>{tx.caption}</caption>
          <thead>
            <tr>
              <th>{tx.warehouse}</th>
              {terms(totals, label).map((t) => (
                <th key={t.symbol} className="num" title={t.label}>
                  {t.symbol} <span className="muted small">{t.label}</span>
                </th>
              ))}
              <th className="num">{tx.sellable}</th>
              <th className="num incoming" title={tx.incomingTitle}>
                {tx.incoming}
              </th>
              <th>{tx.workedOut}</th>
            </tr>
          </thead>
          <tbody>
            {[...positions, { warehouse: 'Total', ...totals }].map((p) => {
              const f = workedFormula(p);
              return (
                <tr
                  key={p.warehouse}
                  className={p.warehouse === 'Total' ? 'total' : ''}
                  data-testid={`position-${p.warehouse}`}
                >
                  <th scope="row">{p.warehouse === 'Total' ? m.charts.total : p.warehouse}</th>
                  {terms(p, label).map((t) => (
                    <td
                      key={t.symbol}
                      className="num"
                      data-testid={`term-${t.symbol}`}
                      data-label={`${t.symbol} ${t.label}`}
                    >
                      {formatUnits(t.value)}
                    </td>
                  ))}
                  <td
                    className={`num strong ${p.sellable < 0 ? 'neg' : ''}`}
                    data-testid="sellable"
                    data-label={tx.sellable}
                  >
                    {formatUnits(p.sellable)}
                  </td>
                  <td
                    className={`num ${p.incoming ? 'incoming' : ''}`}
                    data-testid="incoming"
                    data-label={tx.incoming}
                  >
                    {formatUnits(p.incoming ?? 0)}
                  </td>
                  <td className="mono small" data-label={tx.workedOut}>
                    {f.text}
                    {f.consistent ? null : <Badge tone="bad">{m.skuHeader.notAddUp}</Badge>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ZoneBreakdown positions={positions} />
    </>
  );
}

/** Units by zone, for the warehouses that have named zones (the others hold all in default). */
function ZoneBreakdown(props: { positions: Stock['positions'] }) {
  const sp = useI18n().t.skuPage;
  const zoned = props.positions.filter((p) => (p.zones?.length ?? 0) > 1);
  if (zoned.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="zone-table">
        <caption>{sp.zoneCaption}</caption>
        <thead>
          <tr>
            <th>{sp.warehouse}</th>
            <th>{sp.zone}</th>
            <th>{sp.kind}</th>
            <th className="num">{sp.units}</th>
          </tr>
        </thead>
        <tbody>
          {zoned.flatMap((p) =>
            (p.zones ?? []).map((z) => (
              <tr key={`${p.warehouse}/${z.zone}`} data-testid={`zone-${p.warehouse}-${z.zone}`}>
                <th scope="row">{p.warehouse}</th>
                <td>
                  <span className="mono">{z.zone}</span> {z.name}
                </td>
                <td>
                  {z.kind} {z.sellable ? null : <Badge tone="bad">{sp.unsellable}</Badge>}
                </td>
                <td className="num" data-testid="zone-units">
                  {formatUnits(z.units)}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

const DAMAGE_REASONS = ['broken', 'wrong_label', 'model_mixup', 'packaging', 'expired', 'other'] as const;

function WarehouseSelect(props: { value: string; onChange: (v: string) => void }) {
  const warehouses = useWarehouses();
  const d = useI18n().t.skuDialogs;
  return (
    <Field label={d.warehouse}>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} required name="warehouse">
        <option value="">{d.choose}</option>
        {(warehouses.data ?? []).map((w) => (
          <option key={w.code} value={w.code}>
            {w.code} – {w.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The stock actions of this SKU, each a small form with a confirmation; refusals shown as the API says. */
function StockActions(props: { sku: string }) {
  const { sku } = props;
  const { t } = useI18n();
  const tx = t.sku;
  const d = t.skuDialogs;
  const api = useApi();
  const { can } = useSession();
  const qc = useQueryClient();
  const [warehouse, setWarehouse] = useState('');
  const [qty, setQty] = useState('');
  const [text, setText] = useState('');
  const [reason, setReason] = useState<(typeof DAMAGE_REASONS)[number]>('broken');
  const [flag, setFlag] = useState(false);
  const [failed, setFailed] = useState('0');
  const [until, setUntil] = useState('');
  const [wavesText, setWavesText] = useState('');
  const stock = useQuery({
    queryKey: ['sku', sku, 'stock'],
    queryFn: () => api.get('/v1/stock/{sku}', { params: { path: { sku } } }),
  });
  const [fromZone, setFromZone] = useState('default');
  const [toZone, setToZone] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sku', sku] });
  if (!can('operate')) return null;
  const zonedWarehouses = (stock.data?.positions ?? [])
    .filter((p) => (p.zones?.length ?? 0) > 1)
    .map((p) => p.warehouse);
  const zonesHere = stock.data?.positions.find((p) => p.warehouse === warehouse)?.zones ?? [];
  const reset = () => {
    setQty('');
    setText('');
    setFlag(false);
    setFailed('0');
    setUntil('');
    setWavesText('');
  };
  const common = { onDone: refresh, onOpen: reset };
  const wh = <WarehouseSelect value={warehouse} onChange={setWarehouse} />;
  const qtyField = (label = d.quantity) => (
    <Field label={label}>
      <input name="qty" inputMode="numeric" value={qty} onChange={(e) => setQty(e.target.value)} required />
    </Field>
  );
  const n = positiveInt(qty);
  const damagedHere = stock.data?.positions.find((p) => p.warehouse === warehouse)?.damaged;
  const damagedHint =
    warehouse && damagedHere !== undefined ? d.damagedNow(formatUnits(damagedHere), warehouse) : undefined;
  const untilDate = until ? parseLocalDateTime(until) : null;
  const untilError =
    until && !untilDate ? d.notADate : untilDate && untilDate.getTime() <= Date.now() ? d.untilPast : null;
  const schedule = parseWaves(wavesText, { qty: n, until: untilDate }, t.waves);
  const lockErrors = [...(untilError ? [untilError] : []), ...schedule.errors];
  return (
    <div className="actions">
      <ActionDialog
        {...common}
        testId="action-receive"
        variant="primary"
        label={tx.receive}
        title={d.receiveTitle(sku)}
        summary={() => (warehouse && n ? d.receiveSummary(formatUnits(n), sku, warehouse, flag) : null)}
        onConfirm={() =>
          api.post('/v1/receipts', {
            body: {
              warehouse,
              ...(text ? { reference: text } : {}),
              lines: [{ sku, qty: n!, ...(flag ? { inspect: true } : {}) }],
            },
          })
        }
      >
        {wh}
        {qtyField()}
        <Field label={d.reference}>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="PO-1234" />
        </Field>
        <label className="check">
          <input type="checkbox" checked={flag} onChange={(e) => setFlag(e.target.checked)} />{' '}
          {d.holdForInspection}
        </label>
      </ActionDialog>
      <ActionDialog
        {...common}
        testId="action-adjust"
        label={tx.adjust}
        title={d.adjustTitle(sku)}
        summary={() => {
          const delta = signedInt(qty);
          return warehouse && delta && text
            ? d.adjustSummary(sku, warehouse, formatDelta(delta), text)
            : null;
        }}
        onConfirm={() =>
          api.post('/v1/adjustments', { body: { warehouse, sku, delta: signedInt(qty)!, reason: text } })
        }
      >
        {wh}
        <Field label={d.change} hint={d.changeHint}>
          <input name="delta" value={qty} onChange={(e) => setQty(e.target.value)} required />
        </Field>
        <Field label={d.reason}>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            placeholder={d.adjustPlaceholder}
          />
        </Field>
      </ActionDialog>
      <ActionDialog
        {...common}
        testId="action-damage"
        label={tx.markDamaged}
        title={d.damageTitle(sku)}
        summary={() =>
          warehouse && n ? d.damageSummary(formatUnits(n), sku, warehouse, d.damageReasons[reason]) : null
        }
        onConfirm={() =>
          api.post('/v1/damage', {
            body: { warehouse, sku, qty: n!, reason, ...(text ? { note: text } : {}) },
          })
        }
      >
        {wh}
        {qtyField()}
        <Field label={d.reason}>
          <select value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
            {DAMAGE_REASONS.map((r) => (
              <option key={r} value={r}>
                {d.damageReasons[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={d.note}>
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
      </ActionDialog>
      <ActionDialog
        {...common}
        testId="action-repair"
        label={tx.repair}
        title={d.repairTitle(sku)}
        summary={() => (warehouse && n ? d.repairSummary(formatUnits(n), sku, warehouse, text) : null)}
        onConfirm={() =>
          api.post('/v1/repairs', { body: { warehouse, sku, qty: n!, ...(text ? { note: text } : {}) } })
        }
      >
        {wh}
        <Field label={d.quantity} hint={damagedHint}>
          <input
            name="qty"
            inputMode="numeric"
            value={qty}
            onChange={(e) => setQty(e.target.value)}
            required
          />
        </Field>
        <Field label={d.note}>
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder={d.repairPlaceholder} />
        </Field>
      </ActionDialog>
      <ActionDialog
        {...common}
        testId="action-write-off"
        variant="danger"
        label={tx.writeOff}
        title={d.writeOffTitle(sku)}
        summary={() =>
          warehouse && n && text.trim()
            ? d.writeOffSummary(formatUnits(n), sku, warehouse, text.trim())
            : null
        }
        onConfirm={() =>
          api.post('/v1/write-offs', { body: { warehouse, sku, qty: n!, reason: text.trim() } })
        }
      >
        {wh}
        <Field label={d.quantity} hint={damagedHint}>
          <input
            name="qty"
            inputMode="numeric"
            value={qty}
            onChange={(e) => setQty(e.target.value)}
            required
          />
        </Field>
        <Field label={d.reason}>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            placeholder={d.writeOffPlaceholder}
          />
        </Field>
      </ActionDialog>
      <ActionDialog
        {...common}
        testId="action-inspect"
        label={tx.inspect}
        title={d.inspectTitle(sku)}
        summary={() => {
          const passed = nonNegativeInt(qty);
          const bad = nonNegativeInt(failed);
          return warehouse && passed !== null && bad !== null && passed + bad > 0
            ? d.inspectSummary(warehouse, formatUnits(passed), formatUnits(bad))
            : null;
        }}
        onConfirm={() =>
          api.post('/v1/inspections', {
            body: {
              warehouse,
              lines: [{ sku, passed: nonNegativeInt(qty)!, failed: nonNegativeInt(failed)! }],
            },
          })
        }
      >
        {wh}
        <Field label={d.passed}>
          <input inputMode="numeric" value={qty} onChange={(e) => setQty(e.target.value)} required />
        </Field>
        <Field label={d.failed}>
          <input inputMode="numeric" value={failed} onChange={(e) => setFailed(e.target.value)} required />
        </Field>
      </ActionDialog>
      <ActionDialog
        {...common}
        testId="action-lock"
        label={tx.lock}
        title={d.lockTitle(sku)}
        summary={() =>
          warehouse && n && text.trim() && lockErrors.length === 0
            ? d.lockSummary(
                formatUnits(n),
                sku,
                warehouse,
                text.trim(),
                describeRelease(n, schedule.waves, untilDate, formatDateTime, formatUnits, t.waves),
              )
            : null
        }
        onConfirm={() =>
          api.post('/v1/locks', {
            body: {
              warehouse,
              sku,
              qty: n!,
              reason: text.trim(),
              ...(untilDate ? { until: untilDate.toISOString() } : {}),
              ...(schedule.waves.length ? { waves: schedule.waves } : {}),
            },
          })
        }
      >
        {wh}
        {qtyField()}
        <Field label={d.reason}>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            placeholder={d.lockPlaceholder}
          />
        </Field>
        <Field label={d.until} hint={d.untilHint}>
          <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </Field>
        <Field label={d.waves} hint={d.wavesHint}>
          <textarea rows={3} value={wavesText} onChange={(e) => setWavesText(e.target.value)} />
        </Field>
        {lockErrors.length > 0 ? (
          <p className="neg small" data-testid="lock-errors">
            {lockErrors.join('; ')}
          </p>
        ) : null}
      </ActionDialog>
      <ActionDialog
        {...common}
        testId="action-virtual"
        label={tx.setVirtual}
        title={d.virtualTitle(sku)}
        summary={() => {
          const v = nonNegativeInt(qty);
          return warehouse && v !== null ? d.virtualSummary(sku, warehouse, formatUnits(v), text) : null;
        }}
        onConfirm={() =>
          api.put('/v1/virtual/{sku}/{warehouse}', {
            params: { path: { sku, warehouse } },
            body: { virtual: nonNegativeInt(qty)!, ...(text ? { supplier: text } : {}) },
          })
        }
      >
        {wh}
        <Field label={d.virtualUnits} hint={d.virtualHint}>
          <input inputMode="numeric" value={qty} onChange={(e) => setQty(e.target.value)} required />
        </Field>
        <Field label={d.supplier}>
          <input value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
      </ActionDialog>
      {zonedWarehouses.length > 0 ? (
        <ActionDialog
          {...common}
          onOpen={() => {
            reset();
            setFromZone('default');
            setToZone('');
          }}
          testId="action-zone-move"
          label={tx.moveZones}
          title={d.zoneMoveTitle(sku)}
          summary={() =>
            warehouse && n && toZone && fromZone !== toZone && text
              ? d.zoneMoveSummary(formatUnits(n), sku, warehouse, fromZone, toZone, text) +
                zoneEffect(zonesHere, fromZone, toZone, d)
              : null
          }
          onConfirm={() =>
            api.post('/v1/stock/{sku}/{warehouse}/zone-moves', {
              params: { path: { sku, warehouse } },
              body: { from: fromZone, to: toZone, qty: n!, reason: text },
            })
          }
        >
          <Field label={d.warehouse}>
            <select value={warehouse} onChange={(e) => setWarehouse(e.target.value)} required>
              <option value="">{d.choose}</option>
              {zonedWarehouses.map((w) => (
                <option key={w} value={w}>
                  {w}
                </option>
              ))}
            </select>
          </Field>
          <Field label={d.fromZone}>
            <select name="from" value={fromZone} onChange={(e) => setFromZone(e.target.value)}>
              {zonesHere.map((z) => (
                <option key={z.zone} value={z.zone}>
                  {z.zone} ({d.zoneUnits(formatUnits(z.units), z.sellable)})
                </option>
              ))}
            </select>
          </Field>
          <Field label={d.toZone}>
            <select name="to" value={toZone} onChange={(e) => setToZone(e.target.value)} required>
              <option value="">{d.choose}</option>
              {zonesHere
                .filter((z) => z.zone !== fromZone)
                .map((z) => (
                  <option key={z.zone} value={z.zone}>
                    {z.zone} ({d.zoneKind(z.kind, z.sellable)})
                  </option>
                ))}
            </select>
          </Field>
          {qtyField()}
          <Field label={d.reason}>
            <input name="reason" value={text} onChange={(e) => setText(e.target.value)} required />
          </Field>
        </ActionDialog>
      ) : null}
    </div>
  );
}

/** What a zone move does to sellable, in words (docs/zones.md). */
function zoneEffect(zones: ZoneUnits[], from: string, to: string, d: Messages['skuDialogs']): string {
  const a = zones.find((z) => z.zone === from);
  const b = zones.find((z) => z.zone === to);
  if (!a || !b || a.sellable === b.sellable) return '';
  return b.sellable ? d.becomeSellable : d.stopSellable;
}

function Locks(props: { sku: string }) {
  const api = useApi();
  const tx = useI18n().t.sku;
  const sp = useI18n().t.skuPage;
  const qc = useQueryClient();
  const locks = useQuery({
    queryKey: ['sku', props.sku, 'locks'],
    queryFn: () => api.get('/v1/locks', { params: { query: { sku: props.sku } } }).then((r) => r.items),
  });
  return (
    <Card title={tx.locks}>
      <QueryTable
        query={locks}
        what={sp.locksWhat}
        empty={sp.noLocks}
        head={
          <>
            <th>{sp.lock}</th>
            <th>{sp.warehouse}</th>
            <th>{sp.reason}</th>
            <th className="num">{sp.locked}</th>
            <th>{sp.waves}</th>
            <th>{sp.until}</th>
            <th />
          </>
        }
        row={(l) => (
          <tr key={l.lockId}>
            <td className="mono">{l.lockId}</td>
            <td>{l.warehouse}</td>
            <td>{l.reason}</td>
            <td className="num">{sp.lockedOf(formatUnits(l.locked), formatUnits(l.qty))}</td>
            <td className="small">
              {(l.waves ?? []).length === 0 ? (
                '–'
              ) : (
                <ul className="plain">
                  {(l.waves ?? []).map((w) => (
                    <li key={w.wave}>
                      {sp.waveAt(formatUnits(w.qty), formatDateTime(w.at))}
                      {w.releasedAt ? sp.released(formatUnits(w.released)) : ''}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>{formatDateTime(l.until)}</td>
            <td>
              {l.active ? (
                <ActionDialog
                  label={sp.unlock}
                  title={sp.unlockTitle(l.lockId)}
                  summary={() => sp.unlockSummary(formatUnits(l.locked), props.sku, l.warehouse)}
                  onConfirm={() =>
                    api.post('/v1/locks/{id}/unlock', {
                      params: { path: { id: l.lockId } },
                      body: {},
                    })
                  }
                  onDone={() => void qc.invalidateQueries({ queryKey: ['sku', props.sku] })}
                />
              ) : null}
            </td>
          </tr>
        )}
      />
    </Card>
  );
}

function sellableDelta(d: Record<string, number>): number {
  const g = (k: string) => d[k] ?? 0;
  return (
    g('onHand') -
    g('reserved') -
    g('damaged') -
    g('qcPending') -
    g('locked') -
    g('transferReserved') +
    g('virtual')
  );
}

function Ledger(props: { sku: string }) {
  const api = useApi();
  const tx = useI18n().t.sku;
  const sp = useI18n().t.skuPage;
  const [warehouse, setWarehouse] = useState('');
  const [type, setType] = useState('');
  const warehouses = useWarehouses();
  const ledger = useQuery({
    queryKey: ['sku', props.sku, 'movements', warehouse],
    queryFn: () =>
      api.get('/v1/movements', {
        params: { query: { sku: props.sku, warehouse: warehouse || undefined, limit: 1000 } },
      }),
  });
  const items = (ledger.data?.items ?? []).filter((m) => !type || m.type === type).reverse();
  const types = [...new Set((ledger.data?.items ?? []).map((m) => m.type))].sort();
  return (
    <Card
      title={tx.movementHistory}
      actions={
        <div className="toolbar compact">
          <select
            aria-label={sp.byWarehouse}
            value={warehouse}
            onChange={(e) => setWarehouse(e.target.value)}
          >
            <option value="">{sp.allWarehouses}</option>
            {(warehouses.data ?? []).map((w) => (
              <option key={w.code} value={w.code}>
                {w.code}
              </option>
            ))}
          </select>
          <select aria-label={sp.byType} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{sp.allTypes}</option>
            {types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
      }
    >
      <QueryView query={ledger} what={sp.ledgerWhat}>
        {(page) =>
          items.length === 0 ? (
            <Empty title={sp.noMovements} />
          ) : (
            <div className="table-wrap scroll">
              <table className="table" data-testid="ledger">
                <thead>
                  <tr>
                    <th>{sp.when}</th>
                    <th>{sp.warehouse}</th>
                    <th>{sp.type}</th>
                    <th className="num">{sp.qty}</th>
                    <th className="num">ΔS</th>
                    <th>{sp.changes}</th>
                    <th>{sp.reasonOrder}</th>
                    <th>{sp.by}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((m) => (
                    <tr key={m.id}>
                      <td>{formatDateTime(m.at)}</td>
                      <td>{m.warehouse}</td>
                      <td>
                        <Badge>{m.type}</Badge>
                      </td>
                      <td className="num">{formatUnits(m.qty)}</td>
                      <td className="num">{formatDelta(sellableDelta(m.deltas))}</td>
                      <td className="small mono">
                        {Object.entries(m.deltas)
                          .filter(([, v]) => v !== 0)
                          .map(([k, v]) => `${k} ${formatDelta(v)}`)
                          .join(', ')}
                      </td>
                      <td className="small">
                        {[m.reason, m.orderId ? sp.order(m.orderId) : null, m.reference]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                      <td className="small">{m.actor}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {page.nextCursor ? <p className="muted small">{sp.firstThousand}</p> : null}
            </div>
          )
        }
      </QueryView>
    </Card>
  );
}

function Availability(props: { sku: string }) {
  const api = useApi();
  const tx = useI18n().t.sku;
  const sp = useI18n().t.skuPage;
  const regions = useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get('/v1/regions').then((r) => r.items),
    staleTime: 60_000,
  });
  const avail = useQuery({
    queryKey: ['sku', props.sku, 'availability', (regions.data ?? []).map((r) => r.code)],
    enabled: regions.isSuccess,
    queryFn: async () => {
      const list = regions.data && regions.data.length > 0 ? regions.data : [{ code: '', name: sp.anywhere }];
      return Promise.all(
        list.map(async (r) => ({
          region: r,
          answer: await api.get('/v1/availability/{sku}', {
            params: { path: { sku: props.sku }, query: { region: r.code || undefined } },
          }),
        })),
      );
    },
  });
  return (
    <Card title={tx.availability}>
      {regions.error ? <ErrorNote error={regions.error} /> : null}
      <QueryView query={avail} what={sp.availabilityWhat}>
        {(rows) => (
          <table className="table">
            <thead>
              <tr>
                <th>{sp.region}</th>
                <th className="num">{sp.sellable}</th>
                <th>{sp.fastestFrom}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ region, answer }) => (
                <tr key={region.code}>
                  <td>{region.name}</td>
                  <td className="num">
                    {answer.inStock ? (
                      formatUnits(answer.sellable)
                    ) : (
                      <Badge tone="bad">{sp.outOfStock}</Badge>
                    )}
                  </td>
                  <td className="small">
                    {answer.options
                      .slice(0, 3)
                      .map(
                        (o) =>
                          `${o.warehouse} ${formatUnits(o.sellable)}${o.deliveryDays !== null ? ` (${sp.days(formatUnits(o.deliveryDays))})` : ''}`,
                      )
                      .join(', ') || '–'}
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

function Waiting(props: { sku: string }) {
  const api = useApi();
  const tx = useI18n().t.sku;
  const sp = useI18n().t.skuPage;
  const waiting = useQuery({
    queryKey: ['sku', props.sku, 'waiting'],
    queryFn: () =>
      api.get('/v1/back-in-stock/waiting', { params: { query: { sku: props.sku } } }).then((w) => {
        // With `sku`, the answer is that SKU's count (without it, the list of every SKU).
        if (!('byRegion' in w)) throw new Error('GET /v1/back-in-stock/waiting?sku= answered a list');
        return w;
      }),
  });
  return (
    <Card title={tx.waiters}>
      <QueryView query={waiting} what={sp.subscribersWhat}>
        {(w) =>
          w.waiting === 0 ? (
            <Empty title={sp.nobodyWaiting} />
          ) : (
            <>
              <p className="big">{sp.waiting(formatUnits(w.waiting))}</p>
              <ul className="plain">
                {w.byRegion.map((r) => (
                  <li key={r.region ?? 'any'}>
                    {r.region ?? sp.anyRegion}: {formatUnits(r.waiting)}
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
