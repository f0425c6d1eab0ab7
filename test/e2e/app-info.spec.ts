import { expect, test } from '@playwright/test';
import { appUrl, checkScreen } from './helpers';

test('settings show app info and the ENT server health that came through the RPC spine', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Paramètres' }).click();
  await expect(page.getByTestId('server-url')).toHaveText(process.env.PASSERELLE_E2E_SERVER ?? '');
  await expect(page.getByTestId('server-state')).toContainText('Le serveur répond');
  await expect(page.getByTestId('server-name')).toContainText('serveur ENT de référence');
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await checkScreen(page, '00-parametres');
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
});

test('reloading keeps the session; switching to English translates the screen', async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('activation refuses an alias address in plain French and accepts the academic one', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  const email = page.getByLabel('Adresse électronique académique');
  await email.fill('jdupont@ac-aix-marseille.fr');
  await page.getByRole('button', { name: 'Recevoir le message d’activation' }).click();
  await expect(page.getByTestId('error')).toContainText(/adresse/i);
  await email.fill('jeanne.dupont@ac-aix-marseille.fr');
  await page.getByRole('button', { name: 'Recevoir le message d’activation' }).click();
  await expect(page.getByTestId('activate-notice')).toBeVisible();
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('a substitute teacher asks for access; the request reaches the ENT', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByRole('button', { name: 'Je suis enseignant remplaçant et je ne suis pas dans l’ENT' }).click();
  await page.getByLabel('Prénom').fill('Paul');
  await page.getByLabel('Nom', { exact: true }).fill('Durand');
  await page.getByLabel('Adresse électronique académique').fill('paul.durand@ac-aix-marseille.fr');
  await page.getByLabel('Code de l’école (UAI)').fill('0131234X');
  await page.getByLabel('Classe que vous remplacez').fill('CE1 B');
  await checkScreen(page, '01c-demande-remplacant');
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(page.getByTestId('support-notice')).toBeVisible();
});

test('the RPC endpoint refuses a call without the launch token', async ({ page, request }) => {
  await page.goto(appUrl());
  const origin = new URL(appUrl()).origin;
  const response = await request.post(`${origin}/rpc/app.info`, { data: {} });
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
  expect(body.ok).toBe(false);
  expect(body.error.code).toBe('unauthorized');
});
