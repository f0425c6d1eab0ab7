import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkScreen, demoAccount, downloadLists, serverSignal, signIn } from './helpers';

test.use({ viewport: { width: 1280, height: 1000 } });

const server = (): string => process.env.PASSERELLE_E2E_SERVER ?? '';

/** Somebody else (the académie's referent) sends a batch for the school over the ENT API, and wins. */
async function referentReconciles(request: APIRequestContext, uai: string, oldLogin: string, oldPassword: string): Promise<void> {
  const referent = demoAccount('referent', 'new');
  const login = await request.post(`${server()}/v1/auth/login`, { data: { login: referent.login, password: referent.password } });
  expect(login.status()).toBe(200);
  const auth = { Authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const verified = await request.post(`${server()}/v1/legacy/verify`, { headers: auth, data: { login: oldLogin, password: oldPassword } });
  expect(verified.status()).toBe(200);
  const grant = ((await verified.json()) as { grant: string }).grant;
  const oldRoster = (await (await request.get(`${server()}/v1/legacy/schools/${uai}/roster`, { headers: { ...auth, 'X-Legacy-Grant': grant } })).json()) as { version: string };
  const newRoster = (await (await request.get(`${server()}/v1/schools/${uai}/roster`, { headers: auth })).json()) as { version: string };
  const merge = await request.post(`${server()}/v1/schools/${uai}/merges`, {
    headers: { ...auth, 'X-Legacy-Grant': grant, 'Idempotency-Key': `referent-${uai}-e2e` },
    data: { baseVersions: { new: newRoster.version, old: oldRoster.version }, schoolSpace: null, classes: [], pupils: [], personalApps: [] },
  });
  expect(merge.status()).toBe(202);
}

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

  await page.getByRole('button', { name: 'Continuer : vérification' }).click();
  await page.getByLabel(/Pour confirmer, tapez le nom de l’école/).fill('ecole elementaire jean-jaures');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('waiting-server')).toBeVisible();
  await checkScreen(page, '08b-hors-ligne-en-attente');

  // Passerelle closed and reopened while the server is still down: the frozen batch waits, then leaves by itself.
  await page.reload();
  await expect(page.getByTestId('waiting-server')).toBeVisible({ timeout: 20_000 });
  await expect(banner).toBeVisible();

  serverSignal('SIGUSR2');
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('merge-done')).toBeVisible({ timeout: 90_000 });
});

test('a school already reconciled by someone else: the 409 is explained, nothing is sent twice', async ({ page, request }) => {
  test.setTimeout(90_000);
  const uai = '0137890B';
  const director = demoAccount('director', 'new', uai);
  const old = demoAccount('director', 'old', uai);
  await signIn(page, director.login, director.password);
  await downloadLists(page, old.login, old.password);

  await referentReconciles(request, uai, old.login, old.password);

  await page.getByRole('button', { name: 'Vérification' }).click();
  await page.getByLabel(/Pour confirmer, tapez le nom de l’école/).fill('Groupe scolaire Frédéric-Mistral');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('conflict')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Cette école a déjà été rapprochée' })).toBeVisible();
  await checkScreen(page, '09-deja-rapprochee');
});
