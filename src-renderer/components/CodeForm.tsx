import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { ErrorAlert, Notice } from './Alert';
import { useSessionStore } from '../store/session';

const MIN_LENGTH = 8;

/**
 * "J'ai reçu un code": the one-time code mailed by the ENT (activation of an account in use, forgotten old
 * credentials) and the new password, typed twice. The password changes only now, with the code.
 */
export function CodeForm({ idPrefix }: { idPrefix: string }) {
  const t = useT();
  const { busy, error, notice, redeemCode } = useSessionStore();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again.length > 0 && again !== password;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch || password.length < MIN_LENGTH) return;
    void redeemCode(code.trim(), password).then((ok) => {
      if (ok) {
        setPassword('');
        setAgain('');
      }
    });
  };
  return (
    <>
      <form onSubmit={submit} className="form" aria-label={t('code.title')}>
        <label htmlFor={`${idPrefix}-code`}>{t('code.code')}</label>
        <input id={`${idPrefix}-code`} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} aria-describedby={`${idPrefix}-code-hint`} required />
        <p id={`${idPrefix}-code-hint`} className="hint">{t('code.code.hint')}</p>
        <label htmlFor={`${idPrefix}-new`}>{t('code.password')}</label>
        <input id={`${idPrefix}-new`} type="password" autoComplete="new-password" minLength={MIN_LENGTH} value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${idPrefix}-new-hint`} required />
        <p id={`${idPrefix}-new-hint`} className="hint">{t('code.password.hint')}</p>
        <label htmlFor={`${idPrefix}-again`}>{t('code.again')}</label>
        <input id={`${idPrefix}-again`} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch} required />
        {mismatch ? <p className="hint" role="alert">{t('code.mismatch')}</p> : null}
        <button type="submit" disabled={busy || !code || password.length < MIN_LENGTH || again !== password}>
          {t('code.submit')}
        </button>
      </form>
      {notice ? <Notice testId={`${idPrefix}-notice`}>{notice}</Notice> : null}
      <ErrorAlert error={error} />
    </>
  );
}
