import { expect, test } from '@playwright/test';
import { appUrl, checkScreen, demoAccount } from './helpers';

test.use({ viewport: { width: 1280, height: 1000 } });

/**
 * The flow with the keyboard only: every control is reached by focus (as Tab would) and operated with Enter,
 * Space, typing and shortcuts — no click. A referent with several schools, so the school choice shows.
 * Stops before the final confirmation: the other specs send the demo schools' batches.
 */
test('keyboard only: sign-in, school choice, old account, spaces, pupils, review, deciding a class', async ({ page }) => {
  test.setTimeout(90_000);
  const uai = '0137890B';
  const referent = demoAccount('referent', 'new');
  const old = demoAccount('director', 'old', uai);
  await page.goto(appUrl());
  await page.getByLabel('Identifiant', { exact: true }).focus();
  await page.keyboard.type(referent.login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(referent.password);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Vos écoles' })).toBeVisible();
  await expect(page.getByTestId(`school-${uai}`)).toBeVisible();
  await checkScreen(page, '02-ecoles');
  await page.getByTestId(`school-${uai}`).focus();
  await page.keyboard.press('Enter');

  // "Je ne connais plus mes anciennes informations": the same answer whatever the address.
  await page.getByText('Je ne connais plus mes anciennes informations').focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Adresse électronique académique').focus();
  await page.keyboard.type('sophie.imbert@ac-aix-marseille.fr');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('forgot-notice')).toBeVisible();

  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').focus();
  await page.keyboard.press('Space');
  await page.getByLabel('Ancien identifiant').focus();
  await page.keyboard.type(old.login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(old.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Les espaces à récupérer' })).toBeVisible({ timeout: 20_000 });

  // One app of the first class left behind, by Space on its checkbox.
  const blog = page.locator('.class-card').first().getByLabel(/^Blog/);
  await expect(blog).toBeChecked();
  await blog.focus();
  await page.keyboard.press('Space');
  await expect(blog).not.toBeChecked();
  await page.getByRole('button', { name: 'Continuer : les élèves' }).focus();
  await page.keyboard.press('Enter');

  // Search narrows the right column; Enter selects, Enter on a pupil associates; Ctrl+Z / Ctrl+Y.
  const oldCards = page.locator('.old-column [data-testid^="old-"]');
  const first = oldCards.first();
  const name = ((await first.locator('.name').textContent()) ?? '').trim();
  await page.getByLabel('Rechercher un nom').focus();
  await page.keyboard.type(name.split(' ')[0] ?? name);
  await expect(oldCards.first()).toContainText(name.split(' ')[0] ?? name);
  const row = page.locator('[data-testid^="new-"]').filter({ hasText: 'Déposez un ancien compte ici' }).first();
  const rowId = (await row.getAttribute('data-testid'))?.slice(4) ?? '';
  await oldCards.first().focus();
  await page.keyboard.press('Enter');
  await page.getByTestId(`target-${rowId}`).focus();
  await page.keyboard.press('Enter');
  const target = page.getByTestId(`new-${rowId}`);
  await expect(target).toContainText(name);
  await page.keyboard.press('Control+z');
  await expect(target).toContainText('Déposez un ancien compte ici');
  await page.keyboard.press('Control+y');
  await expect(target).toContainText(name);
  await target.getByRole('button', { name: /^Pourquoi/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('why-dialog')).toContainText('à la main');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('why-dialog')).toBeHidden();

  await page.getByRole('button', { name: 'Continuer : vérification' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel(/Pour confirmer, tapez le nom de l’école/).focus();
  await page.keyboard.type('Groupe scolaire Frédéric-Mistral');
  // Pairs left to decide: the confirmation waits, and says where to decide them.
  await expect(page.getByTestId('confirm-blocked')).toBeVisible();
  await expect(page.getByTestId('confirm')).toBeDisabled();
  await page.getByRole('button', { name: 'Les décider à l’étape Élèves' }).focus();
  await page.keyboard.press('Enter');
  const current = page.locator('[data-testid^="class-tab-"][aria-pressed="true"]');
  const left = Number(await current.getAttribute('data-undecided'));
  expect(left).toBeGreaterThan(1);

  // One pair refused on its own, then the rest of the class confirmed in the dialog (its button has the focus).
  await page.locator('[data-testid^="review-"]').first().getByRole('button', { name: /^Refuser : / }).focus();
  await page.keyboard.press('Enter');
  await expect(current).toHaveAttribute('data-undecided', String(left - 1));
  await page.getByRole('button', { name: /^Tout confirmer/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bulk-dialog').getByTestId('bulk-pair')).toHaveCount(left - 1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bulk-dialog')).toBeHidden();
  await expect(current).toHaveAttribute('data-undecided', '0');
  await page.keyboard.press('Control+z');
  await expect(current).toHaveAttribute('data-undecided', String(left - 1));
  await page.keyboard.press('Control+y');
  await expect(current).toHaveAttribute('data-undecided', '0');

  await page.getByRole('button', { name: 'Se déconnecter' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
});
