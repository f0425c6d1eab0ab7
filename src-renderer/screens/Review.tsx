import { useEffect, useState, type FormEvent } from 'react';
import { foldCase } from '../../src-shared/domain/text';
import { useT } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { CredentialFields, type Credentials } from '../components/CredentialFields';
import { ProgressBar } from '../components/ProgressBar';
import { useAppStore } from '../store/app';
import { useSchoolStore } from '../store/school';

/** Compares what the director typed with the school's name, ignoring case, accents and extra spaces. */
export function sameName(typed: string, name: string): boolean {
  const norm = (s: string) => foldCase(s).replace(/\s+/g, ' ').trim();
  return norm(typed) !== '' && norm(typed) === norm(name);
}

function LegacyForm({ onSubmit, busy }: { onSubmit: (login: string, password: string) => void; busy: boolean }) {
  const t = useT();
  const [creds, setCreds] = useState<Credentials>({ login: '', password: '' });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(creds.login.trim(), creds.password);
      }}
    >
      <p>{t('review.legacy.text')}</p>
      <CredentialFields idPrefix="again" value={creds} onChange={setCreds} old />
      <button type="submit" disabled={busy || !creds.login || !creds.password}>
        {t('review.legacy.submit')}
      </button>
    </form>
  );
}

/** Screen 6: the summary and its warnings, then the explicit irreversible confirmation (typing the school's name). */
export function Review() {
  const t = useT();
  const { status, preview, error, notice, busy, progress, waitingForServer, needsLegacy, loadPreview, confirmAndSend, send, go, clearError } = useSchoolStore();
  const offline = useAppStore((s) => s.offline);
  const [typed, setTyped] = useState('');
  const phase = status?.phase;
  useEffect(() => {
    if (phase === 'pulled' || phase === 'confirmed' || phase === 'sending') void loadPreview();
  }, [phase, loadPreview]);
  // The frozen batch leaves by itself as soon as the server answers again.
  useEffect(() => {
    if (waitingForServer && !offline && busy === null) void send();
  }, [waitingForServer, offline, busy, send]);

  if (phase === 'reconciled-elsewhere') {
    return (
      <main className="card narrow" aria-labelledby="review-title">
        <h2 id="review-title">{t('review.conflict.title')}</h2>
        <div className="alert alert-error" role="alert" data-testid="conflict">
          <p>{status?.outbox?.conflictMessage ?? t('review.conflict.text')}</p>
        </div>
        <p>{t('review.conflict.next')}</p>
      </main>
    );
  }
  const summary = preview?.summary;
  const frozen = phase === 'confirmed' || phase === 'sending';
  const canConfirm = summary !== undefined && summary.valid && (preview?.problems.length ?? 0) === 0 && sameName(typed, summary.schoolName);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canConfirm) void confirmAndSend();
  };
  const c = summary?.counts;
  const push = progress.push;
  return (
    <main className="card" aria-labelledby="review-title">
      <h2 id="review-title">{t('review.title')}</h2>
      {notice === 'rebased' ? <Notice testId="rebased">{t('review.rebased')}</Notice> : null}
      {busy === 'preview' ? <ProgressBar label={t('review.loading')} /> : null}
      {summary && c ? (
        <section aria-labelledby="summary-title" className="section" data-testid="summary">
          <h3 id="summary-title">{t('review.summary', { school: summary.schoolName })}</h3>
          <ul className="summary">
            <li>{t('review.count.linked', { n: c.linked, total: c.newPupils })}</li>
            <li>{t('review.count.fresh', { n: c.newWithoutOld })}</li>
            <li>{t('review.count.leaving', { n: c.oldNotFollowing })}</li>
            {c.optedOut > 0 ? <li>{t('review.count.optedOut', { n: c.optedOut })}</li> : null}
            <li>{t('review.count.classes', { n: c.classesRecovered, skipped: c.classesSkipped })}</li>
            <li>{summary.schoolSpaceRecovered ? t('review.school.yes') : t('review.school.no')}</li>
          </ul>
          {summary.warnings.length > 0 ? (
            <div className="alert alert-warning" data-testid="warnings">
              <h4>{t('review.warnings')}</h4>
              <ul>
                {summary.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {(preview?.problems.length ?? 0) > 0 ? (
            <div className="alert alert-error" role="alert">
              <h4>{t('review.problems')}</h4>
              <ul>
                {preview?.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}
      {(preview?.flagged.length ?? 0) > 0 ? (
        <div className="alert alert-warning" data-testid="flagged">
          <h4>{t('review.flagged')}</h4>
          <ul>
            {preview?.flagged.map((f) => (
              <li key={f.seq}>{f.reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorAlert error={error} onClose={clearError} />
      {needsLegacy ? <LegacyForm busy={busy !== null} onSubmit={(login, password) => void send({ login, password })} /> : null}
      {frozen ? (
        <section className="section" aria-labelledby="queued-title">
          <h3 id="queued-title">{t('review.queued.title')}</h3>
          {waitingForServer || offline ? (
            <Notice testId="waiting-server">{t('review.queued.waiting')}</Notice>
          ) : null}
          {busy === 'send' ? <ProgressBar label={push?.label ?? t('review.sending')} done={push?.done} total={push?.total} testId="send-progress" /> : null}
          {busy === null && !waitingForServer && !needsLegacy ? (
            <button type="button" onClick={() => void send()}>
              {t('review.queued.retry')}
            </button>
          ) : null}
        </section>
      ) : (
        <form onSubmit={submit} className="form confirm-form">
          <p className="warning">
            <strong>{t('review.irreversible.title')}</strong> {t('review.irreversible.text')}
          </p>
          <label htmlFor="confirm-name">{t('review.type', { school: summary?.schoolName ?? '' })}</label>
          <input id="confirm-name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => go('pupils')}>
              {t('common.previous')}
            </button>
            <button type="submit" disabled={!canConfirm || busy !== null} data-testid="confirm">
              {t('review.confirm')}
            </button>
          </div>
        </form>
      )}
    </main>
  );
}
