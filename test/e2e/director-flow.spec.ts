import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkScreen, demoAccount, downloadLists, dragOnto, settleEveryClass, signIn } from './helpers';

const UAI = '0131234X';

test.use({ viewport: { width: 1280, height: 1000 } });

test('a director reconciles a demo school end to end, by mouse and by keyboard, deciding every pair, and keeps the receipt', async ({ page }) => {
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
  const undecidedLine = page.getByTestId('pupils-undecided');
  const leftCount = async () => Number(/Reste à décider : (\d+)/.exec((await undecidedLine.textContent()) ?? '')?.[1] ?? 0);
  // The demo has dateless pairs: "à vérifier", never confirmed for the director.
  await expect(undecidedLine).toContainText(/Reste à décider : \d+/);
  const before = await linkedCount();

  // A review pair is highlighted until decided, with its reasons; "Pourquoi ?" shows them first, then the evidence.
  const review = page.locator('[data-testid^="review-"]').first();
  if (await review.count()) {
    await review.getByRole('button', { name: /^Pourquoi/ }).click();
    const dialog = page.getByTestId('why-dialog');
    await expect(dialog.locator('.evidence li').first()).toBeVisible();
    await expect(dialog.getByTestId('why-reasons').locator('li').first()).toBeVisible();
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
  const keyOldClass = (((await keyOld.locator('.muted').textContent()) ?? '').split(' · ')[0] ?? '').trim();
  await keyOld.focus();
  await page.keyboard.press('Enter');
  await expect(keyOld).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId(`target-${targetId}`).focus();
  await page.keyboard.press('Enter');
  await expect(dropped).toContainText(keyOldName);
  await expect.poll(linkedCount).toBe(afterReview + 1);
  const keyNewName = ((await page.getByTestId(`target-${targetId}`).locator('.name').textContent()) ?? '').trim();

  // One pair refused on its own: the pupil will get a new login, the old account goes back to the right column.
  if ((await page.locator('[data-testid^="review-"]').count()) === 0) await page.locator('[data-testid^="class-tab-"]:not([data-undecided="0"])').first().click();
  const refuseRow = page.locator('[data-testid^="review-"]').first();
  const refusedNewId = ((await refuseRow.getAttribute('data-testid')) ?? '').slice('review-'.length);
  const refusedOldName = ((await refuseRow.locator('.proposal-name .name').textContent()) ?? '').trim();
  const refusedNewName = ((await page.getByTestId(`target-${refusedNewId}`).locator('.name').textContent()) ?? '').trim();
  await expect(page.getByTestId(`reasons-${refusedNewId}`)).not.toBeEmpty();
  const leftBefore = await leftCount();
  await refuseRow.getByRole('button', { name: /^Refuser : / }).click();
  await expect(page.getByTestId(`new-${refusedNewId}`)).toContainText('Déposez un ancien compte ici');
  await expect.poll(leftCount).toBe(leftBefore - 1);
  await expect(page.locator('.old-column')).toContainText(refusedOldName);

  // The review: pairs left to decide block the confirmation, even with the school's name typed.
  await page.getByRole('button', { name: 'Continuer : vérification' }).click();
  await expect(page.getByTestId('summary')).toBeVisible();
  const confirm = page.getByTestId('confirm');
  const blocked = page.getByTestId('confirm-blocked');
  await expect(blocked).toContainText(`Impossible de confirmer : ${leftBefore - 1}`);
  await expect(page.getByTestId('undecided').locator('li').first()).toBeVisible();
  await page.getByLabel(/Pour confirmer, tapez le nom de l’école/).fill('École primaire de Saint-Julien-les-Oliviers');
  await expect(confirm).toBeDisabled();
  await checkScreen(page, '06a-verification-a-decider');

  // The link opens the pupils screen on a class with pairs left; "Tout refuser" is one decision (undone at once).
  await blocked.getByRole('button', { name: 'Les décider à l’étape Élèves' }).click();
  await expect(page.getByRole('heading', { name: 'Retrouver les élèves' })).toBeVisible();
  const current = page.locator('[data-testid^="class-tab-"][aria-pressed="true"]');
  const inClass = Number(await current.getAttribute('data-undecided'));
  expect(inClass).toBeGreaterThan(0);
  await expect(page.getByTestId('class-undecided')).toContainText(`: ${inClass}`);
  const bulk = page.getByTestId('bulk-dialog');
  await page.getByRole('button', { name: /^Tout refuser/ }).click();
  await expect(bulk.getByTestId('bulk-pair')).toHaveCount(inClass);
  await bulk.getByTestId('bulk-confirm').click();
  await expect(current).toHaveAttribute('data-undecided', '0');
  await page.keyboard.press('Control+z');
  await expect(current).toHaveAttribute('data-undecided', String(inClass));
  // "Tout confirmer": the pairs are shown by name with their reasons before one decision settles them.
  await page.getByRole('button', { name: /^Tout confirmer/ }).click();
  await expect(bulk.getByTestId('bulk-pair')).toHaveCount(inClass);
  await checkScreen(page, '05c-tout-confirmer');
  await bulk.getByTestId('bulk-confirm').click();
  await expect(current).toHaveAttribute('data-undecided', '0');
  await settleEveryClass(page);
  await checkScreen(page, '05d-tout-decide');

  // Review by name: who keeps their account (and last year's class), who gets a login, whose account does not follow.
  await page.getByRole('button', { name: 'Continuer : vérification' }).click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await expect(blocked).toHaveCount(0);
  const byName = page.getByTestId('by-name');
  await expect(byName.getByTestId('keeps').locator('li').filter({ hasText: keyNewName })).toContainText(`(l’an dernier : ${keyOldClass})`);
  await expect(byName.getByTestId('new-logins').filter({ hasText: refusedNewName })).toHaveCount(1);
  await expect(byName.getByTestId('not-following').locator('li').filter({ hasText: refusedOldName })).toContainText('association refusée');
  await expect(byName.getByTestId('spaces').locator('tbody tr').first()).toBeVisible();
  const linked = Number(/^(\d+) élèves sur/.exec((await page.getByTestId('count-linked').textContent()) ?? '')?.[1]);
  await checkScreen(page, '06-verification');
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

  // The receipt: printable (the app's chrome hidden on paper) and as CSV (BOM, `;`, one line per pupil).
  await page.getByRole('button', { name: 'Voir et imprimer le récapitulatif' }).click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-state')).toHaveText('fusion terminée');
  await expect(receipt.getByTestId('keeps').locator('li').filter({ hasText: keyNewName })).toBeVisible();
  await checkScreen(page, '07d-recapitulatif');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByTestId('receipt-print')).toBeHidden();
  await expect(receipt.getByTestId('by-name')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/07e-recapitulatif-impression.png', fullPage: true });
  await page.pdf({ format: 'A4', path: 'test-results/screens/07e-recapitulatif.pdf' });
  await page.emulateMedia({ media: null });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('receipt-csv').click()]);
  expect(download.suggestedFilename()).toBe(`recapitulatif-${UAI}.csv`);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('ecole;classe;nom;prenom;decision;detail');
  expect(lines.filter((l) => l.includes(';garde son compte;'))).toHaveLength(linked);
  expect(lines.some((l) => l.includes(';nouvel identifiant;'))).toBe(true);
  expect(lines.some((l) => l.includes(';ancien compte non repris;association refusée'))).toBe(true);
  await page.getByRole('button', { name: 'Retour' }).click();
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
