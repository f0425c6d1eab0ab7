import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, checkScreen, downloadLists, otherComputerUrl, signIn } from './helpers';
import { supportSchool, type SupportSchool } from './support-school';

/**
 * Support sees what the user saw (issue 15), in Chromium against the e2e stack: a director of a school of this
 * spec's own (support-school.ts) downloads it after a wrong old password, takes decisions with an undo, and exports
 * a diagnostic from the settings — its summary shown before saving, the saved file without any real pupil name.
 * Then support, on the other computer and signed in nowhere, opens that file in support mode: the timeline by
 * keyboard and buttons, a pair confirmed at step k still undecided at step k-1, « Pourquoi ? », the review by name,
 * the batch, the errors met. Last, real data: the typed consent, the password shown once, a wrong password refused
 * in French, the right one opens it.
 */
test.use({ viewport: { width: 1280, height: 1000 } });
test.describe.configure({ mode: 'serial' });

let school: SupportSchool;
let pseudonymisedFile = '';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const holds = (text: string, name: string): boolean => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'iu').test(text);

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Paramètres' }).click();
  await expect(page.getByRole('heading', { name: 'Assistance', exact: true })).toBeVisible();
}

/** Saves what the « Enregistrer » button downloads under test-results/, returns its path. */
async function saveDownload(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('diagnostic-save').click()]);
  const path = join('test-results', 'diagnostics', name);
  await download.saveAs(path);
  expect(download.suggestedFilename()).toMatch(/^diagnostic-passerelle-\d{8}-\d{4}(-chiffre)?\.json$/);
  return path;
}

