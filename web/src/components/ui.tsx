import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../lib/api.ts';
import { useI18n } from '../i18n.tsx';

export function Loading(props: { what?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t.common.loading(props.what ?? '')}
    </div>
  );
}

export function Empty(props: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{props.title}</strong>
      {props.children ? <div>{props.children}</div> : null}
    </div>
  );
}

/** An error as the API said it: its message, and its stable code for support. */
export function ErrorNote(props: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  const e = props.error;
  const code = e instanceof ApiError ? e.code : undefined;
  // The network failure is the dashboard's own sentence (in the chosen language); an API
  // refusal keeps the server's message beside its code.
  const message = code === 'network_error' ? t.network.hint : e instanceof Error ? e.message : String(e);
  return (
    <div className="state state-error" role="alert">
      <strong>{code === 'network_error' ? t.common.cannotReach : t.common.refused}</strong>
      <span>{message}</span>
      {code && code !== 'network_error' ? <code className="code">{code}</code> : null}
      {props.retry ? (
        <button type="button" onClick={props.retry}>
          {t.common.tryAgain}
        </button>
      ) : null}
    </div>
  );
}

/** Renders a query's loading and error states, and its data when there is some. */
export function QueryView<T>(props: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  what?: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.isPending) return <Loading what={props.what} />;
  if (query.error) return <ErrorNote error={query.error} retry={() => void query.refetch()} />;
  if (query.data === undefined) return <Loading what={props.what} />;
  return <>{props.children(query.data)}</>;
}

/**
 * A listing fetched by a query: loading and refusals as QueryView shows them, the `empty` state
 * when there is nothing, else a table with the `head` cells and one `row` an item (a `<tr>`
 * with its key).
 */
export function QueryTable<T>(props: {
  query: { isPending: boolean; error: unknown; data: readonly T[] | undefined; refetch: () => unknown };
  what: string;
  empty: string;
  head: ReactNode;
  row: (item: T) => ReactNode;
}) {
  return (
    <QueryView query={props.query} what={props.what}>
      {(items) =>
        items.length === 0 ? (
          <Empty title={props.empty} />
        ) : (
          <table className="table">
            <thead>
              <tr>{props.head}</tr>
            </thead>
            <tbody>{items.map(props.row)}</tbody>
          </table>
        )
      }
    </QueryView>
  );
}

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card ${props.className ?? ''}`}>
      {props.title || props.actions ? (
        <header className="card-head">
          {props.title ? <h2>{props.title}</h2> : <span />}
          {props.actions ? <div className="card-actions">{props.actions}</div> : null}
        </header>
      ) : null}
      {props.children}
    </section>
  );
}

export function Stat(props: {
  label: string;
  value: string;
  hint?: string;
  tone?: 'warn' | 'bad' | 'good';
  testId?: string;
}) {
  return (
    <div className={`stat ${props.tone ? `stat-${props.tone}` : ''}`} data-testid={props.testId}>
      <div className="stat-label">{props.label}</div>
      <div className="stat-value">{props.value}</div>
      {props.hint ? <div className="stat-hint">{props.hint}</div> : null}
    </div>
  );
}

export function Badge(props: { children: ReactNode; tone?: string }) {
  return <span className={`badge badge-${props.tone ?? 'plain'}`}>{props.children}</span>;
}

/**
 * A form in a modal dialog with a confirmation step: the user fills it, reviews the sentence
 * saying what will happen, confirms; a refusal from the API is shown in the dialog.
 */
export function ActionDialog<T>(props: {
  label: string;
  title: string;
  /** What will happen, in words, from the current form values; null while the form is incomplete. */
  summary: () => string | null;
  onConfirm: () => Promise<T>;
  children?: ReactNode;
  disabled?: boolean;
  variant?: 'primary' | 'plain' | 'danger';
  /** Called with the API's answer (typed by the call onConfirm makes). */
  onDone?: (result: T) => void;
  /** Called as the dialog opens: forms shared between dialogs start empty. */
  onOpen?: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();
  // A dialog with nothing to fill in goes straight to the sentence to confirm.
  const firstStep = props.children ? 'edit' : 'confirm';
  const open = () => {
    setStep(firstStep);
    setError(null);
    setDone(null);
    props.onOpen?.();
    ref.current?.showModal();
  };
  const close = () => ref.current?.close();
  const review = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (props.summary() !== null) setStep('confirm');
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await props.onConfirm();
      setDone(props.summary());
      props.onDone?.(result);
      close();
    } catch (err) {
      setError(err);
      setStep(firstStep);
    } finally {
      setBusy(false);
    }
  };
  const summary = props.summary();
  return (
    <>
      <button
        type="button"
        className={`btn btn-${props.variant ?? 'plain'}`}
        onClick={open}
        disabled={props.disabled}
        data-testid={props.testId}
      >
        {props.label}
      </button>
      {done ? (
        <span className="sr-only" role="status">
          {t.common.done} {done}
        </span>
      ) : null}
      <dialog ref={ref} className="dialog" aria-labelledby={titleId}>
        <form onSubmit={review} method="dialog">
          <h2 id={titleId}>{props.title}</h2>
          {step === 'edit' ? (
            <div className="dialog-body">{props.children}</div>
          ) : (
            <p className="confirm-text" data-testid="confirm-text">
              {summary}
            </p>
          )}
          {error ? <ErrorNote error={error} /> : null}
          <div className="dialog-actions">
            <button
              type="button"
              className="btn"
              onClick={step === 'confirm' ? () => setStep('edit') : close}
            >
              {step === 'confirm' ? t.common.back : t.common.cancel}
            </button>
            {step === 'edit' ? (
              <button type="submit" className="btn btn-primary" disabled={summary === null}>
                {t.common.review}
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => void confirm()}
                disabled={busy}
                autoFocus
              >
                {busy ? t.common.working : t.common.confirm}
              </button>
            )}
          </div>
        </form>
      </dialog>
    </>
  );
}

export function Field(props: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint ? <span className="field-hint">{props.hint}</span> : null}
    </label>
  );
}

/** A value that settles: for search boxes, so typing does not send a request per key. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** A positive whole number from a text box, or null. */
export function positiveInt(text: string): number | null {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) && n > 0 ? n : null;
}
export function nonNegativeInt(text: string): number | null {
  const n = Number(text);
  return /^\d+$/.test(text.trim()) ? n : null;
}
export function signedInt(text: string): number | null {
  const n = Number(text);
  return /^[+-]?\d+$/.test(text.trim()) && n !== 0 ? n : null;
}

/** The place of a chart while its code loads (charts are a chunk of their own), at its height. */
export function ChartLoading(props: { height: number }) {
  const { t } = useI18n();
  return (
    <div className="chart chart-loading" style={{ minHeight: props.height }}>
      <Loading what={t.common.theChart} />
    </div>
  );
}
