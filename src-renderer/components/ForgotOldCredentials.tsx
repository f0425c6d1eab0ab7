import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { Notice } from './Alert';

/**
 * « Je ne connais plus mes anciennes informations »: the academic e-mail sent to the ENT's request for last year's
 * credentials (the download step's and one's own old account's), what the ENT answered, then `children` (the
 * one-time code form where the step offers it). Ids and test ids start with `idPrefix`.
 */
export function ForgotOldCredentials({ idPrefix, busy, notice, onSend, children }: { idPrefix: string; busy: boolean; notice: string | null; onSend: (email: string) => void; children?: ReactNode }) {
  const t = useT();
  const [email, setEmail] = useState('');
  return (
    <details>
      <summary>{t('download.forgot')}</summary>
      <p>{t('download.forgot.text')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onSend(email.trim());
        }}
      >
        <label htmlFor={`${idPrefix}-email`}>{t('activate.email')}</label>
        <input id={`${idPrefix}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <button type="submit" className="secondary" disabled={busy || !email}>
          {t('download.forgot.submit')}
        </button>
      </form>
      {notice ? <Notice testId={`${idPrefix}-notice`}>{notice}</Notice> : null}
      {children}
    </details>
  );
}