/** The other computer, signed in nowhere, in support mode. */
async function supportMode(page: Page): Promise<void> {
  await page.goto(otherComputerUrl());
  const signOut = page.getByRole('button', { name: 'Se déconnecter' });
  const mode = page.getByTestId('support-mode');
  await expect(page.getByRole('heading', { name: 'Connexion' }).or(signOut).or(mode)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  if (!(await mode.isVisible())) {
    await openSettings(page);
    await page.getByRole('button', { name: 'Ouvrir un diagnostic (assistance)' }).click();
  }
  await expect(mode).toBeVisible();
  // Read-only: nothing in support mode signs in, downloads or sends.
  for (const name of ['Se connecter', 'Télécharger les listes', 'Confirmer', 'Envoyer']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
}

test('a director exports a pseudonymised diagnostic: the summary first, then a file without any real pupil name', async ({ page }) => {
  test.setTimeout(120_000);
  school = await supportSchool();
  await signIn(page, school.director.login, school.director.password, appUrl());
  await expect(page.getByRole('heading', { name: /Télécharger les listes/ })).toBeVisible();
  // An error the support will see: a wrong old password first.
  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').check();
  await page.getByLabel('Ancien identifiant').fill(school.oldDirector.login);
  await page.getByLabel('Ancien mot de passe').fill('pas-le-bon');
  await page.getByRole('button', { name: 'Télécharger les listes' }).click();
  await expect(page.getByTestId('error')).toContainText('incorrects');
  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').uncheck();
  await downloadLists(page, school.oldDirector.login, school.oldDirector.password);
  await page.getByRole('button', { name: 'Continuer : les élèves' }).click();
  await expect(page.getByRole('heading', { name: 'Retrouver les élèves' })).toBeVisible();

  // Decisions: one pair confirmed, one refused, the refusal undone.
  const totals = page.getByTestId('pupils-totals');
  const linked = async () => Number(/^(\d+)/.exec((await totals.textContent()) ?? '')?.[1]);
  const before = await linked();
  const reviews = page.locator('[data-testid^="review-"]');
  await expect(reviews.first()).toBeVisible();
  await reviews.first().getByRole('button', { name: /^Confirmer que/ }).click();
  await expect.poll(linked).toBe(before + 1);
  const left = async () => reviews.count();
  const pending = await left();
  await reviews.first().getByRole('button', { name: /^Refuser :/ }).click();
  await expect.poll(left).toBe(pending - 1);
  await page.getByRole('button', { name: 'Annuler (Ctrl+Z)' }).click();
  await expect.poll(left).toBe(pending);

  // Settings: where the logs are, then the diagnostic's summary before anything is saved.
  await openSettings(page);
  await expect(page.getByTestId('logs-dir')).toContainText('logs');
  await page.getByRole('button', { name: 'Exporter un diagnostic' }).click();
  const summary = page.getByTestId('diagnostic-summary');
  await expect(summary).toBeVisible();
  await expect(page.getByTestId('diagnostic-pseudonymised')).toHaveAttribute('data-pseudonymised', 'true');
  const row = page.getByTestId(`diagnostic-school-${school.uai}`);
  await expect(row).toContainText(`${school.name} (${school.uai})`);
  await expect(row).toContainText(/\d+ élèves cette année, \d+ anciens comptes, \d+ propositions, [4-9] décisions, 0 lot, \d+ événements?, 1 erreur/);
  await expect(page.getByTestId('diagnostic-excluded')).toContainText('Jamais dans le fichier : aucun mot de passe, aucun jeton de connexion');
  await expect(page.getByTestId('diagnostic-kinds')).toContainText(/pour \d+ associations? sur \d+/);
  await expect(page.getByTestId('diagnostic-size')).toContainText(/Taille : [\d,]+ (ko|Mo)/);
  await checkScreen(page, '15-diagnostic-resume');

  pseudonymisedFile = await saveDownload(page, 'pseudonymise.json');
  await expect(page.getByTestId('diagnostic-saved')).toContainText('Diagnostic enregistré');
  const text = readFileSync(pseudonymisedFile, 'utf8');
  expect(text.length).toBeGreaterThan(10_000);
  expect(school.pupilNames.length).toBeGreaterThan(100);
  expect(school.pupilNames.filter((n) => holds(text, n))).toEqual([]);
  expect(text).not.toContain(school.director.password);
  expect(text).not.toContain(school.oldDirector.password);
});

test('support opens the file signed in nowhere and steps through the session by keyboard and buttons', async ({ page }) => {
  test.setTimeout(90_000);
  await supportMode(page);
  await checkScreen(page, '15b-assistance-ouvrir');
  await page.locator('#assist-file').setInputFiles(pseudonymisedFile);
  await expect(page.getByTestId('assist-header')).toBeVisible();
  await expect(page.getByTestId('assist-data')).toHaveText('Données pseudonymisées : noms inventés, dates décalées');
  await expect(page.getByTestId('assist-roles')).toContainText(`directeur de ${school.uai}`);

  const timeline = page.getByTestId('assist-timeline');
  const options = timeline.getByRole('option');
  const count = await options.count();
  expect(count).toBeGreaterThanOrEqual(6);
  // The session in order: the failed download, the download, the sure pairs, the confirmation, the refusal, its undo.
  const kinds = await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  expect(kinds.slice(0, 2)).toEqual(['pull-failed', 'pull']);
  await expect(options.nth(0)).toContainText('Échec du téléchargement : ');
  await expect(options.last()).toContainText('Annulation de la dernière décision');
  const step = page.getByTestId('assist-step');
  // Opened on the last step.
  await expect(options.last()).toHaveAttribute('aria-selected', 'true');
  await expect(step).toHaveAttribute('data-index', String(count - 1));
  await checkScreen(page, '15c-assistance-chronologie');

  // Step k: the confirmation of one pair (clicked); its pupil is marked, associated.
  const confirmed = options.filter({ hasText: 'Décision : association confirmée (1 paire)' }).first();
  const k = Number(await confirmed.getAttribute('data-index'));
  await confirmed.click();
  await expect(step).toHaveAttribute('data-index', String(k));
  const focusRow = page.locator('[data-testid="assist-pupils"] tr.focus');
  await expect(focusRow).toHaveCount(1);
  await expect(focusRow).toHaveAttribute('data-state', 'linked');
  await expect(focusRow).toContainText('Décision de cette étape');
  const rowId = (await focusRow.getAttribute('data-testid')) ?? '';
  const classTab = page.locator('[data-testid="assist-pupils"] nav [aria-pressed="true"]');
  const classId = (await classTab.getAttribute('data-testid')) ?? '';
  await checkScreen(page, '15d-assistance-etape');
  // « Pourquoi ? » as the director saw it, deciding nothing here.
  await focusRow.getByRole('button', { name: /^Pourquoi/ }).click();
  const why = page.getByTestId('why-dialog');
  await expect(why.locator('.evidence li').first()).toBeVisible();
  await expect(why.getByRole('button', { name: /^Confirmer/ })).toHaveCount(0);
  await checkScreen(page, '15e-assistance-pourquoi');
  await page.keyboard.press('Escape');
  await expect(why).toBeHidden();

  // Step k-1 by keyboard: the same pair is still to decide.
  await timeline.focus();
  await page.keyboard.press('ArrowUp');
  await expect(step).toHaveAttribute('data-index', String(k - 1));
  await expect(options.nth(k - 1)).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId(classId).click();
  await expect(page.getByTestId(rowId)).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId(rowId)).toContainText('À vérifier');
  // Home, End, then the buttons.
  await timeline.focus();
  await page.keyboard.press('Home');
  await expect(step).toHaveAttribute('data-index', '0');
  await page.keyboard.press('End');
  await expect(step).toHaveAttribute('data-index', String(count - 1));
  await page.getByTestId('assist-prev').click();
  await expect(step).toHaveAttribute('data-index', String(count - 2));
  await page.getByTestId('assist-next').click();
  await expect(step).toHaveAttribute('data-index', String(count - 1));
  await expect(page.getByTestId('assist-next')).toBeDisabled();

  // The other screens at this step: the review by name, the batch as built (and its JSON), the spaces.
  await page.getByTestId('assist-view-review').click();
  await expect(page.getByTestId('by-name')).toBeVisible();
  await expect(page.getByTestId('assist-review')).toContainText(/proposition.* encore à décider à cette étape/);
  await checkScreen(page, '15f-assistance-verification');
  await page.getByTestId('assist-view-batch').click();
  await expect(page.getByTestId('assist-batch-counts')).toContainText(/\d+ associations? d’élèves/);
  await page.getByText('Le lot tel quel (JSON)').click();
  await expect(page.getByTestId('assist-batch-json')).toContainText('"baseVersions"');
  await page.getByTestId('assist-view-spaces').click();
  await expect(page.getByTestId('assist-spaces')).toBeVisible();
  await checkScreen(page, '15g-assistance-espaces');

  // The errors met, in order, each leading to its step.
  const errors = page.getByTestId('assist-errors').locator('li');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText('Échec du téléchargement');
  await errors.first().getByRole('button', { name: /^Voir l’étape 1/ }).click();
  await expect(step).toHaveAttribute('data-index', '0');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('assist-logs')).toBeVisible();
  await checkScreen(page, '15h-assistance-erreurs');

  // Closed: support mode offers a file again; a reload does not reopen it.
  await page.getByRole('button', { name: 'Fermer le diagnostic' }).click();
  await expect(page.locator('#assist-file')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('support-mode')).toHaveCount(0);
});

