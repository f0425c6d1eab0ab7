import { expect, test } from '@playwright/test';
import { checkScreen, demoAccount, downloadLists, dragOnto, signIn } from './helpers';

const UAI = '0131234X';

test.use({ viewport: { width: 1280, height: 1000 } });

test('a director reconciles a demo school end to end, by mouse and by keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  const director = demoAccount('director', 'new', UAI);
  const old = demoAccount('director', 'old', UAI);

  await page.goto(process.env.PASSERELLE_E2E_URL ?? '');
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await checkScreen(page, '01-connexion');
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await checkScreen(page, '01b-activation');
  await page.getByRole('button', { name: 'Retour' }).click();

  await signIn(page, director.login, director.password);
  await expect(page.getByRole('heading', { name: /Télécharger les listes/ })).toBeVisible();
  await checkScreen(page, '03-telechargement');
  // Wrong old credentials: a plain French refusal, nothing downloaded.
  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').check();
  await page.getByLabel('Ancien identifiant').fill(old.login);
  await page.getByLabel('Ancien mot de passe').fill('pas-le-bon');
  await page.getByRole('button', { name: 'Télécharger les listes' }).click();
  await expect(page.getByTestId('error')).toContainText('incorrects');
  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').uncheck();
  await downloadLists(page, old.login, old.password);
  await checkScreen(page, '04-espaces');

  await page.getByRole('button', { name: 'Continuer : les élèves' }).click();
  await expect(page.getByRole('heading', { name: 'Retrouver les élèves' })).toBeVisible();
  await checkScreen(page, '05-eleves');
  const totals = page.getByTestId('pupils-totals');
  const linkedCount = async () => Number(/^(\d+)/.exec((await totals.textContent()) ?? '')?.[1]);
  const before = await linkedCount();

  // A review pair is highlighted until confirmed; "Pourquoi ?" shows its evidence.
  const review = page.locator('[data-testid^="review-"]').first();
  if (await review.count()) {
    await review.getByRole('button', { name: /^Pourquoi/ }).click();
    const dialog = page.getByTestId('why-dialog');
    await expect(dialog.locator('.evidence li').first()).toBeVisible();
    await checkScreen(page, '05b-pourquoi');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await review.getByRole('button', { name: /^Confirmer que/ }).click();
    await expect.poll(linkedCount).toBe(before + 1);
  } else {
    await page.getByRole('button', { name: /^Pourquoi cette association/ }).first().click();
    await expect(page.getByTestId('why-dialog').locator('.evidence li').first()).toBeVisible();
    await checkScreen(page, '05b-pourquoi');
    await page.getByRole('button', { name: 'Fermer' }).click();
  }
  const afterReview = await linkedCount();

  // Drag and drop: an old account onto a pupil without one.
  const emptyRow = () => page.locator('[data-testid^="new-"]').filter({ hasText: 'Déposez un ancien compte ici' }).first();
  const target = emptyRow();
  const targetId = (await target.getAttribute('data-testid'))?.slice(4) ?? '';
  const source = page.locator('.old-column [data-testid^="old-"]').first();
  const sourceName = ((await source.locator('.name').textContent()) ?? '').trim();
  await dragOnto(page, source, target.locator('.slot'));
  const dropped = page.getByTestId(`new-${targetId}`);
  await expect(dropped).toContainText(sourceName);
  await expect(dropped).toContainText('Faite à la main');
  await expect.poll(linkedCount).toBe(afterReview + 1);

  // Undo (Ctrl+Z) takes it back; redo (Ctrl+Y) brings it again; undo once more.
  await page.keyboard.press('Control+z');
  await expect(dropped).toContainText('Déposez un ancien compte ici');
  await expect.poll(linkedCount).toBe(afterReview);
  await page.keyboard.press('Control+y');
  await expect(dropped).toContainText(sourceName);
  await page.getByRole('button', { name: 'Annuler (Ctrl+Z)' }).click();
  await expect(dropped).toContainText('Déposez un ancien compte ici');

  // Keyboard: Enter on an old account selects it, Enter on a pupil associates it.
  const keyOld = page.locator('.old-column [data-testid^="old-"]').first();
  const keyOldName = ((await keyOld.locator('.name').textContent()) ?? '').trim();
  await keyOld.focus();
  await page.keyboard.press('Enter');
  await expect(keyOld).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId(`target-${targetId}`).focus();
  await page.keyboard.press('Enter');
  await expect(dropped).toContainText(keyOldName);
  await expect.poll(linkedCount).toBe(afterReview + 1);

  // Review and confirm: the school's name must be typed.
  await page.getByRole('button', { name: 'Continuer : vérification' }).click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await checkScreen(page, '06-verification');
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toBeDisabled();
  await page.getByLabel(/Pour confirmer, tapez le nom de l’école/).fill('École primaire de Saint-Julien-les-Oliviers');
  await confirm.click();

  // The migration, step by step, then done, letters, and what happens next.
  await expect(page.getByRole('heading', { name: 'L’ENT applique le rapprochement' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('merge-progress').getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);
  await checkScreen(page, '07a-migration-en-cours');
  await expect(page.getByTestId('merge-done')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('step-pupil-credentials')).toContainText('terminé');
  await checkScreen(page, '07-termine');
  await page.getByTestId('open-letters').click();
  const letters = page.getByTestId('letter');
  await expect(letters.first()).toBeVisible();
  expect(await letters.count()).toBeGreaterThan(0);
  await expect(letters.first()).toContainText('Identifiant');
  await checkScreen(page, '07b-lettres');
  // The print-ready page: one A4 page per pupil, the app's chrome hidden.
  const pdf = (await page.pdf({ format: 'A4', path: 'test-results/screens/07c-lettres.pdf' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(await letters.count());
  await page.getByRole('button', { name: /J’ai imprimé les lettres/ }).click();
  await expect(page.getByTestId('letters-forgotten')).toBeVisible();
});
