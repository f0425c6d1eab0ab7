import { useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { ErrorAlert, Notice } from '../components/Alert';
import { CodeForm } from '../components/CodeForm';
import { CredentialFields, type Credentials } from '../components/CredentialFields';
import { ProgressBar } from '../components/ProgressBar';
import { useSessionStore } from '../store/session';

/** Screen 1: sign in with this year's ENT account. */
export function SignIn() {
  const t = useT();
  const { busy, error, signIn, show } = useSessionStore();
  const [creds, setCreds] = useState<Credentials>({ login: '', password: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(creds.login.trim(), creds.password);
  };
  return (
    <main className="card narrow" aria-labelledby="signin-title">
      <h2 id="signin-title">{t('signin.title')}</h2>
      <p>{t('signin.intro')}</p>
      <form onSubmit={submit} className="form">
        <CredentialFields idPrefix="signin" value={creds} onChange={setCreds} />
        <button type="submit" disabled={busy || !creds.login || !creds.password}>
          {t('signin.submit')}
        </button>
      </form>
      {busy ? <ProgressBar label={t('signin.busy')} /> : null}
      <ErrorAlert error={error} />
      <ul className="links">
        <li>
          <button type="button" className="link" onClick={() => show('activate')}>
            {t('signin.activate')}
          </button>
        </li>
        <li>
          <button type="button" className="link" onClick={() => show('code')}>
            {t('signin.code')}
          </button>
        </li>
        <li>
          <button type="button" className="link" onClick={() => show('support')}>
            {t('signin.support')}
          </button>
        </li>
      </ul>
    </main>
  );
}

/** "J'ai reçu un code": choose a new password with the one-time code the ENT mailed. */
export function UseCode() {
  const t = useT();
  const { show } = useSessionStore();
  return (
    <main className="card narrow" aria-labelledby="code-title">
      <h2 id="code-title">{t('code.title')}</h2>
      <p>{t('code.intro')}</p>
      <CodeForm idPrefix="code" />
      <button type="button" className="secondary" onClick={() => show('signin')}>
        {t('common.back')}
      </button>
    </main>
  );
}

/** "Activer mon compte": the academic e-mail, with the rules next to the field. */
export function Activate() {
  const t = useT();
  const { busy, error, notice, activate, show } = useSessionStore();
  const [email, setEmail] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void activate(email.trim());
  };
  return (
    <main className="card narrow" aria-labelledby="activate-title">
      <h2 id="activate-title">{t('activate.title')}</h2>
      <p>{t('activate.intro')}</p>
      <form onSubmit={submit} className="form">
        <label htmlFor="activate-email">{t('activate.email')}</label>
        <input id="activate-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby="activate-rules" required />
        <ul id="activate-rules" className="rules">
          <li>{t('activate.rule.full')}</li>
          <li>{t('activate.rule.alias')}</li>
          <li>{t('activate.rule.school')}</li>
        </ul>
        <button type="submit" disabled={busy || !email}>
          {t('activate.submit')}
        </button>
      </form>
      {notice ? <Notice testId="activate-notice">{notice}</Notice> : null}
      <ErrorAlert error={error} />
      <p>
        <button type="button" className="link" onClick={() => show('code')}>
          {t('signin.code')}
        </button>
      </p>
      <p>
        {t('activate.substitute')}{' '}
        <button type="button" className="link" onClick={() => show('support')}>
          {t('signin.support')}
        </button>
      </p>
      <button type="button" className="secondary" onClick={() => show('signin')}>
        {t('common.back')}
      </button>
    </main>
  );
}

/** The substitute teacher who is not in the ENT asks for access. */
export function SupportRequest() {
  const t = useT();
  const { busy, error, notice, supportRequest, show } = useSessionStore();
  const [form, setForm] = useState({ nom: '', prenom: '', email: '', schoolUai: '', classe: '', message: '' });
  const field = (name: keyof typeof form) => ({
    id: `support-${name}`,
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const message = form.message.trim();
    void supportRequest({
      nom: form.nom.trim(),
      prenom: form.prenom.trim(),
      email: form.email.trim(),
      schoolUai: form.schoolUai.trim().toUpperCase(),
      classe: form.classe.trim(),
      ...(message ? { message } : {}),
    });
  };
  return (
    <main className="card narrow" aria-labelledby="support-title">
      <h2 id="support-title">{t('support.title')}</h2>
      <p>{t('support.intro')}</p>
      <form onSubmit={submit} className="form">
        <label htmlFor="support-prenom">{t('support.prenom')}</label>
        <input {...field('prenom')} autoComplete="given-name" required />
        <label htmlFor="support-nom">{t('support.nom')}</label>
        <input {...field('nom')} autoComplete="family-name" required />
        <label htmlFor="support-email">{t('activate.email')}</label>
        <input {...field('email')} type="email" autoComplete="email" aria-describedby="support-email-rule" required />
        <p id="support-email-rule" className="hint">{t('activate.rule.full')}</p>
        <label htmlFor="support-schoolUai">{t('support.uai')}</label>
        <input {...field('schoolUai')} pattern="[0-9]{7}[A-Za-z]" aria-describedby="support-uai-hint" required />
        <p id="support-uai-hint" className="hint">{t('support.uai.hint')}</p>
        <label htmlFor="support-classe">{t('support.classe')}</label>
        <input {...field('classe')} required />
        <label htmlFor="support-message">{t('support.message')}</label>
        <textarea {...field('message')} rows={3} maxLength={2000} />
        <button type="submit" disabled={busy}>
          {t('support.submit')}
        </button>
      </form>
      {notice ? <Notice testId="support-notice">{notice}</Notice> : null}
      <ErrorAlert error={error} />
      <button type="button" className="secondary" onClick={() => show('signin')}>
        {t('common.back')}
      </button>
    </main>
  );
}
