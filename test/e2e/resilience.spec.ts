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
