import { expect, test } from '@playwright/test';
import { checkScreen, demoAccount, downloadLists, otherComputerUrl, reconciledBy, serverSignal, settleEveryClass, signIn } from './helpers';

test.use({ viewport: { width: 1280, height: 1000 } });

test('matching goes on with the server stopped; the confirmed batch leaves when it is back, even after a reopen', async ({ page }) => {
  test.setTimeout(150_000);
  const uai = '0134567K';
  const director = demoAccount('director', 'new', uai);
  const old = demoAccount('director', 'old', uai);
  await signIn(page, director.login, director.password);
  await downloadLists(page, old.login, old.password);
  await page.getByRole('button', { name: 'Continuer : les élèves' }).click();

  serverSignal('SIGUSR1');
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toBeVisible({ timeout: 20_000 });

  // Matching is local: a keyboard association still works, and is journaled.
  const row = page.locator('[data-testid^="new-"]').filter({ hasText: 'Déposez un ancien compte ici' }).first();
  const rowId = (await row.getAttribute('data-testid'))?.slice(4) ?? '';
  const oldCard = page.locator('.old-column [data-testid^="old-"]').first();
  const oldName = ((await oldCard.locator('.name').textContent()) ?? '').trim();
  await oldCard.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId(`target-${rowId}`).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`new-${rowId}`)).toContainText(oldName);
  await checkScreen(page, '08-hors-ligne-eleves');
  // Deciding every pair needs no server either.
  await settleEveryClass(page);

  await page.getByRole('button', { name: 'Continuer : vérification' }).click();
  await page.getByLabel(/Pour confirmer, tapez le nom de l’école/).fill('ecole elementaire jean-jaures');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('waiting-server')).toBeVisible();
  await checkScreen(page, '08b-hors-ligne-en-attente');

  // Passerelle closed and reopened while the server is still down: the frozen batch waits, then leaves by itself.
  await page.reload();
  await expect(page.getByTestId('waiting-server')).toBeVisible({ timeout: 20_000 });
  await expect(banner).toBeVisible();

  // No screen of the school open (the settings replace them): the core's background work sends the batch by itself.
  await page.getByRole('button', { name: 'Paramètres' }).click();
  serverSignal('SIGUSR2');
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect.poll(entMergeStatus(director.login, director.password, uai), { timeout: 90_000, intervals: [1_000] }).toBe('done');
  await page.getByRole('button', { name: 'Paramètres' }).click();
  await expect(page.getByTestId('merge-done')).toBeVisible({ timeout: 30_000 });
});

