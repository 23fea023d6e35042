import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /**
   * A panel's name ("The graph", "The inspector"): a failure shows a short
   * alert in the panel's place and the rest of the page keeps working.
   * Without it, the whole page's fallback.
   */
  label?: string;
}

interface State {
  error: Error | null;
}

/** Keeps the page from going blank: a render error shows a message instead. (Error boundaries must be classes.) */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`Kube Playground: ${this.props.label ?? 'the page'} failed to draw`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const retry = (
      <button type="button" onClick={() => this.setState({ error: null })}>
        Try again
      </button>
    );
    if (this.props.label) {
      return (
        <div role="alert" className="banner banner-error panel-crash">
          <p>
            <strong>{this.props.label} failed to draw.</strong> {error.message.slice(0, 200)} The rest of the page still works.
          </p>
          {retry}
        </div>
      );
    }
    return (
      <main className="crash">
        <h1>Kube Playground</h1>
        <div role="alert" className="banner banner-error">
          <p>
            <strong>The page failed to draw.</strong> {error.message}
          </p>
          {retry}{' '}
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </main>
    );
  }
}