test('real data: typed consent, the password shown once, a wrong password refused, the right one opens it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto(appUrl());
  // The director is still signed in on this computer.
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await openSettings(page);
  await page.getByLabel('Inclure les vraies données (noms, dates de naissance)').check();
  await expect(page.getByTestId('diagnostic-real-warning')).toContainText('vrais noms et dates de naissance');
  await page.getByRole('button', { name: 'Exporter un diagnostic' }).click();
  await expect(page.getByTestId('diagnostic-pseudonymised')).toHaveAttribute('data-pseudonymised', 'false');
  await expect(page.getByTestId('diagnostic-save')).toBeDisabled();
  await page.getByLabel('Pour confirmer, tapez DONNÉES RÉELLES').fill('oui');
  await expect(page.getByTestId('diagnostic-save')).toBeDisabled();
  await page.getByLabel('Pour confirmer, tapez DONNÉES RÉELLES').fill('données réelles');
  await checkScreen(page, '15i-diagnostic-vraies-donnees');
  const file = await saveDownload(page, 'chiffre.json');
  const dialog = page.getByTestId('diagnostic-password-dialog');
  await expect(dialog).toContainText('il ne sera plus jamais affiché');
  await expect(dialog).toContainText('par téléphone');
  const password = ((await page.getByTestId('diagnostic-password').textContent()) ?? '').trim();
  expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){5}$/);
  await checkScreen(page, '15j-diagnostic-mot-de-passe');
  await dialog.getByRole('button', { name: 'J’ai noté le mot de passe' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(password)).toHaveCount(0);
  const text = readFileSync(file, 'utf8');
  expect(school.pupilNames.filter((n) => holds(text, n))).toEqual([]);

  const other = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const support = await other.newPage();
  await supportMode(support);
  await support.locator('#assist-file').setInputFiles(file);
  await expect(support.getByTestId('assist-locked')).toBeVisible();
  await support.getByLabel('Mot de passe du diagnostic').fill('pas-le-bon');
  await support.getByRole('button', { name: 'Ouvrir', exact: true }).click();
  await expect(support.getByTestId('error')).toContainText('Mot de passe incorrect');
  await checkScreen(support, '15k-assistance-mot-de-passe');
  await support.getByLabel('Mot de passe du diagnostic').fill(password);
  await support.getByRole('button', { name: 'Ouvrir', exact: true }).click();
  await expect(support.getByTestId('assist-data')).toHaveAttribute('data-pseudonymised', 'false');
  await expect(support.getByTestId('assist-data')).toContainText('VRAIES DONNÉES');
  // Real names this time: one of the school's real pupils is on the pupils screen.
  await support.getByTestId('assist-view-pupils').click();
  const shown = (await support.getByTestId('assist-pupils').textContent()) ?? '';
  expect(school.pupilNames.some((n) => holds(shown, n))).toBe(true);
  await checkScreen(support, '15l-assistance-vraies-donnees');
  await support.getByRole('button', { name: 'Fermer le diagnostic' }).click();
  await expect(support.locator('#assist-file')).toBeVisible();
  await other.close();
});
