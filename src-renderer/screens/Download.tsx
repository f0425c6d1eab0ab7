import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { ErrorAlert } from '../components/Alert';
import { CodeForm } from '../components/CodeForm';
import { CredentialFields, type Credentials } from '../components/CredentialFields';
import { ForgotOldCredentials } from '../components/ForgotOldCredentials';
import { ProgressBar } from '../components/ProgressBar';
import { useSchoolStore } from '../store/school';

/**
 * Screen 3: download this year's list, then prove last year's account (irreversible: the old account's
 * content will be moved) to download last year's list and what each space holds.
 */
export function Download() {
  const t = useT();
  const { status, busy, error, notice, progress, pull, forgot } = useSchoolStore();
  const [understood, setUnderstood] = useState(false);
  const [creds, setCreds] = useState<Credentials>({ login: '', password: '' });
  const pulling = busy === 'pull';
  const p = progress.pull;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void pull({ login: creds.login.trim(), password: creds.password });
  };
  return (
    <main className="card narrow" aria-labelledby="download-title">
      <h2 id="download-title">{t('download.title', { school: status?.name ?? '' })}</h2>
      <p>{t('download.intro')}</p>
      {status?.legacyGrantValid ? (
        // Proven once for every school it covers (a referent's old account): no credentials to type again.
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void pull(null);
          }}
        >
          <p className="alert alert-info" data-testid="download-covered">
            {t('download.covered')}
          </p>
          <button type="submit" disabled={busy !== null}>
            {t('download.submit')}
          </button>
        </form>
      ) : (
        <form onSubmit={submit} className="form">
          <fieldset>
            <legend>{t('download.old.legend')}</legend>
            <p className="warning" id="download-irreversible">
              <strong>{t('download.irreversible.title')}</strong> {t('download.irreversible.text')}
            </p>
            <label className="checkbox">
              <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} aria-describedby="download-irreversible" />
              {t('download.irreversible.check')}
            </label>
            <CredentialFields idPrefix="old" value={creds} onChange={setCreds} old disabled={!understood} />
            <p className="hint">{t('download.old.hint')}</p>
          </fieldset>
          <button type="submit" disabled={!understood || !creds.login || !creds.password || busy !== null}>
            {t('download.submit')}
          </button>
        </form>
      )}
      {pulling ? <ProgressBar label={p?.label ?? t('download.busy')} done={p?.done} total={p?.total} testId="pull-progress" /> : null}
      <ErrorAlert error={error} />
      <ForgotOldCredentials idPrefix="forgot" busy={busy !== null} notice={notice} onSend={(email) => void forgot(email)}>
        <h3>{t('code.title')}</h3>
        <p>{t('download.forgot.code')}</p>
        <CodeForm idPrefix="forgot-code" />
      </ForgotOldCredentials>
    </main>
  );
}
