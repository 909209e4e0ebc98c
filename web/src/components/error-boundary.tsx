import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';

/**
 * A page that throws while rendering shows what went wrong instead of leaving the whole
 * dashboard blank; the menu stays usable, and moving to another page starts afresh (the
 * boundary is keyed by the path).
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('page failed to render', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <PageFailure message={this.state.error.message} />;
  }
}

/** The fallback's words, in the chosen language (a class component cannot read the hook). */
function PageFailure(props: { message: string }) {
  const m = useI18n().t.pageError;
  return (
    <div className="state state-error" role="alert" data-testid="page-error">
      <strong>{m.title}</strong>
      <span>{props.message}</span>
      <span className="muted small">{m.body}</span>
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        {m.reload}
      </button>
    </div>
  );
}
