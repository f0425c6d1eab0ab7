import { useState } from 'react';
import { useT } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { useAppStore } from '../store/app';
import { stepForPhase, useSchoolStore } from '../store/school';
import { ReceiptLinks } from './Receipt';
import { portalSignInUrl } from '../../src-shared/portal';

/**
 * The credential letters: one page per pupil without an old account (school, class, name, login, password,
 * where to sign in — the ENT portal's sign-in page — and what to do there). Browser host: the print dialog
 * ("Enregistrer au format PDF" included); Electron: a PDF.
 */
export function Letters() {
  const t = useT();
  const { letters, status, schools, busy, error, savePdf, forgetLetters, go, clearError } = useSchoolStore();
  const host = useAppStore((s) => s.info?.host);
  const [saved, setSaved] = useState<string | null>(null);
  if (!letters) return null;
  // A school never downloaded on this computer is known to the core by its code only: the school list has its name.
  const schoolName = letters.schoolName === letters.uai ? (schools?.find((s) => s.uai === letters.uai)?.name ?? letters.schoolName) : letters.schoolName;
  const phase = status?.phase ?? 'merged';
  return (
    <main className="letters-screen" aria-labelledby="letters-title">
      <div className="card no-print">
        <h2 id="letters-title">{t('letters.title')}</h2>
        <p>{t('letters.intro', { n: letters.credentials.length })}</p>
        <ErrorAlert error={error} onClose={clearError} />
        {saved ? <Notice testId="pdf-saved">{t('letters.saved', { path: saved })}</Notice> : null}
        <div className="actions">
          <button type="button" className="secondary" onClick={() => go(stepForPhase(phase))}>
            {t('common.back')}
          </button>
          {host === 'electron' ? (
            <button type="button" onClick={() => void savePdf().then(setSaved)} disabled={busy !== null}>
              {t('letters.pdf')}
            </button>
          ) : (
            <button type="button" onClick={() => window.print()} data-testid="print">
              {t('letters.print')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => void forgetLetters()} disabled={busy !== null}>
            {t('letters.forget')}
          </button>
        </div>
        {letters.credentials.length === 0 ? <p>{t('letters.none')}</p> : null}
        {/* A school reconciled from elsewhere: the receipt of a batch the ENT refused is not what was applied. */}
        {phase !== 'reconciled-elsewhere' ? <ReceiptLinks /> : null}
      </div>
      {letters.credentials.map((c) => (
        <article key={c.pupilId} className="letter" aria-label={t('letters.letter.aria', { name: `${c.prenom} ${c.nom}` })} data-testid="letter">
          <header>
            <p className="letter-school">{schoolName}</p>
            <p>{t('letters.letter.class', { classe: c.classLabel })}</p>
          </header>
          <h3>{t('letters.letter.hello', { name: `${c.prenom} ${c.nom}` })}</h3>
          <p>{t('letters.letter.text')}</p>
          <p>{t('letters.letter.how')}</p>
          <dl className="credentials">
            <dt>{t('letters.letter.login')}</dt>
            <dd className="mono">{c.login}</dd>
            <dt>{t('letters.letter.password')}</dt>
            <dd className="mono">{c.password}</dd>
            <dt>{t('letters.letter.where')}</dt>
            <dd className="mono" data-testid="letter-url">{portalSignInUrl(letters.signInUrl)}</dd>
          </dl>
          <p className="muted">{t('letters.letter.keep')}</p>
        </article>
      ))}
    </main>
  );
}
