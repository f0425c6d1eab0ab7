import { useEffect } from 'react';
import { useLocale, useT } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { EntStatement } from '../components/EntStatement';
import { formatDateTime } from '../components/format';
import { useSchoolStore } from '../store/school';
import { ReceiptLinks } from './Receipt';

const FOLLOW_MS = 3_000;

/**
 * A school the ENT says is reconciled (or being merged) from another account, or whose batch lost to an earlier one
 * (409): who did it and when, the merge's progress, then the letters of the new pupils. Never the download form.
 */
export function Elsewhere() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { status, busy, error, notice, refreshEnt, loadLetters, clearError } = useSchoolStore();
  const ent = status?.ent ?? null;
  const running = ent !== null && (ent.status === 'accepted' || ent.status === 'running');
  const lost = status?.outbox?.lastError === 'conflict';
  // After a 409 the ENT's view is not known yet: ask once. While the other merge runs: follow it.
  useEffect(() => {
    if (ent === null) void refreshEnt();
  }, [ent, refreshEnt]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (useSchoolStore.getState().busy === null) void refreshEnt();
    }, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [running, refreshEnt]);
  return (
    <main className="card narrow" aria-labelledby="elsewhere-title">
      <h2 id="elsewhere-title">{running ? t('elsewhere.running.title') : t('review.conflict.title')}</h2>
      <div className={`alert ${lost ? 'alert-error' : 'alert-info'}`} role={lost ? 'alert' : 'status'} data-testid="conflict">
        {ent ? <EntStatement ent={ent} testId="ent-statement" /> : <p>{status?.outbox?.conflictMessage ?? t('review.conflict.text')}</p>}
      </div>
      <p>{lost ? t('review.conflict.next') : t('elsewhere.nothing')}</p>
      {/* The batch that lost: its receipt (state « refusé ») says what had been decided here. */}
      {lost ? <ReceiptLinks /> : null}
      <ErrorAlert error={error} onClose={clearError} />
      {notice === 'letters-forgotten' ? <Notice testId="letters-forgotten">{t('letters.forgotten')}</Notice> : null}
      {ent?.status === 'done' ? (
        <section className="section" aria-labelledby="elsewhere-letters">
          <h3 id="elsewhere-letters">{t('progress.letters.title')}</h3>
          {ent.credentialsAvailable ? (
            <>
              <p>{t('elsewhere.letters.text')}</p>
              <button type="button" onClick={() => void loadLetters()} disabled={busy !== null} data-testid="open-letters">
                {t('progress.letters.open')}
              </button>
            </>
          ) : (
            <p data-testid="letters-gone">{ent.credentialsReleasedAt ? t('elsewhere.letters.released', { when: formatDateTime(ent.credentialsReleasedAt, locale) }) : t('elsewhere.letters.gone')}</p>
          )}
        </section>
      ) : null}
      <div className="actions start">
        <button type="button" className="secondary" onClick={() => void refreshEnt()} disabled={busy !== null}>
          {t('elsewhere.refresh')}
        </button>
      </div>
    </main>
  );
}
