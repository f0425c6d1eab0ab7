import { useEffect } from 'react';
import { useT } from '../i18n';
import { ErrorAlert } from '../components/Alert';
import { EntStatement } from '../components/EntStatement';
import { ProgressBar } from '../components/ProgressBar';
import { useSchoolStore } from '../store/school';

/** Screen 2: the school to reconcile, when the account has several (a referent, a director of two schools). */
export function Schools() {
  const t = useT();
  const { schools, busy, error, loadSchools, select } = useSchoolStore();
  useEffect(() => {
    if (!schools) void loadSchools();
  }, [schools, loadSchools]);
  return (
    <main className="card" aria-labelledby="schools-title">
      <h2 id="schools-title">{t('schools.title')}</h2>
      <p>{t('schools.intro')}</p>
      {busy ? <ProgressBar label={t('schools.loading')} /> : null}
      <ErrorAlert error={error} />
      {schools && schools.length === 0 ? <p>{t('schools.none')}</p> : null}
      <ul className="school-list">
        {(schools ?? []).map((s) => (
          <li key={s.uai} className={s.ent ? `reconciled ${s.ent.status}` : undefined}>
            <button type="button" className="school-button" onClick={() => void select(s.uai)} data-testid={`school-${s.uai}`} aria-describedby={s.ent ? `ent-${s.uai}` : undefined}>
              <span className="school-name">{s.name}</span>
              <span className="muted">
                {s.uai} — {s.roles.map((r) => t(`role.${r}` as 'role.director')).join(', ')}
                {s.pulled && !s.ent ? ` — ${t('schools.pulled')}` : ''}
              </span>
            </button>
            {s.ent ? (
              <div className="school-ent" data-testid={`school-ent-${s.uai}`}>
                <EntStatement ent={s.ent} id={`ent-${s.uai}`} />
                {s.ent.status === 'done' ? <p className="muted small">{s.ent.credentialsAvailable ? t('schools.ent.letters') : t('schools.ent.nothing')}</p> : null}
              </div>
            ) : (
              <p className="muted small school-ent" data-testid={`school-ent-${s.uai}`}>
                {t('schools.ent.none')}
              </p>
            )}
          </li>
        ))}
      </ul>
      {schools ? (
        <button type="button" className="secondary" onClick={() => void loadSchools()} disabled={busy !== null}>
          {t('schools.refresh')}
        </button>
      ) : null}
    </main>
  );
}
