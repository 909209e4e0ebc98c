/** One purchase order: its lines, receiving per line, closing and cancelling. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Badge, Card, Field, QueryView, positiveInt } from '../../components/ui.tsx';
import { formatDateTime, formatMoney, formatUnits } from '../../lib/format.ts';
import {
  PO_STATUS_LABEL,
  PO_STATUS_TONE,
  describeReceipt,
  isActive,
  poTotals,
  type PurchaseOrder,
} from '../../lib/replenishment.ts';
import { ScanBox } from '../../components/scan.tsx';
import { addOne, lineForCode } from '../../lib/scan.ts';
import { useI18n } from '../../i18n.tsx';

export function PurchaseOrderView(props: { poId: string }) {
  const api = useApi();
  const po = useQuery({
    queryKey: ['purchase-orders', 'one', props.poId],
    queryFn: () => api.get('/v1/purchase-orders/{poId}', { params: { path: { poId: props.poId } } }),
  });
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/purchasing">Purchasing</Link> / <span className="mono">{props.poId}</span>
      </nav>
      <QueryView query={po} what="the purchase order">
        {(o) => <PurchaseOrderDetail po={o} />}
      </QueryView>
    </>
  );
}

function PurchaseOrderDetail(props: { po: PurchaseOrder }) {
  const { po } = props;
  const t = poTotals(po);
  return (
    <>
      <header className="page-head">
        <h1>
          Purchase order <span className="mono">{po.poId}</span>{' '}
          <Badge tone={PO_STATUS_TONE[po.status]}>
            <span data-testid="po-status">{PO_STATUS_LABEL[po.status]}</span>
          </Badge>
        </h1>
      </header>
      <Card title="Order" actions={isActive(po) ? <PoActions po={po} /> : null}>
        <dl className="facts">
          <dt>Supplier</dt>
          <dd>{po.supplier}</dd>
          <dt>Warehouse</dt>
          <dd>{po.warehouse}</dd>
          <dt>Reference</dt>
          <dd>{po.reference ?? '–'}</dd>
          <dt>Expected</dt>
          <dd>{formatDateTime(po.expectedAt)}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(po.createdAt)}</dd>
          <dt>Last change</dt>
          <dd>{formatDateTime(po.updatedAt)}</dd>
          {po.closeReason ? (
            <>
              <dt>Closed because</dt>
              <dd>{po.closeReason}</dd>
            </>
          ) : null}
          <dt>Units</dt>
          <dd>
            {formatUnits(t.ordered)} ordered, {formatUnits(t.received)} received, {formatUnits(t.open)} still
            expected{t.value !== null ? ` · value ${formatMoney(t.value)}` : ''}
          </dd>
        </dl>
        <div className="table-wrap">
          <table className="table" data-testid="po-lines">
            <thead>
              <tr>
                <th>SKU</th>
                <th className="num">Ordered</th>
                <th className="num">Received</th>
                <th className="num" title="still expected: the position's incoming while the order is open">
                  Open
                </th>
                <th className="num">Over</th>
                <th className="num">Short</th>
                <th className="num">Unit cost</th>
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
        <p className="muted small">
          Open units are the warehouse’s incoming: counted in the replenishment position, never sellable until
          received. Receiving books them in as a receipt referencing this order.
        </p>
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
  const scanWords = useI18n().t.scan;
  return (
    <div className="actions">
      <ActionDialog
        testId="po-receive"
        variant="primary"
        label="Receive"
        title={`Receive against ${po.poId}`}
        onOpen={() => {
          setQty({});
          setInspect({});
          setReference('');
        }}
        summary={() =>
          receiptLines.length > 0 && !badQty
            ? describeReceipt(po, receiptLines) +
              (receiptLines.some((l) => l.qty > (po.lines.find((x) => x.sku === l.sku)?.open ?? 0))
                ? ' More than is open on a line is kept as an over-delivery.'
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
                <th>SKU</th>
                <th className="num">Open</th>
                <th>Received now</th>
                <th>Inspect</th>
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
                      aria-label={`Units of ${l.sku} received`}
                      value={qty[l.sku] ?? ''}
                      onChange={(e) => setQty((q) => ({ ...q, [l.sku]: e.target.value }))}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Hold ${l.sku} for inspection`}
                      checked={inspect[l.sku] ?? false}
                      onChange={(e) => setInspect((i) => ({ ...i, [l.sku]: e.target.checked }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {badQty ? (
          <p className="neg small">Quantities are whole numbers above 0 (leave a line empty to skip it).</p>
        ) : null}
        <Field label="Delivery note (optional)">
          <input value={reference} onChange={(e) => setReference(e.target.value)} />
        </Field>
      </ActionDialog>
      <ActionDialog
        testId="po-close"
        label="Close"
        title={`Close ${po.poId}`}
        onOpen={() => setReason('')}
        summary={() => {
          const open = poTotals(po).open;
          return `Close ${po.poId}: ${open > 0 ? `the ${formatUnits(open)} units not delivered are recorded as short and leave incoming` : 'nothing is outstanding'}${reason ? ` (${reason})` : ''}.`;
        }}
        onConfirm={() =>
          api.post('/v1/purchase-orders/{poId}/close', {
            params: { path: { poId: po.poId } },
            body: reason ? { reason } : {},
          })
        }
        onDone={refresh}
      >
        <Field label="Reason (optional)">
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="supplier out of stock"
          />
        </Field>
      </ActionDialog>
      {nothingReceived ? (
        <ActionDialog
          testId="po-cancel"
          variant="danger"
          label="Cancel order"
          title={`Cancel ${po.poId}`}
          summary={() =>
            `Cancel ${po.poId}: nothing was received; its ${formatUnits(poTotals(po).open)} units leave incoming.`
          }
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
