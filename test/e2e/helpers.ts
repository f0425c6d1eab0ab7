/** Shared steps of the e2e specs: addresses, demo accounts, sign-in, axe checks and screenshots. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const appUrl = (): string => {
  const value = process.env.PASSERELLE_E2E_URL;
  if (!value) throw new Error('PASSERELLE_E2E_URL missing: global setup did not run');
  return value;
};

/** The second browser host: "another computer" with its own data folder (scripts/e2e-stack.ts). */
export const otherComputerUrl = (): string => {
  const value = process.env.PASSERELLE_E2E_URL_2;
  if (!value) throw new Error('PASSERELLE_E2E_URL_2 missing: global setup did not run');
  return value;
};

interface DemoAccount {
  role: string;
  year: 'new' | 'old';
  login: string;
  password: string;
  school: string;
  name: string;
}

export function demoAccount(role: string, year: 'new' | 'old', school?: string): DemoAccount {
  const file = process.env.PASSERELLE_E2E_ACCOUNTS;
  if (!file) throw new Error('PASSERELLE_E2E_ACCOUNTS missing');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { accounts: DemoAccount[] };
  const found = doc.accounts.find((a) => a.role === role && a.year === year && (!school || a.school === school));
  if (!found) throw new Error(`no demo ${role}/${year} for ${school ?? 'any school'}`);
  return found;
}

/** Signals the e2e stack: stop or restart the ENT server (same port, same database). */
export function serverSignal(signal: 'SIGUSR1' | 'SIGUSR2'): void {
  process.kill(Number(process.env.PASSERELLE_E2E_PID), signal);
}

/** A full-page screenshot under test-results/screens/, and no serious or critical axe violation on the screen. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  // The screenshot first: a screen that moves on by itself (the migration) is caught as it was checked.
  await page.screenshot({ path: join('test-results', 'screens', `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), `axe on ${name}`).toEqual([]);
}

export async function signIn(page: Page, login: string, password: string, url = appUrl()): Promise<void> {
  await page.goto(url);
  // The app reopens the last session: sign out first when another user is still signed in.
  const signOut = page.getByRole('button', { name: 'Se déconnecter' });
  await expect(page.getByRole('heading', { name: 'Connexion' }).or(signOut)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await page.getByLabel('Identifiant', { exact: true }).fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Download screen: irreversibility checkbox, old credentials, then wait for the spaces screen. */
export async function downloadLists(page: Page, oldLogin: string, oldPassword: string): Promise<void> {
  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').check();
  await page.getByLabel('Ancien identifiant').fill(oldLogin);
  await page.getByLabel('Ancien mot de passe').fill(oldPassword);
  await page.getByRole('button', { name: 'Télécharger les listes' }).click();
  await expect(page.getByRole('heading', { name: 'Les espaces à récupérer' })).toBeVisible({ timeout: 20_000 });
}

/**
 * A real mouse drag (press, move past the drag threshold, move in steps, release). The library scrolls the
 * window when the pointer nears an edge, so the target's position is read again just before releasing.
 */
export async function dragOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const from = await source.boundingBox();
  if (!from) throw new Error('drag source not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 - 12, from.y + from.height / 2, { steps: 4 });
  for (let i = 0; i < 3; i++) {
    const to = await target.boundingBox();
    if (!to) throw new Error('drop target not visible');
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.waitForTimeout(150);
  }
  await page.mouse.up();
}

/**
 * Pupils screen: settles every class the way a director would, class by class: its tab, "Tout confirmer", the
 * pairs shown in the dialog, "Oui, tout confirmer". Ends when nothing is left to decide.
 */
export async function settleEveryClass(page: Page): Promise<void> {
  const left = page.locator('[data-testid^="class-tab-"]:not([data-undecided="0"])');
  for (let guard = 0; guard < 60 && (await left.count()) > 0; guard++) {
    const tab = page.getByTestId((await left.first().getAttribute('data-testid')) ?? '');
    await tab.click();
    await expect(tab).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: /^Tout confirmer \(\d+\)$/ }).click();
    const dialog = page.getByTestId('bulk-dialog');
    await expect(dialog.getByTestId('bulk-pair').first()).toBeVisible();
    await dialog.getByTestId('bulk-confirm').click();
    await expect(tab).toHaveAttribute('data-undecided', '0');
  }
  await expect(page.getByTestId('pupils-undecided')).toContainText('Tout est décidé');
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Rapprochée par Bénédicte Garnier (référent ENT) le 3 septembre 2026 à 10:12." */
export const reconciledBy = (who: string): RegExp => new RegExp(`Rapprochée par ${escapeRegExp(who)} le \\d{1,2} \\S+ \\d{4} à \\d{2}:\\d{2}\\.`);
