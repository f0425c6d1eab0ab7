import { expect, test } from '@playwright/test';

const url = () => {
  const value = process.env.PASSERELLE_E2E_URL;
  if (!value) throw new Error('PASSERELLE_E2E_URL missing: global setup did not run');
  return value;
};

test('shows app info and the ENT server health that came through the RPC spine', async ({ page }) => {
  await page.goto(url());
  await expect(page.getByRole('heading', { name: 'Serveur de l’ENT' })).toBeVisible();
  await expect(page.getByTestId('server-url')).toHaveText(process.env.PASSERELLE_E2E_SERVER ?? '');
  await expect(page.getByTestId('server-state')).toContainText('Le serveur répond');
  await expect(page.getByTestId('server-name')).toContainText('serveur ENT de référence');
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
});

test('reloading keeps the session; switching to English translates the screen', async ({ page }) => {
  await page.goto(url());
  await expect(page.getByTestId('server-state')).toContainText('Le serveur répond');
  await page.reload();
  await expect(page.getByTestId('server-state')).toContainText('Le serveur répond');
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.getByRole('heading', { name: 'ENT server' })).toBeVisible();
});

test('the RPC endpoint refuses a call without the launch token', async ({ page, request }) => {
  await page.goto(url());
  const origin = new URL(url()).origin;
  const response = await request.post(`${origin}/rpc/app.info`, { data: {} });
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
  expect(body.ok).toBe(false);
  expect(body.error.code).toBe('unauthorized');
});
