import { useEffect } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../store/app';

export function Home() {
  const t = useT();
  const { info, error, checking, load, checkServer, listen } = useAppStore();

  useEffect(() => {
    void load();
    return listen();
  }, [load, listen]);

  if (error) return <p role="alert" className="error">{t('error.prefix')} : {error}</p>;
  if (!info) return <p aria-busy="true">{t('loading')}</p>;

  const server = info.server;
  return (
    <main className="home">
      <section aria-labelledby="server-heading" className="card">
        <h2 id="server-heading">{t('server.heading')}</h2>
        <dl>
          <dt>{t('server.url')}</dt>
          <dd data-testid="server-url">{server.url}</dd>
          {server.reachable ? (
            <>
              <dt>{t('server.name')}</dt>
              <dd data-testid="server-name">
                {server.name} {server.version ? `(${server.version})` : ''}
              </dd>
            </>
          ) : null}
        </dl>
        <p data-testid="server-state" className={server.reachable ? 'ok' : 'ko'} role="status">
          {server.reachable ? t('server.reachable') : t('server.unreachable')}
          {server.reachable && server.latencyMs !== undefined ? ` — ${t('server.latency', { ms: server.latencyMs })}` : ''}
        </p>
        <button type="button" onClick={() => void checkServer()} disabled={checking}>
          {t('server.check')}
        </button>
      </section>
      <section aria-labelledby="info-heading" className="card">
        <h2 id="info-heading">{t('info.heading')}</h2>
        <dl>
          <dt>{t('info.version')}</dt>
          <dd data-testid="app-version">{info.version}</dd>
          <dt>{t('info.host')}</dt>
          <dd>{t(`info.host.${info.host}`)}</dd>
          <dt>{t('info.dataDir')}</dt>
          <dd data-testid="data-dir">{info.dataDir}</dd>
        </dl>
      </section>
    </main>
  );
}