/** What the ENT itself says of the school's merge (asked over its API, not through the app): signs in once, then polls. */
function entMergeStatus(login: string, password: string, uai: string): () => Promise<string | null> {
  const server = process.env.PASSERELLE_E2E_SERVER ?? '';
  let token: string | null = null;
  return async () => {
    if (!token) {
      const auth = await fetch(`${server}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
      if (!auth.ok) return null;
      token = ((await auth.json()) as { accessToken: string }).accessToken;
    }
    const merges = await fetch(`${server}/v1/schools/merges`, { headers: { authorization: `Bearer ${token}` } });
    if (!merges.ok) return null;
    const body = (await merges.json()) as { schools: Array<{ uai: string; merge: { status: string } | null }> };
    return body.schools.find((s) => s.uai === uai)?.merge?.status ?? null;
  };
}

const MISTRAL = '0137890B';
const MISTRAL_NAME = 'Groupe scolaire Frédéric-Mistral';
const BY_REFERENT = reconciledBy('Bénédicte Garnier (référent ENT)');

test('a school reconciled first from another computer: the 409 says who and when, nothing is sent twice', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const director = demoAccount('director', 'new', MISTRAL);
  const old = demoAccount('director', 'old', MISTRAL);
  await signIn(page, director.login, director.password);
  await downloadLists(page, old.login, old.password);

  // Meanwhile, on another computer, the académie's referent reconciles the same school with Passerelle.
  const referent = demoAccount('referent', 'new');
  const otherComputer = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const there = await otherComputer.newPage();
  await signIn(there, referent.login, referent.password, otherComputerUrl());
  await expect(there.getByTestId(`school-ent-${MISTRAL}`)).toContainText('Pas encore rapprochée');
  await there.getByTestId(`school-${MISTRAL}`).click();
  await downloadLists(there, old.login, old.password);
  await there.getByRole('button', { name: 'Continuer : les élèves' }).click();
  await settleEveryClass(there);
  await there.getByRole('button', { name: 'Continuer : vérification' }).click();
  await there.getByLabel(/Pour confirmer, tapez le nom de l’école/).fill(MISTRAL_NAME);
  await there.getByTestId('confirm').click();
  await expect(there.getByTestId('merge-done')).toBeVisible({ timeout: 60_000 });
  await otherComputer.close();

  // Here the director, who has not refreshed anything, decides the pupils and confirms: the ENT refuses (409).
  await page.getByRole('button', { name: 'Continuer : les élèves' }).click();
  await settleEveryClass(page);
  await page.getByRole('button', { name: 'Continuer : vérification' }).click();
  await page.getByLabel(/Pour confirmer, tapez le nom de l’école/).fill(MISTRAL_NAME);
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('conflict')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Cette école a déjà été rapprochée' })).toBeVisible();
  await expect(page.getByTestId('conflict')).toContainText(BY_REFERENT);
  await checkScreen(page, '09-deja-rapprochee');
});

test('signing in afterwards, the director sees who reconciled the school and prints the letters; the school list says it too', async ({ page }) => {
  test.setTimeout(60_000);
  const director = demoAccount('director', 'new', MISTRAL);
  await signIn(page, director.login, director.password);
  // A single-school director goes straight to the school: the ENT's statement, the letters, never the download form.
  await expect(page.getByTestId('ent-statement')).toContainText(BY_REFERENT);
  await expect(page.getByRole('heading', { name: /Télécharger les listes/ })).toHaveCount(0);
  await checkScreen(page, '09b-rapprochee-ailleurs');
  await page.getByTestId('open-letters').click();
  const letters = page.getByTestId('letter');
  await expect(letters.first()).toContainText('Identifiant');
  await expect(letters.first()).toContainText(MISTRAL_NAME);
  const pdf = (await page.pdf({ format: 'A4', path: 'test-results/screens/09c-lettres-rapprochee-ailleurs.pdf' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(await letters.count());
  await page.getByRole('button', { name: /J’ai imprimé les lettres/ }).click();
  await expect(page.getByTestId('letters-forgotten')).toBeVisible();
  await expect(page.getByTestId('letters-gone')).toContainText('marquées imprimées');

  // The referent's school list: from the ENT, who reconciled each school and when; nobody starts one that is done.
  const referent = demoAccount('referent', 'new');
  await signIn(page, referent.login, referent.password);
  await expect(page.getByTestId(`school-ent-${MISTRAL}`)).toContainText(BY_REFERENT);
  await expect(page.getByTestId(`school-ent-${MISTRAL}`)).toContainText('les lettres des nouveaux élèves ne sont plus disponibles');
  await expect(page.getByTestId('school-ent-0131234X')).toContainText(/Rapprochée par .+ \(direction\) le /);
  await expect(page.getByTestId('school-ent-0134567K')).toContainText(/Rapprochée par .+ \(direction\) le /);
  await checkScreen(page, '02b-ecoles-rapprochees');
  // A school its director reconciled: the referent sees the statement and may print its letters.
  await page.getByTestId('school-0134567K').click();
  await expect(page.getByTestId('ent-statement')).toContainText(/Rapprochée par .+ \(direction\) le /);
  await expect(page.getByTestId('open-letters')).toBeVisible();
  await expect(page.getByLabel('Ancien identifiant')).toHaveCount(0);
});
