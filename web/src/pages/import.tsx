/**
 * Import stock from a CSV file (POST /v1/stock/import, admin): choosing the file sends it as a
 * dry run, which lists every bad row by line or describes what the import will write; the
 * import itself is one request, all of it or nothing, safe to repeat.
 */
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../context.tsx';
import { Card, ErrorNote, Field, Stat } from '../components/ui.tsx';
import { WarehouseSelect } from '../components/code-selects.tsx';
import { useI18n } from '../i18n.tsx';
import type { Ok } from '../lib/api.ts';
import { formatUnits } from '../lib/format.ts';
import { csvProblems, uploadCsv } from '../lib/upload.ts';

type StockImportReport = Ok<'/v1/stock/import', 'post'>;

/** Where a request is: the file going up, then the server checking or writing it. */
type Busy = { dryRun: boolean; sent: number; total: number } | null;

export function ImportPage() {
  const { session } = useSession();
  const m = useI18n().t.imports;
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [warehouse, setWarehouse] = useState('');
  const [createWarehouses, setCreateWarehouses] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [preview, setPreview] = useState<StockImportReport | null>(null);
  const [imported, setImported] = useState<StockImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Only the latest request's answer is shown: a file or option changed meanwhile wins.
  const latest = useRef(0);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    const request = ++latest.current;
    setError(null);
    setBusy({ dryRun, sent: 0, total: file.size });
    try {
      const report = await uploadCsv(
        session.apiKey,
        '/v1/stock/import',
        file,
        (sent, total) => {
          if (latest.current === request) setBusy({ dryRun, sent, total });
        },
        { dryRun, warehouse: warehouse || undefined, createWarehouses, fileName: file.name.slice(0, 180) },
      );
      if (latest.current !== request) return;
      if (dryRun) setPreview(report);
      else {
        setImported(report);
        setPreview(null);
        await qc.invalidateQueries();
      }
    } catch (err) {
      if (latest.current !== request) return;
      setError(err);
      setPreview(null);
    } finally {
      if (latest.current === request) setBusy(null);
    }
  };

  // A new file or new options: check again what the import would do.
  useEffect(() => {
    setPreview(null);
    if (file) void send(true);
    // `send` reads these same values; it is not a dependency of its own.
  }, [file, warehouse, createWarehouses]);

  const problems = csvProblems(error);
  return (
    <>
      <div className="page-head">
        <h1>{m.title}</h1>
      </div>
      <Card>
        <p className="muted">{m.intro}</p>
        <div className="toolbar">
          <Field label={m.file}>
            <input
              type="file"
              accept=".csv,text/csv"
              data-testid="stock-import-file"
              onChange={(e) => {
                setImported(null);
                setFile(e.target.files?.[0] ?? null);
                // Emptied, so that choosing the same file again (fixed, or to import it twice) is a change.
                e.target.value = '';
              }}
            />
          </Field>
          <Field label={m.defaultWarehouse}>
            <WarehouseSelect value={warehouse} onChange={setWarehouse} all={m.noDefault} />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={createWarehouses}
              data-testid="create-warehouses"
              onChange={(e) => setCreateWarehouses(e.target.checked)}
            />
            {m.createWarehouses}
          </label>
        </div>
        {busy ? <Progress busy={busy} /> : null}
      </Card>
      {error ? (
        <Card>
          <div data-testid="import-errors">
            <ErrorNote error={error} />
            {problems.errors.length > 0 ? <BadRows problems={problems} /> : null}
          </div>
        </Card>
      ) : null}
      {preview && file ? (
        <Card>
          <p role="status" data-testid="import-ready">
            {m.ready(file.name, formatUnits(preview.rows))}
          </p>
          <Report report={preview} />
          <button
            type="button"
            className="btn btn-primary"
            data-testid="import-apply"
            disabled={busy !== null}
            onClick={() => void send(false)}
          >
            {preview.units > 0 ? m.apply(formatUnits(preview.units)) : m.applyCatalogue}
          </button>
        </Card>
      ) : null}
      {imported?.applied ? (
        <Card>
          <p role="status" data-testid="import-result">
            {m.imported(
              formatUnits(imported.applied.skusCreated),
              formatUnits(imported.applied.skusUpdated),
              formatUnits(imported.applied.units - imported.applied.replayedUnits),
              formatUnits(imported.applied.receipts - imported.applied.replayedReceipts),
            )}
          </p>
          {imported.applied.replayedReceipts > 0 ? (
            <p data-testid="import-replayed">
              {m.replayed(
                formatUnits(imported.applied.replayedReceipts),
                formatUnits(imported.applied.replayedUnits),
              )}
            </p>
          ) : null}
          <Report report={imported} />
        </Card>
      ) : null}
    </>
  );
}

function Progress(props: { busy: NonNullable<Busy> }) {
  const m = useI18n().t.imports;
  const { dryRun, sent, total } = props.busy;
  const uploading = sent < total;
  return (
    <p role="status" className="upload" data-testid="import-progress">
      {uploading ? m.uploading : dryRun ? m.checking : m.writing}{' '}
      {/* Once the file is up, the server's work has no measure: an indeterminate bar. */}
      <progress aria-label={m.progressLabel} value={uploading ? sent : undefined} max={total || 1} />
    </p>
  );
}

function BadRows(props: { problems: ReturnType<typeof csvProblems> }) {
  const m = useI18n().t.imports;
  const { errors, total } = props.problems;
  const rows = new Set(errors.map((e) => e.line)).size;
  return (
    <>
      <p>{m.badRows(formatUnits(rows))}</p>
      <table className="table" data-testid="bad-rows">
        <thead>
          <tr>
            <th scope="col">{m.colLine}</th>
            <th scope="col">{m.colProblem}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr key={`${e.line}:${e.message}`}>
              <td className="num">{e.line}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > errors.length ? <p className="muted">{m.more(formatUnits(total - errors.length))}</p> : null}
    </>
  );
}

function Report(props: { report: StockImportReport }) {
  const m = useI18n().t.imports;
  const r = props.report;
  return (
    <>
      <div className="stats">
        <Stat label={m.skusNew} value={formatUnits(r.skusNew)} testId="import-skus-new" />
        <Stat label={m.skusUpdated} value={formatUnits(r.skusUpdated)} testId="import-skus-updated" />
        <Stat label={m.units} value={formatUnits(r.units)} testId="import-units" />
      </div>
      {r.stock.length === 0 ? (
        <p className="muted">{m.noStock}</p>
      ) : (
        <table className="table" data-testid="import-stock">
          <thead>
            <tr>
              <th scope="col">{m.colWarehouse}</th>
              <th scope="col" className="num">
                {m.colSkus}
              </th>
              <th scope="col" className="num">
                {m.colUnits}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.stock.map((w) => (
              <tr key={w.warehouse}>
                <td>
                  {w.warehouse}{' '}
                  {w.created ? <span className="badge badge-warn">{m.newWarehouse}</span> : null}
                </td>
                <td className="num">{formatUnits(w.skus)}</td>
                <td className="num">{formatUnits(w.units)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
