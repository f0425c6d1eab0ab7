import { expect, test, type Page } from '@playwright/test';
import { portalSignInUrl } from '../../src-shared/portal';
import { checkScreen } from './helpers';
import { apiGet, apiToken, lastMail, portalSchool, type Letter, type PortalSchool } from './portal-school';

/**
 * The ENT's web portal in Chromium, against the e2e stack's real server, on a school of its own (portal-school.ts:
 * the other specs reconcile the three demo schools): a pupil signs in with a printed letter's login, a parent
 * associates and cannot take the other parent's account, a teacher does their first-login steps, activation and
 * one-time codes. No JavaScript on the pages: plain links and forms.
 */
const portal = (): string => {
  const url = process.env.PASSERELLE_E2E_SERVER;
  if (!url) throw new Error('PASSERELLE_E2E_SERVER missing: global setup did not run');
  return url;
};

let school: PortalSchool;
let letters: Letter[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  ({ school, letters } = await portalSchool());
});

async function signInAtPortal(page: Page, login: string, password: string): Promise<void> {
  await page.goto(portalSignInUrl(portal()));
  await page.getByLabel('Identifiant', { exact: true }).fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Bonjour .+ !$/);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByTestId('notice')).toContainText('Vous êtes déconnecté·e');
}

test('the home page says what the ENT is and offers sign-in, activation and forgotten credentials; a wrong password is refused on its field', async ({ page }) => {
  const res = await page.goto(portal());
  expect(res?.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  expect(res?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans l’espace numérique de travail de l’école');
  for (const name of ['Se connecter', 'Activer mon compte', 'Identifiants oubliés']) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  // The page's own stylesheet applies (no inline style, the CSP allows the server's).
  expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 50, 120)');
  await checkScreen(page, '30-portail-accueil');

  await page.getByRole('link', { name: 'Se connecter', exact: true }).click();
  await expect(page).toHaveURL(portalSignInUrl(portal()));
  await expect(page.getByRole('heading', { name: 'Connexion', exact: true })).toBeVisible();
  await checkScreen(page, '31-portail-connexion');
  // By keyboard: the skip link first, then the fields; Enter sends the form.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await page.getByLabel('Identifiant', { exact: true }).focus();
  await page.keyboard.type(letters[0]?.login ?? '');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mot de passe', { exact: true })).toBeFocused();
  await page.keyboard.type('pas-le-bon');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('errors')).toContainText('Identifiant ou mot de passe incorrect.');
  const password = page.getByLabel('Mot de passe', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('Identifiant ou mot de passe incorrect.');
  await expect(page.getByLabel('Identifiant', { exact: true })).toHaveValue(letters[0]?.login ?? '');
  await expect(password).toHaveValue('');
  await checkScreen(page, '31b-portail-connexion-refusee');
  // The error in the summary leads to its field.
  await page.getByTestId('errors').getByRole('link').click();
  await expect(page).toHaveURL(/#champ-password$/);
});

test('a pupil signs in with a printed letter’s login and sees their new account; a pupil who kept theirs sees what came from last year', async ({ page }) => {
  const letter = letters[0];
  if (!letter) throw new Error('no letter');
  // The letters print the portal's sign-in page (portalSignInUrl of the ENT's address).
  await signInAtPortal(page, letter.login, letter.password);
  await expect(page).toHaveURL(`${portal()}/espace`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${letter.prenom} !`);
  await expect(page.getByTestId('pupil-new')).toContainText('Rien à reprendre de l’an dernier');
  await expect(page.getByRole('heading', { name: `Dans votre classe, ${letter.classLabel}` })).toBeVisible();
  await expect(page.getByTestId('pupil-class').locator('li').first()).toBeVisible();
  await checkScreen(page, '32-portail-eleve-nouveau');
  // The cookie: HttpOnly, SameSite=Strict, whole site.
  const cookie = (await page.context().cookies()).find((c) => c.name === 'portail_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  await signOut(page);
  await checkScreen(page, '30b-portail-deconnecte');
  // After sign-out the session is over: « Mon espace » asks to sign in again.
  await page.goto(`${portal()}/espace`);
  await expect(page.getByRole('heading', { name: 'Connexion', exact: true })).toBeVisible();

  await signInAtPortal(page, school.keptPupil.login, school.keptPupil.password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${school.keptPupil.prenom} !`);
  await expect(page.getByTestId('pupil-kept')).toContainText('Votre compte de l’an dernier vous a suivi');
  await expect(page.getByTestId('pupil-personal')).toContainText(/\d+ fiche de profil/);
  await checkScreen(page, '33-portail-eleve-donnees');
  await signOut(page);
});

test('a parent confirms who they are, is offered only their own old account, cannot take the other parent’s by tampering the form, then decides once', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAtPortal(page, school.parent.login, school.parent.password);
  await checkScreen(page, '34-portail-parent-espace');
  await page.getByTestId('parent-start').click();
  await expect(page.getByRole('heading', { name: 'Est-ce bien vous ?' })).toBeVisible();
  await expect(page.getByTestId('identity')).toContainText('Élodie');
  await expect(page.getByTestId('identity')).toContainText(school.parent.childPrenom);
  await checkScreen(page, '35-portail-parent-identite');
  await page.getByRole('link', { name: 'Oui, c’est moi' }).click();

  // Only her own old account, besides « another one » and « none ».
  await expect(page.getByRole('heading', { name: 'Votre compte de l’an dernier' })).toBeVisible();
  await expect(page.getByTestId('candidate')).toHaveCount(1);
  await expect(page.getByRole('radio')).toHaveCount(3);
  await expect(page.locator(`input[value="${school.otherParent.ownOldId}"]`)).toHaveCount(0);
  await checkScreen(page, '36-portail-parent-comptes');
  const own = page.getByTestId('candidate').getByRole('radio');
  await own.check();
  await page.getByRole('button', { name: 'Continuer' }).click();

  // The final step says it is final; the attacker swaps the hidden value for the other parent's old account.
  await expect(page.getByTestId('final-warning')).toContainText('Cette décision est définitive.');
  await checkScreen(page, '37-portail-parent-confirmation');
  await page.locator('input[name="candidateId"]').evaluate((el, id) => {
    (el as HTMLInputElement).value = id;
  }, school.otherParent.ownOldId);
  await page.getByRole('button', { name: 'Confirmer définitivement' }).click();
  await expect(page.getByTestId('errors')).toContainText('Ce compte ne fait pas partie des comptes reconnus comme les vôtres. Rien n’a été déplacé.');
  await checkScreen(page, '37b-portail-parent-refus');
  // Nothing changed, as the ENT itself says: her decision still open, Karim still offered his own account.
  const elodie = await apiToken(school.parent);
  expect(await apiGet(elodie, '/v1/parents/me/candidates')).toMatchObject({ decision: null, candidates: [{ id: school.parent.ownOldId }] });
  const karim = await apiToken(school.otherParent);
  expect(await apiGet(karim, '/v1/parents/me/candidates')).toMatchObject({ decision: null, candidates: [{ id: school.otherParent.ownOldId }] });

  // Her own account, this time: moved, final.
  await page.getByTestId('candidate').getByRole('radio').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('button', { name: 'Confirmer définitivement' }).click();
  await expect(page.getByTestId('parent-result')).toContainText('Votre compte de l’an dernier est repris');
  await expect(page.getByTestId('moved').locator('li').first()).toBeVisible();
  await checkScreen(page, '38-portail-parent-fait');
  expect(await apiGet(elodie, '/v1/parents/me/candidates')).toMatchObject({ decision: 'confirmed', candidates: [] });
  await page.getByRole('link', { name: 'Aller à mon espace' }).click();
  await expect(page.getByTestId('parent-done')).toContainText('cette décision est définitive');
  await signOut(page);

  // Karim, at his own sign-in, is offered his own account — never Élodie's.
  await signInAtPortal(page, school.otherParent.login, school.otherParent.password);
  await page.goto(`${portal()}/parent/ancien-compte`);
  await expect(page.getByTestId('candidate')).toHaveCount(1);
  await expect(page.locator(`input[value="${school.otherParent.ownOldId}"]`)).toHaveCount(1);
  await expect(page.locator(`input[value="${school.parent.ownOldId}"]`)).toHaveCount(0);
  await signOut(page);
});

test('a teacher chooses their class (its first pupils shown), links their own old account, goes back once, then confirms', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAtPortal(page, school.teacher.login, school.teacher.password);
  await checkScreen(page, '39-portail-enseignant-espace');
  await page.getByTestId('teacher-start').click();
  await expect(page.getByRole('heading', { name: 'Votre classe cette année' })).toBeVisible();
  const firstClass = page.getByTestId('class-choice').first();
  await expect(firstClass).toContainText(/élèves? : \S+ [A-ZÀ-Ý]/);
  await checkScreen(page, '40-portail-enseignant-classe');
  const classLabel = (await firstClass.locator('label').textContent()) ?? '';
  await firstClass.getByRole('radio').check();
  await page.getByRole('button', { name: 'Continuer' }).click();

  await expect(page.getByRole('heading', { name: 'Votre compte de l’an dernier' })).toBeVisible();
  const byEmail = page.getByTestId('old-by-email');
  await expect(byEmail).toContainText(`(identifiant ${school.teacher.oldLogin})`);
  await checkScreen(page, '41-portail-enseignant-ancien-compte');
  await byEmail.getByRole('radio').check();
  await page.getByRole('button', { name: 'Continuer' }).click();

  await expect(page.getByRole('heading', { name: 'Vérifiez et confirmez' })).toBeVisible();
  await expect(page.getByTestId('teacher-summary')).toContainText(classLabel);
  await expect(page.getByTestId('final-warning')).toContainText('définitif');
  await checkScreen(page, '42-portail-enseignant-confirmation');
  // A way back: each step keeps what was chosen.
  await page.getByRole('link', { name: 'Retour' }).click();
  await expect(byEmail.getByRole('radio')).toBeChecked();
  await page.getByRole('link', { name: 'Retour' }).click();
  await expect(page.getByTestId('class-choice').first().getByRole('radio')).toBeChecked();
  // Nothing was written while going back and forth.
  const token = await apiToken(school.teacher);
  expect(await apiGet(token, '/v1/me')).toMatchObject({ mustChooseClass: true });
  await page.getByRole('button', { name: 'Continuer' }).click();
  await byEmail.getByRole('radio').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('button', { name: 'Confirmer' }).click();

  await expect(page.getByTestId('teacher-result')).toContainText(`Votre classe est enregistrée : ${classLabel}.`);
  await expect(page.getByTestId('moved')).toContainText(/\d+ messages?/);
  await checkScreen(page, '43-portail-enseignant-fait');
  expect(await apiGet(token, '/v1/me')).toMatchObject({ mustChooseClass: false });
  expect(await apiGet(token, '/v1/teachers/me/old-account')).toMatchObject({ decision: 'linked' });
  await page.getByRole('link', { name: 'Aller à mon espace' }).click();
  await expect(page.getByTestId('teacher-done')).toContainText('Votre compte de l’an dernier est relié.');
  await signOut(page);
});

