import { useEffect, useState } from 'react';
import { useLocale, useT, type Locale, type MessageKey } from './i18n';
import { ErrorBoundary } from './components/ErrorBoundary';
import { OfflineBanner } from './components/OfflineBanner';
import { ProgressBar } from './components/ProgressBar';
import { Download } from './screens/Download';
import { Elsewhere } from './screens/Elsewhere';
import { Letters } from './screens/Letters';
import { Progress } from './screens/Progress';
import { Pupils } from './screens/pupils/Pupils';
import { Receipt } from './screens/Receipt';
import { managesMany, Referent } from './screens/referent/Referent';
import { Review } from './screens/Review';
import { RoleHome } from './screens/roles/RoleHome';
import { Schools } from './screens/Schools';
import { Settings } from './screens/Settings';
import { Activate, SignIn, SupportRequest, UseCode } from './screens/SignIn';
import { Spaces } from './screens/Spaces';
import { Support } from './screens/support/Support';
import { useDiagnosticStore } from './store/diagnostic';
import { useAppStore } from './store/app';
import { stepForPhase, useSchoolStore } from './store/school';
import { stepReachable, type SchoolStep } from '../src-shared/domain/school-lifecycle';
import { useSessionStore } from './store/session';
import { useRolesStore } from './store/roles';

const FLOW: SchoolStep[] = ['download', 'spaces', 'pupils', 'review', 'progress'];

function Stepper() {
  const t = useT();
  const { step, status, workspace, go, schools, reset, loadSchools } = useSchoolStore();
  // A school never downloaded here is known to the core by its code only: the school list has its name.
  const name = status && status.name === status.uai ? (schools?.find((s) => s.uai === status.uai)?.name ?? status.name) : status?.name;
  const elsewhere = status?.phase === 'reconciled-elsewhere';
  return (
    <nav className="stepper no-print" aria-label={t('steps.label')}>
      <p className="school-title">
        <strong>{name}</strong> <span className="muted">{status?.uai}</span>
        {schools && schools.length > 1 ? (
          <button
            type="button"
            className="link small"
            onClick={() => {
              reset();
              void loadSchools();
            }}
          >
            {t('steps.otherSchool')}
          </button>
        ) : null}
      </p>
      {elsewhere ? null : (
        <ol>
          {FLOW.map((s, i) => {
            const current = step === s || (step === 'letters' && s === 'progress') || (step === 'receipt' && status !== null && s === stepForPhase(status.phase));
            return (
              <li key={s}>
                <button type="button" className={`step-button${current ? ' current' : ''}`} aria-current={current ? 'step' : undefined} disabled={!current && !stepReachable(s, status?.phase, workspace !== null)} onClick={() => go(s)}>
                  <span className="step-number">{i + 1}</span> {t(`steps.${s}` as MessageKey)}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </nav>
  );
}

function SchoolFlow() {
  const t = useT();
  const { uai, step, status, busy, schools } = useSchoolStore();
  // A new step opens at its top (« Continuer » is at the bottom of the previous one).
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [uai, step]);
  // Several schools managed (a referent): the board of the schools instead of the plain list.
  const choice = managesMany(schools) ? <Referent /> : <Schools />;
  if (!uai || step === 'schools') return choice;
  if (!status) return busy ? <ProgressBar label={t('loading')} /> : choice;
  // Reconciled from another account (or beaten by an earlier batch): who did it, and the letters; nothing else to do.
  const elsewhere = status.phase === 'reconciled-elsewhere' && step !== 'letters';
  const screen = elsewhere ? <Elsewhere /> : { download: <Download />, spaces: <Spaces />, pupils: <Pupils />, review: <Review />, progress: <Progress />, letters: <Letters />, receipt: <Receipt />, schools: <Schools /> }[step];
  return (
    <>
      <Stepper />
      {screen}
    </>
  );
}

function PublicFlow() {
  const view = useSessionStore((s) => s.view);
  if (view === 'activate') return <Activate />;
  if (view === 'code') return <UseCode />;
  if (view === 'support') return <SupportRequest />;
  return <SignIn />;
}

export function App() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const { account, restored, restore, signOut } = useSessionStore();
  const [settings, setSettings] = useState(false);
  // Support mode (a diagnostic opened read-only) replaces the usual screens; one still open reopens at start.
  const supportMode = useDiagnosticStore((s) => s.supportMode);
  useEffect(() => {
    const app = useAppStore.getState();
    void app.load();
    void restore();
    void useDiagnosticStore.getState().restore();
    const stopWatch = app.watch();
    const stopListen = useSchoolStore.getState().listen();
    return () => {
      stopWatch();
      stopListen();
    };
  }, [restore]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <div className="app">
      <a className="skip-link no-print" href="#content">
        {t('common.skip')}
      </a>
      <header className="app-header no-print">
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
        <label>
          {t('language')}{' '}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" className="secondary small" onClick={() => setSettings(!settings)} aria-pressed={settings}>
          {t('settings.open')}
        </button>
        {account ? (
          <span className="account">
            {account.prenom} {account.nom}{' '}
            <button
              type="button"
              className="secondary small"
              onClick={() => {
                useSchoolStore.getState().reset();
                useRolesStore.getState().reset();
                void signOut();
              }}
            >
              {t('signout')}
            </button>
          </span>
        ) : null}
      </header>
      <OfflineBanner />
      <div id="content" tabIndex={-1}>
        <ErrorBoundary>
          {settings ? <Settings onClose={() => setSettings(false)} /> : supportMode ? <Support /> : !restored ? <ProgressBar label={t('loading')} /> : account ? <RoleHome school={<SchoolFlow />} accountKey={account.dataDir} /> : <PublicFlow />}
        </ErrorBoundary>
      </div>
    </div>
  );
}
