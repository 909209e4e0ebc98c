/** One purchase order: its lines, receiving per line, closing and cancelling. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Badge, Card, Field, QueryView, positiveInt } from '../../components/ui.tsx';
import { formatDateTime, formatMoney, formatUnits } from '../../lib/format.ts';
import { PO_STATUS_TONE, isActive, poTotals, type PurchaseOrder } from '../../lib/replenishment.ts';
import { ScanBox } from '../../components/scan.tsx';
import { addOne, lineForCode } from '../../lib/scan.ts';
import { useI18n } from '../../i18n.tsx';

export function PurchaseOrderView(props: { poId: string }) {
  const api = useApi();
  const m = useI18n().t.po;
  const po = useQuery({
    queryKey: ['purchase-orders', 'one', props.poId],
    queryFn: () => api.get('/v1/purchase-orders/{poId}', { params: { path: { poId: props.poId } } }),
  });
  return (
    <>
      <nav className="crumbs" aria-label={m.breadcrumb}>
        <Link to="/purchasing">{m.purchasing}</Link> / <span className="mono">{props.poId}</span>
      </nav>
      <QueryView query={po} what={m.what}>
        {(o) => <PurchaseOrderDetail po={o} />}
      </QueryView>
    </>
  );
}

function PurchaseOrderDetail(props: { po: PurchaseOrder }) {
  const { po } = props;
  const t = poTotals(po);
  const m = useI18n().t.po;
  return (
    <>
      <header className="page-head">
        <h1>
          {m.title} <span className="mono">{po.poId}</span>{' '}
          <Badge tone={PO_STATUS_TONE[po.status]}>
            <span data-testid="po-status">{m.statusName[po.status]}</span>
          </Badge>
        </h1>
      </header>
      <Card title={m.order} actions={isActive(po) ? <PoActions po={po} /> : null}>
        <dl className="facts">
          <dt>{m.supplier}</dt>
          <dd>{po.supplier}</dd>
          <dt>{m.warehouse}</dt>
          <dd>{po.warehouse}</dd>
          <dt>{m.reference}</dt>
          <dd>{po.reference ?? '–'}</dd>
          <dt>{m.expected}</dt>
          <dd>{formatDateTime(po.expectedAt)}</dd>
          <dt>{m.created}</dt>
          <dd>{formatDateTime(po.createdAt)}</dd>
          <dt>{m.lastChange}</dt>
          <dd>{formatDateTime(po.updatedAt)}</dd>
          {po.closeReason ? (
            <>
              <dt>{m.closedBecause}</dt>
              <dd>{po.closeReason}</dd>
            </>
          ) : null}
          <dt>{m.units}</dt>
          <dd>
            {m.unitsLine(formatUnits(t.ordered), formatUnits(t.received), formatUnits(t.open))}
            {t.value !== null ? m.valueSuffix(formatMoney(t.value)) : ''}
          </dd>
        </dl>
        <div className="table-wrap">
          <table className="table" data-testid="po-lines">
            <thead>
              <tr>
                <th>{m.col.sku}</th>
                <th className="num">{m.col.ordered}</th>
                <th className="num">{m.col.received}</th>
                <th className="num" title={m.col.openTitle}>
                  {m.col.open}
                </th>
                <th className="num">{m.col.over}</th>
                <th className="num">{m.col.short}</th>
                <th className="num">{m.col.unitCost}</th>
              </tr>
            </thead>
            <tbody>
              {po.lines.map((l) => (
                <tr key={l.sku} data-testid={`po-line-${l.sku}`}>
                  <td>
                    <Link className="mono" to={`/skus/${encodeURIComponent(l.sku)}`}>
                      {l.sku}
                    </Link>
                  </td>
                  <td className="num">{formatUnits(l.ordered)}</td>
                  <td className="num" data-testid="received">
                    {formatUnits(l.received)}
                  </td>
                  <td className="num incoming" data-testid="open">
                    {formatUnits(l.open)}
                  </td>
                  <td className="num">{l.overReceived ? formatUnits(l.overReceived) : '–'}</td>
                  <td className={`num ${l.short ? 'neg' : ''}`}>{l.short ? formatUnits(l.short) : '–'}</td>
                  <td className="num">{formatMoney(l.unitCost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">{m.openNote}</p>
      </Card>
    </>
  );
}

function PoActions(props: { po: PurchaseOrder }) {
  const { po } = props;
  const api = useApi();
  const qc = useQueryClient();
  const [qty, setQty] = useState<Record<string, string>>({});
  const [inspect, setInspect] = useState<Record<string, boolean>>({});
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['purchase-orders'] });
    void qc.invalidateQueries({ queryKey: ['replenishment'] });
    for (const l of po.lines) void qc.invalidateQueries({ queryKey: ['sku', l.sku] });
  };
  const receiptLines = po.lines
    .map((l) => ({ sku: l.sku, qty: positiveInt(qty[l.sku] ?? ''), inspect: inspect[l.sku] ?? false }))
    .filter((l): l is { sku: string; qty: number; inspect: boolean } => l.qty !== null);
  const badQty = po.lines.some(
    (l) => (qty[l.sku] ?? '').trim() !== '' && positiveInt(qty[l.sku] ?? '') === null,
  );
  const nothingReceived = po.lines.every((l) => l.received === 0);
  const { t } = useI18n();
  const scanWords = t.scan;
  const m = t.po;
  return (
    <div className="actions">
      <ActionDialog
        testId="po-receive"
        variant="primary"
        label={m.receive}
        title={m.receiveTitle(po.poId)}
        onOpen={() => {
          setQty({});
          setInspect({});
          setReference('');
        }}
        summary={() =>
          receiptLines.length > 0 && !badQty
            ? m.receiptSummary(
                receiptLines.map((l) => m.receiptLine(formatUnits(l.qty), l.sku, l.inspect)).join(', '),
                po.warehouse,
                po.poId,
              ) +
              (receiptLines.some((l) => l.qty > (po.lines.find((x) => x.sku === l.sku)?.open ?? 0))
                ? m.overDelivery
                : '')
            : null
        }
        onConfirm={() =>
          api.post('/v1/purchase-orders/{poId}/receipts', {
            params: { path: { poId: po.poId } },
            body: {
              ...(reference ? { reference } : {}),
              lines: receiptLines.map((l) => ({
                sku: l.sku,
                qty: l.qty,
                ...(l.inspect ? { inspect: true } : {}),
              })),
            },
          })
        }
        onDone={refresh}
      >
        <ScanBox
          onCode={(code) => {
            const sku = lineForCode(
              code,
              po.lines.map((l) => l.sku),
            );
            if (!sku) return scanWords.unknown(code);
            const next = addOne(qty[sku]);
            setQty((q) => ({ ...q, [sku]: next }));
            return scanWords.received(sku, next);
          }}
        />
        <div className="table-wrap scroll dialog-lines">
          <table className="table line-inputs">
            <thead>
              <tr>
                <th>{m.col.sku}</th>
                <th className="num">{m.col.open}</th>
                <th>{m.col.receivedNow}</th>
                <th>{m.col.inspect}</th>
              </tr>
            </thead>
            <tbody>
              {po.lines.map((l) => (
                <tr key={l.sku}>
                  <td className="mono">{l.sku}</td>
                  <td className="num">{formatUnits(l.open)}</td>
                  <td>
                    <input
                      inputMode="numeric"
                      aria-label={m.unitsReceived(l.sku)}
                      value={qty[l.sku] ?? ''}
                      onChange={(e) => setQty((q) => ({ ...q, [l.sku]: e.target.value }))}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={m.holdForInspection(l.sku)}
                      checked={inspect[l.sku] ?? false}
                      onChange={(e) => setInspect((i) => ({ ...i, [l.sku]: e.target.checked }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {badQty ? <p className="neg small">{m.badQty}</p> : null}
        <Field label={m.deliveryNote}>
          <input value={reference} onChange={(e) => setReference(e.target.value)} />
        </Field>
      </ActionDialog>
      <ActionDialog
        testId="po-close"
        label={m.close}
        title={m.closeTitle(po.poId)}
        onOpen={() => setReason('')}
        summary={() => {
          const open = poTotals(po).open;
          return m.closeSummary(po.poId, open > 0 ? formatUnits(open) : null, reason);
        }}
        onConfirm={() =>
          api.post('/v1/purchase-orders/{poId}/close', {
            params: { path: { poId: po.poId } },
            body: reason ? { reason } : {},
          })
        }
        onDone={refresh}
      >
        <Field label={m.reason}>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={m.reasonPlaceholder}
          />
        </Field>
      </ActionDialog>
      {nothingReceived ? (
        <ActionDialog
          testId="po-cancel"
          variant="danger"
          label={m.cancel}
          title={m.cancelTitle(po.poId)}
          summary={() => m.cancelSummary(po.poId, formatUnits(poTotals(po).open))}
          onConfirm={() =>
            api.post('/v1/purchase-orders/{poId}/close', {
              params: { path: { poId: po.poId } },
              body: { cancel: true },
            })
          }
          onDone={refresh}
        />
      ) : null}
    </div>
  );
}