test('activation refuses an alias on its field; forgotten credentials send a one-time code that sets a new password', async ({ page }) => {
  await page.goto(portal());
  await page.getByRole('link', { name: 'Activer mon compte' }).click();
  await page.getByLabel('Adresse électronique académique').fill('cmartin@ac-aix-marseille.fr');
  await page.getByRole('button', { name: 'Recevoir le courriel d’activation' }).click();
  await expect(page.getByTestId('errors')).toContainText('alias');
  await expect(page.getByLabel('Adresse électronique académique')).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(page, '44-portail-activation-refusee');

  await page.goto(portal());
  await page.getByRole('link', { name: 'Identifiants oubliés' }).click();
  await page.getByLabel('Mon compte de cette année').check();
  await page.getByLabel('Adresse électronique académique').fill(school.forgetful.email);
  await checkScreen(page, '45-portail-identifiants-oublies');
  await page.getByRole('button', { name: 'Recevoir un code' }).click();
  await expect(page.getByTestId('mail-sent')).toContainText('Si un compte correspond à cette adresse');
  await checkScreen(page, '45b-portail-courriel-envoye');
  const code = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(await lastMail(school.forgetful.email))?.[0] ?? '';
  expect(code).not.toBe('');

  await page.getByRole('link', { name: 'J’ai reçu un code : choisir mon mot de passe' }).click();
  await page.getByLabel('Code reçu par courriel').fill(code);
  await page.getByLabel('Nouveau mot de passe').fill('Rentree-2026!');
  await page.getByLabel('Le même mot de passe, encore une fois').fill('Rentree-2026?');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByLabel('Le même mot de passe, encore une fois')).toHaveAccessibleDescription(/pas identiques/);
  await checkScreen(page, '46-portail-code');
  await page.getByLabel('Nouveau mot de passe').fill('Rentree-2026!');
  await page.getByLabel('Le même mot de passe, encore une fois').fill('Rentree-2026!');
  await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByTestId('password-changed')).toBeVisible();
  await expect(page.getByTestId('changed-login')).toHaveText(school.forgetful.login);
  await checkScreen(page, '47-portail-mot-de-passe-change');
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await page.getByLabel('Identifiant', { exact: true }).fill(school.forgetful.login);
  await page.getByLabel('Mot de passe', { exact: true }).fill('Rentree-2026!');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Bonjour .+ !$/);
  await checkScreen(page, '48-portail-espace-enseignant');
});
