import { Component, type ReactNode } from 'react';
import { translate, useLocale } from '../i18n';

/** Never a blank screen: a rendering error shows a French message and a way back, not a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const locale = useLocale.getState().locale;
    return (
      <main className="card" role="alert">
        <h2>{translate(locale, 'crash.title')}</h2>
        <p>{translate(locale, 'crash.text')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {translate(locale, 'crash.reload')}
        </button>
      </main>
    );
  }
}
