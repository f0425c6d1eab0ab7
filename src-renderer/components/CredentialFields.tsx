import { useT } from '../i18n';

export interface Credentials {
  login: string;
  password: string;
}

/**
 * A login and a password, labelled. `old`: last year's account (never remembered by the browser), otherwise this
 * year's (the browser's password manager may fill it).
 */
export function CredentialFields({ idPrefix, value, onChange, old, disabled }: { idPrefix: string; value: Credentials; onChange: (next: Credentials) => void; old?: boolean; disabled?: boolean }) {
  const t = useT();
  return (
    <>
      <label htmlFor={`${idPrefix}-login`}>{old ? t('download.old.login') : t('signin.login')}</label>
      <input id={`${idPrefix}-login`} autoComplete={old ? 'off' : 'username'} value={value.login} onChange={(e) => onChange({ ...value, login: e.target.value })} disabled={disabled} required />
      <label htmlFor={`${idPrefix}-password`}>{old ? t('download.old.password') : t('signin.password')}</label>
      <input id={`${idPrefix}-password`} type="password" autoComplete={old ? 'off' : 'current-password'} value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} disabled={disabled} required />
    </>
  );
}
