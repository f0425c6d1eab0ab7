/**
 * The ENT's web portal (served by the reference server at its root): the addresses families and staff are sent to.
 * The letters print `portalSignInUrl(<ENT address>)`; the server registers its pages at these paths.
 */
export const PORTAL_PATHS = {
  home: '/',
  signIn: '/connexion',
  signOut: '/deconnexion',
  activation: '/activation',
  forgot: '/identifiants-oublies',
  code: '/code',
  space: '/espace',
  stylesheet: '/portail.css',
} as const;

/** The portal's sign-in page at an ENT address (`https://ent.example.fr` → `https://ent.example.fr/connexion`). */
export function portalSignInUrl(entUrl: string): string {
  return `${entUrl.replace(/\/+$/, '')}${PORTAL_PATHS.signIn}`;
}
