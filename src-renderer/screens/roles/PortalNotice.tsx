import { useT } from '../../i18n';
import { useRolesStore } from '../../store/roles';
import { useSessionStore } from '../../store/session';

/** Parents and pupils: Passerelle is not theirs; the ENT's web portal is, at the server's address. */
export function PortalNotice() {
  const t = useT();
  const view = useRolesStore((s) => s.view);
  const account = useSessionStore((s) => s.account);
  return (
    <main className="card narrow" aria-labelledby="portal-title" data-testid="portal-notice">
      <h2 id="portal-title">{t('roles.portal.title')}</h2>
      <p>{t('roles.portal.hello', { prenom: account?.prenom ?? '' })}</p>
      <p>{t('roles.portal.text')}</p>
      <p>{t('roles.portal.where')}</p>
      <p className="portal-address mono" data-testid="portal-url">
        {view?.portalUrl}
      </p>
      <p className="muted">{t('roles.portal.after')}</p>
    </main>
  );
}

/** An account with no role this year. */
export function NoRole() {
  const t = useT();
  return (
    <main className="card narrow" aria-labelledby="none-title">
      <h2 id="none-title">{t('roles.none.title')}</h2>
      <p>{t('roles.none.text')}</p>
    </main>
  );
}
