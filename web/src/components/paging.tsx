import { useState } from 'react';
import { formatUnits } from '../lib/format.ts';
import { useI18n } from '../i18n.tsx';

/** Cursor paging: the cursors of the pages seen so far, so "Previous" goes back. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  return {
    cursor: cursors[page],
    page,
    next: (c: string) => setCursors((cs) => [...cs, c]),
    prev: () => setCursors((cs) => (cs.length > 1 ? cs.slice(0, -1) : cs)),
    reset: () => setCursors([undefined]),
  };
}

/** "Previous" and "Next" under a cursor-paged list: the pages seen so far and the page shown. */
export function Pager(props: {
  pages: ReturnType<typeof useCursorPages>;
  page: { items: readonly unknown[]; nextCursor: string | null };
}) {
  const { pages, page } = props;
  const m = useI18n().t.pager;
  const next = page.nextCursor;
  return (
    <div className="pager" role="group" aria-label={m.pages}>
      <span>{m.shown(formatUnits(pages.page + 1), formatUnits(page.items.length))}</span>
      <button type="button" className="btn" disabled={pages.page === 0} onClick={pages.prev}>
        {m.previous}
      </button>
      <button
        type="button"
        className="btn"
        disabled={next === null}
        onClick={() => next !== null && pages.next(next)}
      >
        {m.next}
      </button>
    </div>
  );
}

/**
 * Whether a cursor-paged list's earlier query (keyed `[scope, 'list', filter, cursor]`) had this
 * filter. The earlier rows may stand in while the next page of the same filter loads, never for
 * another filter: a list filtered by warehouse and supplier would otherwise show, and let one
 * select and order, rows of other warehouses until the server answered.
 */
export function sameFilter(previousKey: readonly unknown[] | undefined, filter: unknown): boolean {
  return previousKey !== undefined && JSON.stringify(previousKey[2]) === JSON.stringify(filter);
}
