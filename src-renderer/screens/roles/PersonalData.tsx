import { useEffect, useState } from 'react';
import { PERSONAL_APPS, type PersonalApp } from '../../../src-shared/api/common';
import { useLocale, useT } from '../../i18n';
import { ErrorAlert, Notice } from '../../components/Alert';
import { formatDateTime } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useRolesStore } from '../../store/roles';
import { ProveOldAccount, ProvenAccount } from './ProveOldAccount';
import { appNames, movedText } from './text';

/**
 * Personal data (messages, media library, profile) from one's own proven old account: the apps chosen, then moved
 * (final). Shows the claim once made, or that someone else's account already took that old account's data.
 */
export function PersonalStep({ headingLevel = 3, showProven = true }: { headingLevel?: 2 | 3; showProven?: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { status, busy, personalResult, recoverPersonal } = useRolesStore();
  const old = status?.personal.old ?? null;
  const [chosen, setChosen] = useState<PersonalApp[]>([...PERSONAL_APPS]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (!status) return null;
  const claim = status.personal.claim;
  const mine = movedText(t, status.personal.mine, locale);
  if (claim) {
    const moved = personalResult ? movedText(t, personalResult.moved, locale) : null;
    return (
      <section aria-labelledby="personal-title" className="section" data-testid="personal-done">
        <Heading id="personal-title">{t('roles.personal.title')}</Heading>
        {moved ? <Notice testId="personal-moved">{t('roles.personal.moved', { list: moved.text, n: moved.n })}</Notice> : null}
        <p>{t('roles.personal.claimed', { login: claim.oldLogin, date: formatDateTime(claim.at, locale), apps: claim.apps ? appNames(t, claim.apps, locale) : t('roles.personal.all') })}</p>
        <p className="muted" data-testid="personal-mine">{t('roles.personal.mine', { list: mine.text })}</p>
      </section>
    );
  }
  if (!status.proven || !old) return <ProveOldAccount />;
  const toggle = (app: PersonalApp, on: boolean) => setChosen(on ? PERSONAL_APPS.filter((a) => a === app || chosen.includes(a)) : chosen.filter((a) => a !== app));
  const empty = Object.values(old.apps).every((n) => n === 0);
  return (
    <section aria-labelledby="personal-title" className="section">
      <Heading id="personal-title">{t('roles.personal.title')}</Heading>
      {showProven ? <ProvenAccount canChange /> : null}
      {old.taken ? <p className="alert alert-warning" data-testid="personal-taken">{t('roles.personal.taken')}</p> : null}
      {empty && !old.taken ? <p className="muted">{t('roles.personal.empty')}</p> : null}
      {!old.taken && !empty ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void recoverPersonal(chosen);
          }}
        >
          <fieldset className="apps">
            <legend>{t('roles.personal.legend')}</legend>
            {PERSONAL_APPS.map((app) => (
              <label key={app} className="checkbox" htmlFor={`personal-${app}`}>
                <input id={`personal-${app}`} type="checkbox" checked={chosen.includes(app)} onChange={(e) => toggle(app, e.target.checked)} />
                {appNames(t, [app], locale)} <span className="muted">({t('roles.items', { n: old.apps[app] ?? 0 })})</span>
              </label>
            ))}
          </fieldset>
          <p className="warning" id="personal-final">
            <strong>{t('review.irreversible.title')}</strong> {t('roles.personal.final')}
          </p>
          <button type="submit" disabled={chosen.length === 0 || busy !== null} aria-describedby="personal-final">
            {t('roles.personal.submit')}
          </button>
        </form>
      ) : null}
      {busy === 'personal' ? <ProgressBar label={t('roles.personal.busy')} /> : null}
    </section>
  );
}

/** « Mes données personnelles » of a director or referent: their own old account's personal data, nothing else. */
export function PersonalData() {
  const t = useT();
  const { status, busy, error, loadStatus, clearError } = useRolesStore();
  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);
  return (
    <main className="card narrow" aria-labelledby="personal-page-title">
      <h2 id="personal-page-title">{t('roles.section.personal-data')}</h2>
      <p>{t('roles.personal.intro')}</p>
      {!status && busy === 'status' ? <ProgressBar label={t('loading')} /> : null}
      {status ? <PersonalStep /> : null}
      <ErrorAlert error={error} onClose={clearError} />
    </main>
  );
}
