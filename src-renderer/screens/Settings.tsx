import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { useAppStore } from '../store/app';
import { useSchoolStore } from '../store/school';
import { useSessionStore } from '../store/session';
import { useDiagnosticStore } from '../store/diagnostic';
import { ExportDiagnostic } from './support/Export';

/** Settings: the ENT server's address, what this installation is and where its logs are, and « Assistance » (diagnostic). */
export function Settings({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { info, error, setServer, checking } = useAppStore();
  const [url, setUrl] = useState(info?.server.url ?? '');
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (await setServer(url.trim())) {
      useSessionStore.getState().reset();
      useSchoolStore.getState().reset();
      setSaved(true);
    }
  };
  return (
    <main className="card narrow" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <form onSubmit={(e) => void submit(e)} className="form">
        <label htmlFor="settings-url">{t('settings.server')}</label>
        <input id="settings-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby="settings-hint" required />
        <p id="settings-hint" className="hint">{t('settings.hint')}</p>
        <button type="submit" disabled={checking || !url}>
          {t('settings.save')}
        </button>
      </form>
      {saved && info ? (
        <Notice testId="settings-saved">{info.server.reachable ? t('settings.saved.ok') : t('settings.saved.ko')}</Notice>
      ) : null}
      <ErrorAlert error={error} />
      {info ? (
        <dl>
          <dt>{t('server.url')}</dt>
          <dd data-testid="server-url">{info.server.url}</dd>
          <dt>{t('server.state')}</dt>
          <dd data-testid="server-state">
            {info.server.reachable ? t('server.reachable') : t('server.unreachable')}
            {info.server.reachable && info.server.latencyMs !== undefined ? ` — ${t('server.latency', { ms: info.server.latencyMs })}` : ''}
          </dd>
          {info.server.name ? (
            <>
              <dt>{t('server.name')}</dt>
              <dd data-testid="server-name">
                {info.server.name} {info.server.version ? `(${info.server.version})` : ''}
              </dd>
            </>
          ) : null}
          <dt>{t('info.version')}</dt>
          <dd data-testid="app-version">{info.version}</dd>
          <dt>{t('info.host')}</dt>
          <dd>{t(`info.host.${info.host}`)}</dd>
          <dt>{t('info.dataDir')}</dt>
          <dd data-testid="data-dir">{info.dataDir}</dd>
          <dt>{t('info.logsDir')}</dt>
          <dd data-testid="logs-dir">{info.logsDir ?? t('info.logsDir.none')}</dd>
        </dl>
      ) : null}
      <section className="section" aria-labelledby="assist-title">
        <h3 id="assist-title">{t('diag.title')}</h3>
        <p>{t('diag.intro')}</p>
        <ExportDiagnostic />
        <p className="hint" id="diag-support-hint">
          {t('diag.support.hint')}
        </p>
        <button
          type="button"
          className="secondary"
          aria-describedby="diag-support-hint"
          onClick={() => {
            void useDiagnosticStore.getState().enterSupport();
            onClose();
          }}
        >
          {t('diag.support')}
        </button>
      </section>
      <button type="button" className="secondary" onClick={onClose}>
        {t('common.back')}
      </button>
    </main>
  );
}
