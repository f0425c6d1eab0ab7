import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { checkScreen } from './helpers';
import type { SmallScreensStack } from './small-screens-stack';

/**
 * The pupils screen on school PCs: 1024×768 and 1366×768 screens at 100 % and 125 % (Windows' scaling gives a
 * CSS window of width/1.25 × height/1.25 with 1.25 device pixels per CSS pixel). A school of its own
 * (small-screens-stack.ts: the other specs reconcile the shared stack's three demo schools) where a few children
 * have very long names. At each size: no two boxes overlap (columns, rows, each row's parts, the right column's
 * cards, the toolbars' buttons), no text spills out of its box, a long name is cut or wrapped with the whole of
 * it in its title and accessible name, the right column stays in view while the class list scrolls, both searches
 * look through every class; a screenshot named with the size, and axe.
 */

const SIZES = [
  { width: 1024, height: 768, zoom: 1, name: '1024x768' },
  { width: 1024, height: 768, zoom: 1.25, name: '1024x768-125' },
  { width: 1366, height: 768, zoom: 1, name: '1366x768' },
  { width: 1366, height: 768, zoom: 1.25, name: '1366x768-125' },
] as const;

let stack: SmallScreensStack;
let child: ChildProcess | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const root = resolve(import.meta.dirname, '../..');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/small-screens-stack.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  child = proc;
  stack = await new Promise<SmallScreensStack>((resolveStack, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('small-screens stack did not start within 60 s')), 60_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = /^SMALL_SCREENS=(.+)$/m.exec(buffer)?.[1];
      if (!line) return;
      clearTimeout(timer);
      resolveStack(JSON.parse(line) as SmallScreensStack);
    });
    proc.once('exit', (code) => reject(new Error(`small-screens stack exited with ${String(code)}`)));
  });
});

test.afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child?.once('exit', r));
  child.kill('SIGTERM');
  await exited;
});

/** A page the size of that screen at that zoom. */
async function pageAt(browser: Browser, size: (typeof SIZES)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: Math.round(size.width / size.zoom), height: Math.round(size.height / size.zoom) }, deviceScaleFactor: size.zoom });
  return context.newPage();
}

