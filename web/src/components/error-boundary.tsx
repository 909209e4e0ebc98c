import { Component, type ErrorInfo, type ReactNode } from 'react';

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
    return (
      <div className="state state-error" role="alert" data-testid="page-error">
        <strong>This page failed to show</strong>
        <span>{this.state.error.message}</span>
        <span className="muted small">
          Nothing was changed. Reload the page, or pick another one from the menu.
        </span>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
