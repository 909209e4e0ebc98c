/**
 * Moving stock on the floor with a scanner: each scan is one more unit of that SKU on the list;
 * then the units move between two zones of the warehouse (one zone move per SKU, docs/zones.md)
 * or to another warehouse (one transfer with every line, shipped at once if asked).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { ActionDialog, Field, positiveInt } from '../components/ui.tsx';
import { WarehouseSelect, ZoneSelect } from '../components/code-selects.tsx';
import { ScanBox } from '../components/scan.tsx';
import { useI18n } from '../i18n.tsx';
import { ApiError } from '../lib/api.ts';
import { formatUnits } from '../lib/format.ts';
import { addOne, lineForCode } from '../lib/scan.ts';

interface Line {
  sku: string;
  qty: string;
  /** null while the catalogue is asked whether the scanned code is a SKU. */
  known: boolean | null;
}

type Done = { kind: 'zones'; text: string } | { kind: 'transfer'; text: string; transferId: string };

export function MovePage() {
  const api = useApi();
  const qc = useQueryClient();
  const { t } = useI18n();
  const m = t.moves;
  const [warehouse, setWarehouse] = useState('');
  const [mode, setMode] = useState<'zones' | 'warehouse'>('zones');
  const [fromZone, setFromZone] = useState('default');
  const [toZone, setToZone] = useState('');
  const [toWarehouse, setToWarehouse] = useState('');
  const [shipNow, setShipNow] = useState(true);
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [done, setDone] = useState<Done | null>(null);

  const setQty = (sku: string, qty: string) =>
    setLines((ls) => ls.map((l) => (l.sku === sku ? { ...l, qty } : l)));
  const checkSku = (sku: string) =>
    api
      .get('/v1/skus/{sku}', { params: { path: { sku } } })
      .then(() => true)
      .catch((err: unknown) => (err instanceof ApiError && err.code === 'unknown_sku' ? false : null))
      .then((known) => setLines((ls) => ls.map((l) => (l.sku === sku ? { ...l, known: known ?? true } : l))));
  const onCode = (code: string) => {
    setDone(null);
    const sku = lineForCode(
      code,
      lines.map((l) => l.sku),
    );
    if (sku) {
      const next = addOne(lines.find((l) => l.sku === sku)?.qty);
      setQty(sku, next);
      return m.scanned(sku, next);
    }
    setLines((ls) => [...ls, { sku: code, qty: '1', known: null }]);
    void checkSku(code);
    return m.scanned(code, '1');
  };

  const movable = lines.flatMap((l) => {
    const qty = positiveInt(l.qty);
    return qty !== null && l.known !== false ? [{ sku: l.sku, qty }] : [];
  });
  const what = movable.map((l) => `${formatUnits(l.qty)} × ${l.sku}`).join(', ');
  const units = formatUnits(movable.reduce((n, l) => n + l.qty, 0));
  const ready =
    warehouse !== '' &&
    movable.length > 0 &&
    lines.every((l) => l.known !== null) &&
    (mode === 'zones' ? toZone !== '' && toZone !== fromZone && reason.trim() !== '' : toWarehouse !== '');
  const summary = () => {
    if (!ready) return null;
    if (mode === 'zones') return m.zoneSummary(what, warehouse, fromZone, toZone, reason.trim());
    return shipNow
      ? m.shipSummary(what, warehouse, toWarehouse)
      : m.planSummary(what, warehouse, toWarehouse);
  };

  /** One zone move per SKU: each is its own request, so the lines moved leave the list as they go. */
  const moveBetweenZones = async (): Promise<Done> => {
    const movedNow: string[] = [];
    for (const line of movable) {
      try {
        await api.post('/v1/stock/{sku}/{warehouse}/zone-moves', {
          params: { path: { sku: line.sku, warehouse } },
          body: { from: fromZone, to: toZone, qty: line.qty, reason: reason.trim() },
        });
      } catch (err) {
        if (movedNow.length === 0 || !(err instanceof ApiError)) throw err;
        throw new ApiError(
          err.status,
          err.code,
          m.partly(movedNow.join(', '), line.sku, err.message),
          err.details,
        );
      } finally {
        void qc.invalidateQueries({ queryKey: ['sku', line.sku] });
      }
      movedNow.push(`${formatUnits(line.qty)} × ${line.sku}`);
      setLines((ls) => ls.filter((l) => l.sku !== line.sku));
    }
    return { kind: 'zones', text: m.movedZones(movedNow.join(', '), warehouse, fromZone, toZone) };
  };

  const transfer = async (): Promise<Done> => {
    const planned = await api.post('/v1/transfers', {
      body: { from: warehouse, to: toWarehouse, lines: movable, note: reason.trim() || undefined },
    });
    setLines([]);
    void qc.invalidateQueries({ queryKey: ['transfers'] });
    if (shipNow) {
      try {
        await api.post('/v1/transfers/{transferId}/ship', {
          params: { path: { transferId: planned.transferId } },
          body: {},
        });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        throw new ApiError(
          err.status,
          err.code,
          m.plannedNotShipped(planned.transferId, err.message),
          err.details,
        );
      }
    }
    return {
      kind: 'transfer',
      transferId: planned.transferId,
      text: (shipNow ? m.shipped : m.planned)(what, warehouse, toWarehouse, planned.transferId),
    };
  };

  return (
    <>
      <div className="page-head">
        <h1>{m.title}</h1>
      </div>
      <p className="muted">{m.intro}</p>
      <div className="toolbar move-form">
        <Field label={m.warehouse}>
          <WarehouseSelect
            value={warehouse}
            onChange={(w) => {
              setWarehouse(w);
              setFromZone('default');
              setToZone('');
            }}
            all={m.choose}
            label={m.warehouse}
          />
        </Field>
        <Field label={m.mode}>
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as typeof mode)}
            data-testid="move-mode"
          >
            <option value="zones">{m.betweenZones}</option>
            <option value="warehouse">{m.toWarehouse}</option>
          </select>
        </Field>
        {mode === 'zones' ? (
          <>
            <Field label={m.fromZone}>
              <ZoneSelect
                warehouse={warehouse}
                value={fromZone}
                onChange={setFromZone}
                defaultLabel={t.countZones.defaultZone}
                label={m.fromZone}
                testId="move-from-zone"
              />
            </Field>
            <Field label={m.toZone}>
              <ZoneSelect
                warehouse={warehouse}
                value={toZone}
                onChange={setToZone}
                whole={m.choose}
                defaultLabel={t.countZones.defaultZone}
                label={m.toZone}
                testId="move-to-zone"
              />
            </Field>
          </>
        ) : (
          <>
            <Field label={m.destination}>
              <WarehouseSelect
                value={toWarehouse}
                onChange={setToWarehouse}
                all={m.choose}
                label={m.destination}
              />
            </Field>
            <label className="check">
              <input type="checkbox" checked={shipNow} onChange={(e) => setShipNow(e.target.checked)} />
              {m.shipNow}
            </label>
          </>
        )}
        <Field label={mode === 'zones' ? m.reason : m.note}>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            data-testid="move-reason"
          />
        </Field>
      </div>
      <ScanBox onCode={onCode} />
      {lines.length === 0 ? (
        <p className="muted">{m.empty}</p>
      ) : (
        <ol className="count-lines move-lines" data-testid="move-lines">
          {lines.map((l) => (
            <li key={l.sku} data-testid={`move-line-${l.sku}`}>
              <label>
                <span className="mono sku">{l.sku}</span>
                <input
                  inputMode="numeric"
                  pattern="[0-9]*"
                  aria-label={m.unitsOf(l.sku)}
                  value={l.qty}
                  onChange={(e) => setQty(l.sku, e.target.value)}
                />
              </label>
              {l.known === false ? (
                <span className="neg small" role="alert">
                  {m.unknownSku(l.sku)}
                </span>
              ) : null}
              <button
                type="button"
                className="btn"
                aria-label={m.removeLine(l.sku)}
                onClick={() => setLines((ls) => ls.filter((x) => x.sku !== l.sku))}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="actions sticky">
        <ActionDialog
          variant="primary"
          testId="move-review"
          label={m.move(units)}
          title={m.title}
          disabled={!ready}
          summary={summary}
          onConfirm={() => (mode === 'zones' ? moveBetweenZones() : transfer())}
          onDone={setDone}
        />
      </div>
      {done ? (
        <p role="status" data-testid="move-done">
          {done.text} {done.kind === 'transfer' ? <Link to="/transfers">{m.seeTransfers}</Link> : null}
        </p>
      ) : null}
    </>
  );
}