/** From wherever the app reopens (the spaces step after the download, or the pupils step) to the pupils screen, at the top. */
async function openPupils(page: Page): Promise<void> {
  await page.goto(stack.url);
  const heading = page.getByRole('heading', { name: 'Retrouver les élèves' });
  const next = page.getByRole('button', { name: 'Continuer : les élèves' });
  await expect(heading.or(next)).toBeVisible({ timeout: 20_000 });
  if (await next.isVisible()) await next.click();
  await expect(heading).toBeVisible();
  await expect(page.locator('[data-testid^="new-"]').first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
}

interface Problem {
  what: string;
  a: string;
  b?: string;
}

/**
 * Everything that must not overlap or spill, measured in the page: pairs of sibling boxes that intersect (more
 * than a pixel: borders may touch), boxes that leave their container, text wider or taller than its box without
 * being clipped (a cut name has overflow hidden: its ellipsis).
 */
async function layoutProblems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: Array<{ what: string; a: string; b?: string }> = [];
    const label = (el: Element): string => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${[...el.classList].join('.')} «${(el.textContent ?? '').trim().slice(0, 40)}»`;
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const intersect = (a: DOMRect, b: DOMRect): boolean => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    // In a scrolling list, rows above or below the view are clipped by it: only the width must fit.
    const inside = (inner: DOMRect, outer: DOMRect, scrolls: boolean): boolean =>
      inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && (scrolls || (inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1));
    const noOverlap = (what: string, items: Element[], container?: Element): void => {
      const scrolls = container ? ['auto', 'scroll'].includes(getComputedStyle(container).overflowY) : false;
      const shown = items.filter(visible);
      const boxes = shown.map((el) => el.getBoundingClientRect());
      for (let i = 0; i < shown.length; i++) {
        const a = boxes[i]!;
        if (container && !inside(a, container.getBoundingClientRect(), scrolls)) problems.push({ what: `${what}: outside its container`, a: label(shown[i]!), b: label(container) });
        for (let j = i + 1; j < shown.length; j++) if (intersect(a, boxes[j]!)) problems.push({ what: `${what}: overlap`, a: label(shown[i]!), b: label(shown[j]!) });
      }
    };
    const q = (sel: string, root: ParentNode = document): Element[] => [...root.querySelectorAll(sel)];
    const columns = document.querySelector('.columns');
    if (!columns) return [{ what: 'no .columns', a: '' }];
    noOverlap('columns', q('.columns > .column'), columns);
    noOverlap('toolbar', q('.toolbar > *'));
    noOverlap('class tabs', q('.class-tabs > .tab'));
    noOverlap('class bar', q('.class-bar > *'));
    for (const filters of q('.filters')) noOverlap('filters', [...filters.children], filters);
    const rows = q('.new-column .new-row');
    noOverlap('rows', rows, document.querySelector('.new-column .vlist') ?? undefined);
    for (const row of rows) {
      noOverlap('row parts', q(':scope > .new-pupil, :scope > .slot', row), row);
      for (const button of q('.new-pupil', row)) noOverlap('pupil', [...button.children], button);
      for (const content of q('.slot-content', row)) {
        noOverlap('slot', [...content.children], row.querySelector('.slot') ?? undefined);
        for (const meta of q('.slot-meta', content)) noOverlap('slot buttons', [...meta.children], content);
        for (const name of q('.proposal-name', content)) noOverlap('proposal', [...name.children], name);
      }
    }
    const oldList = document.querySelector('.old-column .vlist');
    noOverlap('old cards', q('.old-column .old-card'), oldList ?? undefined);
    for (const card of q('.old-card')) noOverlap('old card', [...card.children], card);
    // Text: wider or taller than its box only when clipped (overflow hidden: the ellipsis or the two-line cut).
    for (const el of q('.columns .name, .columns .muted, .columns button, .columns .badge, .columns .reasons, .columns label, .columns h3')) {
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      const clipped = style.overflowX === 'hidden' || style.overflowX === 'clip';
      if (!clipped && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) && el.clientWidth > 0) problems.push({ what: 'text spills out of its box', a: label(el) });
    }
    return problems;
  });
}

test('the director downloads the lists of the school with long names', async ({ browser }) => {
  const page = await pageAt(browser, SIZES[0]);
  await page.goto(stack.url);
  await page.getByLabel('Identifiant', { exact: true }).fill(stack.director.login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(stack.director.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').check();
  await page.getByLabel('Ancien identifiant').fill(stack.legacy.login);
  await page.getByLabel('Ancien mot de passe').fill(stack.legacy.password);
  await page.getByRole('button', { name: 'Télécharger les listes' }).click();
  await expect(page.getByRole('heading', { name: 'Les espaces à récupérer' })).toBeVisible({ timeout: 30_000 });
  await page.context().close();
});

for (const size of SIZES) {
  test(`pupils screen at ${size.width}×${size.height}, ${size.zoom * 100} %`, async ({ browser }) => {
    test.setTimeout(60_000);
    const page = await pageAt(browser, size);
    expect(await page.evaluate(() => [window.innerWidth, window.devicePixelRatio])).toEqual([Math.round(size.width / size.zoom), size.zoom]);
    await openPupils(page);
    // The class shown has a planted long name (one per class): open its tab.
    const shown = page.locator('[data-testid^="class-tab-"][aria-pressed="true"]');
    const shownLabel = ((await shown.textContent()) ?? '').trim();
    const here = stack.planted.find((p) => shownLabel.startsWith(`${p.classLabel} `)) ?? stack.planted[0]!;
    if (!shownLabel.startsWith(`${here.classLabel} `)) await page.locator('[data-testid^="class-tab-"]').filter({ hasText: new RegExp(`^${here.classLabel} \\d`) }).click();

    // No overlap, nothing spilling out.
    expect(await layoutProblems(page)).toEqual([]);
    await checkScreen(page, `10-eleves-${size.name}`);

    // The long name: cut or wrapped on screen, whole in the title and the accessible name.
    const full = `${here.nom} ${here.prenom}`;
    const target = page.getByTestId(`target-${here.newId}`);
    await expect(target).toHaveAttribute('title', new RegExp(`^${full} — `));
    await expect(target).toHaveAccessibleName(new RegExp(`${here.prenom} ${here.nom}`));
    const name = target.locator('.name');
    await expect(name).toHaveText(full);
    const cut = await name.evaluate((el) => ({ cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1, lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '20')) }));
    expect(cut.cut || cut.lines >= 2, 'the long name is cut (ellipsis) or wrapped').toBe(true);
    // Its old account, in the middle column (linked or proposed), says the whole name too.
    const middle = page.getByTestId(`new-${here.newId}`).locator('.slot [title]').first();
    await expect(middle).toHaveAttribute('title', new RegExp(`^${full} — `));

    // The right column stays in view while the class list scrolls down to its last pupil.
    const oldColumn = page.locator('.old-column');
    const rows = page.locator('.new-column .new-row');
    // (the last pupil at the bottom of the window, as a director scrolling down the class sees it)
    await rows.last().evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(200);
    const view = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
    const column = await oldColumn.boundingBox();
    expect(column).not.toBeNull();
    expect(column!.y).toBeGreaterThanOrEqual(0);
    expect(column!.y + column!.height).toBeLessThanOrEqual(view.h + 1);
    await expect(page.locator('.old-column [data-testid^="old-"]').first()).toBeInViewport();
    await expect(page.getByLabel('Rechercher un nom')).toBeInViewport();
    expect(await layoutProblems(page)).toEqual([]);

    // Search this year's pupils across classes: a planted pupil of another class, shown with her class.
    await page.evaluate(() => window.scrollTo(0, 0));
    const other = stack.planted.find((p) => p.classLabel !== here.classLabel)!;
    await page.getByLabel('Rechercher un élève dans toutes les classes').fill(other.prenom.split('-').slice(0, 2).join('-'));
    await expect(page.getByTestId('new-search-status')).toContainText('1 élève trouvé dans toutes les classes');
    const result = page.getByTestId(`target-${other.newId}`);
    await expect(result).toContainText(other.classLabel);
    await expect(result).toHaveAccessibleName(new RegExp(`classe ${other.classLabel}`));
    expect(await layoutProblems(page)).toEqual([]);
    if (size === SIZES[1]) await checkScreen(page, `10-eleves-recherche-${size.name}`);
    await page.getByLabel('Rechercher un élève dans toutes les classes').fill('');
    await expect(page.getByTestId('new-search-status')).toHaveCount(0);

    // The old accounts' search covers every old class: the child who left, whatever the class shown.
    await page.getByLabel('Rechercher un nom').fill(stack.leaver.prenom.split('-')[0]!);
    const leaver = page.getByTestId(`old-${stack.leaver.oldId}`);
    await expect(leaver).toBeVisible();
    await expect(leaver).toHaveAttribute('title', new RegExp(`^${stack.leaver.nom} ${stack.leaver.prenom} — `));
    await expect(leaver).toHaveAccessibleName(new RegExp(`${stack.leaver.prenom} ${stack.leaver.nom}`));
    expect(await layoutProblems(page)).toEqual([]);
    await page.getByLabel('Rechercher un nom').fill('');
    await page.context().close();
  });
}

test('at 1024×768 and 125 %, an old account dragged from the sticky right column onto a pupil at the bottom of the class', async ({ browser }) => {
  test.setTimeout(60_000);
  const page = await pageAt(browser, SIZES[1]);
  await openPupils(page);
  const totals = page.getByTestId('pupils-totals');
  const linked = async () => Number(/^(\d+)/.exec((await totals.textContent()) ?? '')?.[1]);
  const before = await linked();
  // The last pupil of a class without an old account (one is found in every class of this school).
  const empty = page.locator('.new-column .new-row').filter({ hasText: 'Déposez un ancien compte ici' }).last();
  await expect(empty).toBeVisible();
  const newId = ((await empty.getAttribute('data-testid')) ?? '').slice('new-'.length);
  await empty.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
  const source = page.locator('.old-column [data-testid^="old-"]').first();
  await expect(source).toBeInViewport();
  const sourceName = ((await source.locator('.name').textContent()) ?? '').trim();
  const from = (await source.boundingBox())!;
  const slot = page.getByTestId(`new-${newId}`).locator('.slot');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 - 12, from.y + from.height / 2, { steps: 4 });
  for (let i = 0; i < 3; i++) {
    const to = (await slot.boundingBox())!;
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.waitForTimeout(150);
  }
  await page.mouse.up();
  await expect(page.getByTestId(`new-${newId}`)).toContainText(sourceName);
  await expect.poll(linked).toBe(before + 1);
  expect(await layoutProblems(page)).toEqual([]);
  // Ctrl+Z takes it back.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId(`new-${newId}`)).toContainText('Déposez un ancien compte ici');
  await expect.poll(linked).toBe(before);
  await page.context().close();
});
