import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { CredentialFields, type Credentials } from '../../components/CredentialFields';
import { ForgotOldCredentials } from '../../components/ForgotOldCredentials';
import { ProgressBar } from '../../components/ProgressBar';
import { useRolesStore } from '../../store/roles';

/**
 * Proving one's own old account: the same irreversible confirmation as the download step (its content will move,
 * « le retour en arrière ne sera pas possible »), the old login and password sent once, never kept. The page shows
 * the errors.
 */
export function ProveOldAccount() {
  const t = useT();
  const { busy, notice, prove, forgot } = useRolesStore();
  const [understood, setUnderstood] = useState(false);
  const [creds, setCreds] = useState<Credentials>({ login: '', password: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void prove(creds.login.trim(), creds.password);
  };
  return (
    <section aria-labelledby="prove-title" className="section">
      <h3 id="prove-title">{t('roles.prove.title')}</h3>
      <form onSubmit={submit} className="form">
        <fieldset>
          <legend>{t('download.old.legend')}</legend>
          <p className="warning" id="prove-irreversible">
            <strong>{t('download.irreversible.title')}</strong> {t('download.irreversible.text')}
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} aria-describedby="prove-irreversible" />
            {t('download.irreversible.check')}
          </label>
          <CredentialFields idPrefix="prove" value={creds} onChange={setCreds} old disabled={!understood} />
          <p className="hint">{t('download.old.hint')}</p>
        </fieldset>
        <button type="submit" disabled={!understood || !creds.login || !creds.password || busy !== null}>
          {t('roles.prove.submit')}
        </button>
      </form>
      {busy === 'prove' ? <ProgressBar label={t('roles.prove.busy')} /> : null}
      <ForgotOldCredentials idPrefix="prove-forgot" busy={busy !== null} notice={notice} onSend={(email) => void forgot(email)} />
    </section>
  );
}

/** The proven old account, and « Ce n'est pas mon ancien compte » while nothing has moved. */
export function ProvenAccount({ canChange }: { canChange: boolean }) {
  const t = useT();
  const { status, busy, forget } = useRolesStore();
  const proven = status?.proven;
  if (!proven) return null;
  return (
    <p className="proven" data-testid="proven">
      {t('roles.proven', { name: `${proven.oldAccount.prenom} ${proven.oldAccount.nom}`, login: proven.oldAccount.login })}{' '}
      {canChange ? (
        <button type="button" className="link" onClick={() => void forget()} disabled={busy !== null}>
          {t('roles.proven.other')}
        </button>
      ) : null}
    </p>
  );
}
