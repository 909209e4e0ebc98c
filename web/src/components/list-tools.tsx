/** Selection, saved views and CSV export: the controls every actionable list shares. */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ErrorNote } from './ui.tsx';
import { useI18n } from '../i18n.tsx';
import { saveBlob } from '../lib/download.ts';
import { deleteView, loadViews, saveView, type SavedView } from '../lib/list-tools.ts';

/** Which rows are ticked, by key; a new filter keeps only the keys still shown. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return {
    selected,
    has: (k: string) => selected.has(k),
    toggle: (k: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(k);
        else next.delete(k);
        return next;
      }),
    setAll: (keys: readonly string[], on: boolean) => setSelected(on ? new Set(keys) : new Set()),
    clear: () => setSelected(new Set()),
    /** The ticked keys among those shown now. */
    among: (keys: readonly string[]) => keys.filter((k) => selected.has(k)),
  };
}

export function SelectAll(props: { keys: readonly string[]; selection: ReturnType<typeof useSelection> }) {
  const { t } = useI18n();
  const ticked = props.selection.among(props.keys).length;
  return (
    <input
      type="checkbox"
      aria-label={t.lists.selectAll}
      data-testid="select-all"
      checked={props.keys.length > 0 && ticked === props.keys.length}
      ref={(el) => {
        if (el) el.indeterminate = ticked > 0 && ticked < props.keys.length;
      }}
      onChange={(e) => props.selection.setAll(props.keys, e.target.checked)}
    />
  );
}

/** A button that builds the CSV (fetching every page if it must) and saves it. */
export function ExportCsv(props: { build: () => Promise<{ csv: string; fileName: string }> }) {
  const { t } = useI18n();
  const run = useMutation({
    mutationFn: async () => {
      const { csv, fileName } = await props.build();
      saveBlob(new Blob([csv], { type: 'text/csv' }), fileName);
    },
  });
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="export-csv"
        disabled={run.isPending}
        onClick={() => run.mutate()}
      >
        {run.isPending ? t.lists.preparing : t.lists.exportCsv}
      </button>
      {run.error ? <ErrorNote error={run.error} /> : null}
    </>
  );
}

/** Named filter sets for a list, kept in this browser. */
export function SavedViews(props: {
  list: string;
  current: Record<string, string>;
  onApply: (filters: Record<string, string>) => void;
}) {
  const m = useI18n().t.lists;
  const [views, setViews] = useState<SavedView[]>(() => loadViews(props.list));
  const [name, setName] = useState('');
  return (
    <div className="saved-views" role="group" aria-label={m.savedViews}>
      <select
        aria-label={m.applyView}
        data-testid="saved-views"
        value=""
        onChange={(e) => {
          const v = views.find((x) => x.name === e.target.value);
          if (v) props.onApply(v.filters);
        }}
      >
        <option value="">{views.length ? m.chooseView : m.noViews}</option>
        {views.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name}
          </option>
        ))}
      </select>
      <input
        aria-label={m.viewName}
        data-testid="view-name"
        placeholder={m.viewPlaceholder}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button
        type="button"
        className="btn"
        data-testid="save-view"
        disabled={!name.trim()}
        onClick={() => {
          setViews(saveView(props.list, { name, filters: props.current }));
          setName('');
        }}
      >
        {m.saveView}
      </button>
      {views.some((v) => v.name === name.trim()) ? (
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => setViews(deleteView(props.list, name.trim()))}
        >
          {m.deleteView}
        </button>
      ) : null}
    </div>
  );
}
