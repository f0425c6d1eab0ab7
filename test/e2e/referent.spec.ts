import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkScreen, demoAccount, reconciledBy, signIn } from './helpers';

test.use({ viewport: { width: 1280, height: 1000 } });

/** Bénédicte Garnier's own old referent account, referent last year of the demo's extra schools (`--demo-schools 4`). */
function oldReferentAccount(): { login: string; password: string } {
  const file = process.env.PASSERELLE_E2E_ACCOUNTS ?? '';
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { accounts: Array<{ role: string; year: string; login: string; password: string; name: string }> };
  const found = doc.accounts.find((a) => a.role === 'referent' && a.year === 'old' && a.name.includes('son ancien compte de référente ENT'));
  if (!found) throw new Error('the demo referent has no old referent account: was the ENT started with extra demo schools?');
  return found;
}

/** The spreadsheet as a spreadsheet reads it: `;`, quoted cells with doubled quotes, CRLF, BOM. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
const toCsv = (rows: string[][]): string => `\uFEFF${rows.map((r) => r.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';')).join('\r\n')}\r\n`;

const leftIn = async (page: Page): Promise<number> => Number(/Reste à décider : (\d+)/.exec((await page.getByTestId('queue-left').textContent()) ?? '')?.[1] ?? 0);
const focusedRow = (page: Page) => page.locator('.qrow:focus');

test('a referent with several schools: one proof, every school downloaded, one queue by keyboard, the spreadsheet both ways, several schools confirmed, sent and merged', async ({ page }) => {
  test.setTimeout(300_000);
  const referent = demoAccount('referent', 'new');
  const old = oldReferentAccount();
  await signIn(page, referent.login, referent.password);

  // The board replaces the plain list: every school of her account, none covered by a proof yet.
  await expect(page.getByRole('heading', { name: 'Vos écoles' })).toBeVisible();
  const rows = page.locator('[data-testid^="board-row-"]');
  await expect(rows).toHaveCount(7);
  await expect(page.getByTestId('board-totals')).toContainText('7 écoles affichées sur 7');
  // Only what an old account proven on this computer opens is covered (another spec downloaded a school with its director's).
  const coveredBefore = await page.locator('[data-testid^="covered-"]', { hasText: /^Couverte/ }).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid ?? ''));
  const proof = page.getByTestId('proof');
  await expect(proof.getByRole('heading', { name: 'Prouver mon ancien compte de référent' })).toBeVisible();
  await expect(proof).toContainText('Jamais le mot de passe d’un directeur');
  await checkScreen(page, '11-tableau-ecoles');

  // One proof of her own old referent account, with the download step's irreversible confirmation.
  const submit = proof.getByRole('button', { name: 'Prouver mon ancien compte' });
  await expect(submit).toBeDisabled();
  await proof.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').check();
  await proof.getByLabel('Ancien identifiant').fill(old.login);
  await proof.getByLabel('Ancien mot de passe').fill(old.password);
  await submit.click();
  await expect(page.getByTestId('proof-covers')).toContainText(`Votre ancien compte ${old.login} (Bénédicte Garnier) couvre 4 écoles`);
  const covered = page.locator('[data-testid^="covered-"]', { hasText: /^Couverte/ });
  await expect(covered).toHaveCount(coveredBefore.length + 4);
  const extra = (await covered.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid ?? ''))).filter((id) => !coveredBefore.includes(id)).map((id) => id.slice('covered-'.length)).sort();
  expect(extra).toHaveLength(4);
  // Which schools it covers, by name.
  for (const uai of extra) await expect(page.getByTestId('proof-covers')).toContainText((await page.getByTestId(`school-${uai}`).textContent()) ?? uai);
  await checkScreen(page, '11b-preuve-faite');

  // Search by name, UAI or commune, case and accents ignored; filter by state; totals follow.
  const search = page.getByLabel('Rechercher une école');
  await search.fill('FREDERIC-MISTRAL');
  await expect(page.getByTestId('school-0137890B')).toBeVisible();
  await search.fill(extra[0]?.slice(0, 5) ?? '');
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('board-totals')).toContainText('4 écoles affichées sur 7');
  await page.getByLabel('État').selectOption('not-pulled');
  await expect(rows).toHaveCount(4);
  await page.getByLabel('État').selectOption('all');

  // « Tout télécharger »: the shown schools the proof covers, one bar per school and one overall.
  const pullAll = page.getByTestId('pull-many');
  await expect(pullAll).toHaveText('Tout télécharger (4)');
  await pullAll.click();
  await expect(page.getByTestId('pull-many-progress')).toBeVisible();
  await checkScreen(page, '11c-telechargement');
  for (const uai of extra) await expect(page.getByTestId(`state-${uai}`)).toContainText('à décider', { timeout: 90_000 });
  await expect(page.getByTestId('board-notice')).toContainText('4 écoles téléchargées');
  await expect(page.getByTestId('pull-many-progress')).toBeHidden();

  // Select the four (« tout sélectionner » of the shown rows), accept their sure pairs in one go.
  await page.getByTestId('select-all').check();
  await expect(page.getByTestId('board-scope')).toContainText('4 écoles sélectionnées');
  await page.getByTestId('accept-auto-many').click();
  await expect(page.getByTestId('board-notice')).toContainText(/associations? sûres? acceptées? dans 4 écoles/);

  // The one queue across the four schools, worked by keyboard.
  await page.getByTestId('open-queue').click();
  await expect(page.getByRole('heading', { name: 'File d’attente : les associations à décider' })).toBeVisible();
  await expect(page.getByTestId('queue-left')).toHaveAttribute('data-loaded', 'true');
  await expect(page.getByTestId('queue-left')).toContainText(/Reste à décider : \d+ associations? dans \d écoles?/);
  await expect(page.getByTestId('queue-keys')).toContainText('Entrée ou c : confirmer');
  await checkScreen(page, '11d-file-attente');
  const start = await leftIn(page);
  expect(start).toBeGreaterThan(3);

  await page.getByTestId('queue-row-0').focus();
  await expect(focusedRow(page)).toHaveClass(/school/);
  await page.keyboard.press('j');
  await expect(focusedRow(page)).toHaveClass(/class/);
  await page.keyboard.press('ArrowDown');
  await expect(focusedRow(page)).toHaveClass(/pair/);
  await page.keyboard.press('k');
  await expect(focusedRow(page)).toHaveClass(/class/);
  await page.keyboard.press('j');
  // « Pourquoi ? »: the pupils screen's own dialog, reasons then evidence.
  await page.keyboard.press('?');
  const why = page.getByTestId('why-dialog');
  await expect(why.locator('.evidence li').first()).toBeVisible();
  await checkScreen(page, '11e-pourquoi');
  await page.keyboard.press('Escape');
  await expect(why).toBeHidden();
  await expect(focusedRow(page)).toHaveClass(/pair/);
  // c confirms, r refuses, Ctrl+Z takes the school's last decision back.
  await page.keyboard.press('c');
  await expect(page.getByTestId('queue-announce')).toContainText('Confirmé :');
  await expect.poll(() => leftIn(page)).toBe(start - 1);
  await expect(focusedRow(page)).toHaveCount(1);
  for (let guard = 0; guard < 10 && !/pair/.test((await focusedRow(page).getAttribute('class')) ?? ''); guard++) await page.keyboard.press('j');
  await page.keyboard.press('r');
  await expect(page.getByTestId('queue-announce')).toContainText('Refusé :');
  await expect.poll(() => leftIn(page)).toBe(start - 2);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('queue-announce')).toContainText('Dernière décision annulée');
  await expect.poll(() => leftIn(page)).toBe(start - 1);

  // A class at once: c on its line lists its pairs first, Enter confirms them all (one undoable decision).
  const classRow = page.locator('.qrow.class').first();
  await classRow.focus();
  const inClass = Number(await classRow.getAttribute('data-pairs'));
  expect(inClass).toBeGreaterThan(0);
  await page.keyboard.press('c');
  const bulk = page.getByTestId('bulk-dialog');
  await expect(bulk.getByTestId('bulk-pair')).toHaveCount(inClass);
  await checkScreen(page, '11f-classe-entiere');
  await page.keyboard.press('Enter');
  await expect(bulk).toBeHidden();
  await expect.poll(() => leftIn(page)).toBe(start - 1 - inClass);
  const leftForSheet = await leftIn(page);
  expect(leftForSheet).toBeGreaterThan(0);

  // The spreadsheet: exported for the selected schools, edited, imported back.
  await page.getByTestId('back-to-board').click();
  await expect(page.getByRole('heading', { name: 'Vos écoles' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-decisions').click()]);
  expect(download.suggestedFilename()).toBe('decisions-4-ecoles.csv');
  const exported = readFileSync(await download.path(), 'utf8');
  expect(exported.startsWith('\uFEFF')).toBe(true);
  const table = parseCsv(exported);
  const header = table[0] ?? [];
  expect(header.slice(0, 5)).toEqual(['ecole', 'nom_ecole', 'ancien_id', 'nouveau_id', 'decision']);
  const col = (name: string) => header.indexOf(name);
  const undecided = table.slice(1).filter((r) => r[col('decision')] === '' && r[col('ancien_id')] && r[col('nouveau_id')]);
  expect(undecided).toHaveLength(leftForSheet);
  expect(new Set(table.slice(1).map((r) => r[col('ecole')]))).toEqual(new Set(extra));

  // A wrong word in the decision column: refused as a whole, named by line and column, nothing changed.
  const wrongLine = table.indexOf(undecided[0] ?? []) + 1;
  const wrong = table.map((r) => (r === undecided[0] ? r.map((v, c) => (c === col('decision') ? 'peut-être' : v)) : r));
  mkdirSync(test.info().outputDir, { recursive: true });
  const wrongFile = join(test.info().outputDir, 'decisions-faux.csv');
  writeFileSync(wrongFile, toCsv(wrong));
  await page.getByLabel('Importer un fichier de décisions').setInputFiles(wrongFile);
  const refused = page.getByTestId('import-error');
  await expect(refused).toContainText('rien n’a été changé');
  await expect(refused).toContainText(`ligne ${wrongLine}, colonne decision`);
  await expect(refused).toContainText('« peut-être » n\'est pas une décision');
  await checkScreen(page, '11g-import-refuse');

  // Every pair left undecided confirmed in the file: imported, said per school, one undo per school takes it back.
  const settled = table.map((r) => (undecided.includes(r) ? r.map((v, c) => (c === col('decision') ? 'confirmer' : v)) : r));
  const rightFile = join(test.info().outputDir, 'decisions.csv');
  writeFileSync(rightFile, toCsv(settled));
  await page.getByLabel('Importer un fichier de décisions').setInputFiles(rightFile);
  const done = page.getByTestId('import-done');
  await expect(done).toContainText('Fichier importé');
  await expect(done).toContainText('une seule annulation reprend tout l’import');
  const perSchool = done.locator('[data-testid^="import-school-"]');
  const schoolsImported = await perSchool.count();
  expect(schoolsImported).toBeGreaterThan(0);
  const confirmedInFile = (await perSchool.allTextContents()).reduce((n, text) => n + Number(/(\d+) associations? confirmées?/.exec(text)?.[1] ?? 0), 0);
  expect(confirmedInFile).toBe(leftForSheet);
  await checkScreen(page, '11h-import');
  for (const uai of extra) await expect(page.getByTestId(`state-${uai}`)).toHaveText('Prête à confirmer');
  const first = ((await perSchool.first().getAttribute('data-testid')) ?? '').slice('import-school-'.length);
  await perSchool.first().getByRole('button', { name: /^Annuler l’import pour / }).click();
  await expect(page.getByTestId(`state-${first}`)).toContainText('à décider');
  await page.getByLabel('Importer un fichier de décisions').setInputFiles(rightFile);
  await expect(page.getByTestId(`import-school-${first}`)).toBeVisible();
  await expect(page.getByTestId(`state-${first}`)).toHaveText('Prête à confirmer');

  // « Confirmer les écoles prêtes »: listed by name, ONE typed confirmation, each school its own batch.
  await page.getByTestId('confirm-many').click();
  const dialog = page.getByTestId('confirm-many-dialog');
  await expect(dialog.getByTestId('confirm-many-list').locator('li')).toHaveCount(4);
  await expect(dialog).toContainText('le retour en arrière ne sera pas possible');
  await expect(dialog.getByTestId('confirm-many-do')).toBeDisabled();
  await checkScreen(page, '11i-confirmer-ecoles');
  await dialog.getByLabel(/Pour confirmer, tapez le nombre d’écoles \(4\)/).fill('4');
  await dialog.getByTestId('confirm-many-do').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('board-notice')).toContainText('4 écoles confirmées');
  // « Envoyer » right away (the core's background work would send them by itself at its next look at the server).
  const send = page.getByTestId('push-many');
  if (await send.isEnabled()) await send.click();

  // The board follows each merge until the ENT says who reconciled each school, and when.
  const byHer = reconciledBy('Bénédicte Garnier (référent ENT)');
  for (const uai of extra) {
    await expect(page.getByTestId(`state-${uai}`)).toHaveText('Rapprochée', { timeout: 120_000 });
    await expect(page.getByTestId(`school-ent-${uai}`)).toContainText(byHer);
  }
  await page.getByLabel('État').selectOption('merged');
  await expect(rows).toHaveCount(4);
  await checkScreen(page, '11j-ecoles-rapprochees');
});
