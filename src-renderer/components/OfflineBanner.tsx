import { useT } from '../i18n';
import { useAppStore } from '../store/app';

/** Shown on every screen while the ENT server does not answer: the work goes on, sending waits. */
export function OfflineBanner() {
  const t = useT();
  const offline = useAppStore((s) => s.offline);
  const checking = useAppStore((s) => s.checking);
  const checkServer = useAppStore((s) => s.checkServer);
  if (!offline) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>{t('offline.title')}</strong> {t('offline.text')}{' '}
      <button type="button" className="secondary small" onClick={() => void checkServer()} disabled={checking}>
        {t('offline.retry')}
      </button>
    </div>
  );
}
