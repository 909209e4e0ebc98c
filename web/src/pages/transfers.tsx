import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { ActionDialog, Badge, Empty, Field, QueryView } from '../components/ui.tsx';
import { formatDateTime, formatUnits } from '../lib/format.ts';
import { parseLines } from '../lib/lines.ts';
import {
  receiveLines,
  receiveRows,
  shipLines,
  type ReceiveRow,
  type ShipRow,
} from '../lib/transfer-forms.ts';
import { useWarehouses } from './skus.tsx';
import type { Ok } from '../lib/api.ts';
import { useI18n } from '../i18n.tsx';

export type Transfer = Ok<'/v1/transfers', 'get'>['items'][number];

const COLUMNS = [
  { title: 'Planned', statuses: ['planned'] },
  { title: 'In transit', statuses: ['partially_shipped', 'in_transit'] },
  { title: 'Received', statuses: ['received'] },
] as const;

export function TransfersPage() {
  const api = useApi();
  const qc = useQueryClient();
  const warehouses = useWarehouses();
  const transfers = useQuery({
    queryKey: ['transfers'],
    queryFn: async () => {
      const statuses = COLUMNS.flatMap((c) => c.statuses);
      const pages = await Promise.all(
        statuses.map((status) => api.get('/v1/transfers', { params: { query: { status, limit: 200 } } })),
      );
      return pages.flatMap((p) => p.items);
    },
  });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const { t: words } = useI18n();
  const parsed = parseLines(text, words.qtyLines);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['transfers'] });
  const m = words.transfers;
  const td = words.transferDialogs;
  const whSelect = (label: string, value: string, set: (v: string) => void) => (
    <Field label={label}>
      <select value={value} onChange={(e) => set(e.target.value)} required>
        <option value="">{td.choose}</option>
        {(warehouses.data ?? []).map((w) => (
          <option key={w.code} value={w.code}>
            {w.code} – {w.name}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <>
      <div className="page-head row">
        <h1>{m.title}</h1>
        <ActionDialog
          variant="primary"
          label={m.plan}
          title={td.planTitle}
          testId="action-plan-transfer"
          onOpen={() => {
            setText('');
            setNote('');
          }}
          summary={() =>
            from && to && from !== to && parsed.lines.length > 0 && parsed.errors.length === 0
              ? td.planSummary(
                  parsed.lines.map((l) => `${formatUnits(l.qty)} × ${l.sku}`).join(', '),
                  from,
                  to,
                )
              : null
          }
          onConfirm={() =>
            api.post('/v1/transfers', { body: { from, to, lines: parsed.lines, ...(note ? { note } : {}) } })
          }
          onDone={refresh}
        >
          {whSelect(td.from, from, setFrom)}
          {whSelect(td.to, to, setTo)}
          <Field label={td.lines} hint={td.linesHint}>
            <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
          </Field>
          {parsed.errors.length > 0 ? <p className="neg small">{parsed.errors.join('; ')}</p> : null}
          {from && from === to ? <p className="neg small">{td.twoWarehouses}</p> : null}
          <Field label={td.note}>
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </ActionDialog>
      </div>
      <QueryView query={transfers} what={m.what}>
        {(all) => (
          <div className="board">
            {COLUMNS.map((c) => {
              const items = all.filter((t) => (c.statuses as readonly string[]).includes(t.status));
              return (
                <section key={c.title} className="board-col" aria-label={m.columns[c.title] ?? c.title}>
                  <h2>
                    {m.columns[c.title] ?? c.title} <span className="muted">{formatUnits(items.length)}</span>
                  </h2>
                  {items.length === 0 ? <Empty title={m.none} /> : null}
                  {items.map((t) => (
                    <article key={t.transferId} className="card ticket">
                      <header>
                        <strong className="mono">{t.transferId}</strong>{' '}
                        <Badge>{t.status.replace('_', ' ')}</Badge>
                      </header>
                      <p>
                        {t.from} → {t.to} · {formatDateTime(t.createdAt)}
                      </p>
                      {t.note ? <p className="muted small">{t.note}</p> : null}
                      <ul className="plain small">
                        {t.lines.map((l) => (
                          <li key={l.sku}>
                            <span className="mono">{l.sku}</span>:{' '}
                            {m.line(formatUnits(l.planned), formatUnits(l.shipped))}
                            {l.received + l.damaged + l.lost > 0 ? m.received(formatUnits(l.received)) : ''}
                            {l.damaged ? m.damaged(formatUnits(l.damaged)) : ''}
                            {l.lost ? m.lost(formatUnits(l.lost)) : ''}
                          </li>
                        ))}
                      </ul>
                      <TransferActions transfer={t} onDone={refresh} />
                    </article>
                  ))}
                </section>
              );
            })}
          </div>
        )}
      </QueryView>
    </>
  );
}

/** Ship (all or chosen lines), cancel the unshipped rest, receive with a split per line. */
export function TransferActions(props: { transfer: Transfer; onDone: () => void }) {
  const { transfer: t, onDone: refresh } = props;
  const api = useApi();
  const openLines = t.lines.filter((l) => l.open > 0);
  const [ship, setShip] = useState<ShipRow[]>([]);
  const [recv, setRecv] = useState<ReceiveRow[]>([]);
  const { t: words } = useI18n();
  const shipped = shipLines(ship, words.transferForms);
  const received = receiveLines(recv, words.transferForms);
  const setShipQty = (i: number, qty: string) =>
    setShip((rows) => rows.map((r, j) => (j === i ? { ...r, qty } : r)));
  const setRecvField = (i: number, k: 'received' | 'damaged' | 'lost' | 'lossReason', v: string) =>
    setRecv((rows) => rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const td = words.transferDialogs;
  const all =
    shipped.lines.length === openLines.length && shipped.lines.every((l, i) => l.qty === openLines[i]?.open);
  return (
    <div className="actions">
      {openLines.length > 0 ? (
        <>
          <ActionDialog
            label={td.ship}
            title={td.shipTitle(t.transferId)}
            testId="action-ship-transfer"
            onOpen={() => setShip(openLines.map((l) => ({ sku: l.sku, open: l.open, qty: String(l.open) })))}
            summary={() =>
              shipped.errors.length === 0
                ? td.shipSummary(
                    all,
                    shipped.lines.map((l) => `${formatUnits(l.qty)} × ${l.sku}`).join(', '),
                    t.from,
                  )
                : null
            }
            onConfirm={() =>
              api.post('/v1/transfers/{transferId}/ship', {
                params: { path: { transferId: t.transferId } },
                body: { lines: shipped.lines },
              })
            }
            onDone={refresh}
          >
            <div className="table-wrap scroll dialog-lines">
              <table className="table line-inputs split">
                <thead>
                  <tr>
                    <th>{td.sku}</th>
                    <th className="num">{td.plannedNotShipped}</th>
                    <th className="num">{td.shipNow}</th>
                  </tr>
                </thead>
                <tbody>
                  {ship.map((r, i) => (
                    <tr key={r.sku}>
                      <td className="mono">{r.sku}</td>
                      <td className="num">{formatUnits(r.open)}</td>
                      <td className="num">
                        <input
                          aria-label={td.unitsToShip(r.sku)}
                          inputMode="numeric"
                          size={6}
                          value={r.qty}
                          onChange={(e) => setShipQty(i, e.target.value)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {shipped.errors.length > 0 ? <p className="neg small">{shipped.errors.join('; ')}</p> : null}
          </ActionDialog>
          <ActionDialog
            variant="danger"
            label={td.cancel}
            title={td.cancelTitle(t.transferId)}
            summary={() => td.cancelSummary(t.transferId, t.from)}
            onConfirm={() =>
              api.post('/v1/transfers/{transferId}/cancel', {
                params: { path: { transferId: t.transferId } },
              })
            }
            onDone={refresh}
          />
        </>
      ) : null}
      {t.lines.some((l) => l.inTransit > 0) ? (
        <ActionDialog
          label={td.receive}
          title={td.receiveTitle(t.transferId, t.to)}
          testId="action-receive-transfer"
          onOpen={() => setRecv(receiveRows(t.lines))}
          summary={() =>
            received.errors.length === 0
              ? td.receiveSummary(
                  t.to,
                  received.lines
                    .map((l) =>
                      [
                        td.good(formatUnits(l.received), l.sku),
                        l.damaged ? td.damaged(formatUnits(l.damaged)) : null,
                        l.lost ? td.lost(formatUnits(l.lost), l.lossReason ?? '') : null,
                      ]
                        .filter(Boolean)
                        .join(', '),
                    )
                    .join('; '),
                  received.remaining.length
                    ? received.remaining.map((r) => `${formatUnits(r.qty)} × ${r.sku}`).join(', ')
                    : null,
                )
              : null
          }
          onConfirm={() =>
            api.post('/v1/transfers/{transferId}/receive', {
              params: { path: { transferId: t.transferId } },
              body: { lines: received.lines },
            })
          }
          onDone={refresh}
        >
          <p className="muted small">{td.receiveNote}</p>
          <div className="table-wrap scroll dialog-lines">
            <table className="table line-inputs split">
              <thead>
                <tr>
                  <th>{td.sku}</th>
                  <th className="num">{td.inTransit}</th>
                  <th className="num">{td.colGood}</th>
                  <th className="num">{td.colDamaged}</th>
                  <th className="num">{td.colLost}</th>
                  <th>{td.lossReason}</th>
                </tr>
              </thead>
              <tbody>
                {recv.map((r, i) => (
                  <tr key={r.sku}>
                    <td className="mono">{r.sku}</td>
                    <td className="num">{formatUnits(r.inTransit)}</td>
                    {(['received', 'damaged', 'lost'] as const).map((k) => (
                      <td key={k} className="num">
                        <input
                          aria-label={td.unitsOf(k, r.sku)}
                          inputMode="numeric"
                          size={5}
                          value={r[k]}
                          onChange={(e) => setRecvField(i, k, e.target.value)}
                        />
                      </td>
                    ))}
                    <td>
                      <input
                        aria-label={td.lossReasonFor(r.sku)}
                        value={r.lossReason}
                        onChange={(e) => setRecvField(i, 'lossReason', e.target.value)}
                        className="reason"
                        placeholder={Number(r.lost) > 0 ? td.lossPlaceholder : ''}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {received.errors.length > 0 ? (
            <p className="neg small" data-testid="receive-errors">
              {received.errors.join('; ')}
            </p>
          ) : null}
        </ActionDialog>
      ) : null}
    </div>
  );
}
