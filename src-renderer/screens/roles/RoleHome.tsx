import { useEffect, type ReactNode } from 'react';
import type { RoleSection } from '../../../src-shared/domain/roles';
import { useT, type MessageKey } from '../../i18n';
import { ErrorAlert } from '../../components/Alert';
import { ProgressBar } from '../../components/ProgressBar';
import { useRolesStore } from '../../store/roles';
import { MyClass } from './MyClass';
import { OldData } from './OldData';
import { PersonalData } from './PersonalData';
import { NoRole, PortalNotice } from './PortalNotice';
import './roles.css';

/** The sections of the account (the shared rule book): a navigation when there are several. */
function SectionNav() {
  const t = useT();
  const { view, section, open } = useRolesStore();
  if (!view || view.sections.length < 2) return null;
  const label = (s: RoleSection): string => (s === 'school' && view.schools.length > 1 ? t('roles.section.schools') : t(`roles.section.${s}` as MessageKey));
  return (
    <nav className="role-nav no-print" aria-label={t('roles.nav.label')}>
      <ul>
        {view.sections.map((s) => (
          <li key={s}>
            <button type="button" className={`role-tab${section === s ? ' current' : ''}`} aria-current={section === s ? 'page' : undefined} onClick={() => open(s)} data-testid={`section-${s}`}>
              {label(s)}
              {s === 'my-class' && view.mustChooseClass ? <span className="badge review">{t('roles.todo')}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * What a signed-in account sees: its sections only (src-shared/domain/roles.ts). A director or referent opens on the
 * school flow (`school`, given by App), with « Ma classe » when they teach and their personal data; a teacher on their
 * class and their old data; parents and pupils on the way to the ENT's portal.
 */
export function RoleHome({ school, accountKey }: { school: ReactNode; accountKey: string }) {
  const t = useT();
  const { view, section, busy, error, load } = useRolesStore();
  useEffect(() => {
    void load(accountKey);
  }, [load, accountKey]);
  if (!view) {
    if (error) {
      return (
        <main className="card narrow" aria-labelledby="roles-error-title">
          <h2 id="roles-error-title">{t('roles.section.none')}</h2>
          <ErrorAlert error={error} />
          <button type="button" onClick={() => void load(accountKey)} disabled={busy !== null}>
            {t('roles.retry')}
          </button>
        </main>
      );
    }
    return <ProgressBar label={t('roles.loading')} />;
  }
  const screens: Record<RoleSection, ReactNode> = {
    school,
    'my-class': <MyClass />,
    'personal-data': <PersonalData />,
    'old-data': <OldData />,
    portal: <PortalNotice />,
    none: <NoRole />,
  };
  return (
    <>
      <SectionNav />
      {screens[section ?? view.home]}
    </>
  );
}
