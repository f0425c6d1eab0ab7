import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { useAppStore } from '../store/app';
import { useSchoolStore } from '../store/school';
import { useSessionStore } from '../store/session';

/** Settings: the ENT server's address, and what this installation is. */
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
        </dl>
      ) : null}
      <button type="button" className="secondary" onClick={onClose}>
        {t('common.back')}
      </button>
    </main>
  );
}
