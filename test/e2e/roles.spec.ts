import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkScreen, demoAccount, signIn } from './helpers';

/**
 * Every role in the desktop app, against the real ENT of the e2e stack: a parent is sent to the ENT portal; the
 * director of 0137890B (who teaches) chooses their class and recovers their own messages in the same sitting; Agnès
 * Rouvière, the demo's teacher who changed school (her old UPE2A space no school batch takes), does her whole part.
 * What moved is read back from the ENT's API, not from the screens. Accounts no other spec changes.
 */
test.use({ viewport: { width: 1280, height: 1000 } });

const server = (): string => {
  const value = process.env.PASSERELLE_E2E_SERVER;
  if (!value) throw new Error('PASSERELLE_E2E_SERVER missing: global setup did not run');
  return value;
};

interface DemoEntry { role: string; year: 'new' | 'old'; login: string; password: string; school: string; name?: string; email?: string }
const demoAccounts = (): DemoEntry[] => (JSON.parse(readFileSync(process.env.PASSERELLE_E2E_ACCOUNTS ?? '', 'utf8')) as { accounts: DemoEntry[] }).accounts;
const byLogin = (login: string): DemoEntry => {
  const found = demoAccounts().find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found;
};

/** The ENT's API as any client sees it: a session of the account, and the grant of its old account. */
async function entSession(account: { login: string; password: string }, old: { login: string; password: string }) {
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect(res.status, path).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const token = String((await post('/v1/auth/login', { login: account.login, password: account.password })).accessToken);
  const grant = String((await post('/v1/legacy/verify', { login: old.login, password: old.password }, { authorization: `Bearer ${token}` })).grant);
  return async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server()}${path}`, { headers: { authorization: `Bearer ${token}`, 'x-legacy-grant': grant } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };
}
interface PersonalData { mine: Record<string, number>; old: { apps: Record<string, number> } | null; claim: { oldLogin: string; apps: string[] | null } | null }
interface ClassSpaces {
  targets: Array<{ id: string; label: string }>;
  incoming: Array<{ oldClassId: string; newClassId: string; apps: string[]; by: string; mine: boolean }>;
  old: Array<{ id: string; label: string; state: string; apps: Record<string, number>; movedTo: { newLabel: string } | null }> | null;
  answer: { decision: string } | null;
}

async function proveOldAccount(page: Page, old: { login: string; password: string }): Promise<void> {
  await page.getByLabel('J’ai compris, le retour en arrière ne sera pas possible').check();
  await page.getByLabel('Ancien identifiant').fill(old.login);
  await page.getByLabel('Ancien mot de passe').fill(old.password);
  await page.getByRole('button', { name: 'Vérifier mon ancien compte' }).click();
  await expect(page.getByTestId('proven')).toContainText(`(${old.login})`);
}

test('a parent signing into the desktop app is sent to the ENT portal, never to the director’s screens', async ({ page }) => {
  const parent = demoAccount('parent', 'new');
  await signIn(page, parent.login, parent.password);
  await expect(page.getByRole('heading', { name: 'Passerelle est l’outil des écoles' })).toBeVisible();
  await expect(page.getByTestId('portal-url')).toHaveText(`${server()}/connexion`);
  await expect(page.getByRole('navigation', { name: 'Vos espaces' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Télécharger les listes|Choisissez l’école/ })).toHaveCount(0);
  await checkScreen(page, '50-role-parent-portail');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
});

test('the director who teaches chooses their class and recovers their own messages in the same sitting', async ({ page }) => {
  test.setTimeout(60_000);
  const uai = '0137890B';
  const director = demoAccount('director', 'new', uai);
  const old = demoAccount('director', 'old', uai);
  const api = await entSession(director, old);
  const before = await api<PersonalData>('/v1/me/personal-data');
  const oldMessages = before.old?.apps.messages ?? 0;
  expect(oldMessages).toBeGreaterThan(0);
  expect(before.claim).toBeNull();

  await signIn(page, director.login, director.password);
  const nav = page.getByRole('navigation', { name: 'Vos espaces' });
  await expect(nav).toBeVisible();
  // The school flow as before, first; « Ma classe » to do, and « Mes données personnelles ».
  await expect(page.getByTestId('section-school')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('section-my-class')).toContainText('à faire');
  await expect(page.getByTestId('section-personal-data')).toBeVisible();
  await expect(page.locator('.stepper')).toBeVisible();
  await checkScreen(page, '51-direction-sections');

  await page.getByTestId('section-my-class').click();
  await expect(page.getByRole('heading', { name: 'Ma classe' })).toBeVisible();
  const mine = page.getByRole('radio', { checked: true });
  await expect(mine).toHaveCount(1);
  await expect(page.locator('.choice-card.selected')).toContainText('votre classe');
  await expect(page.locator('.choice-card.selected')).toContainText('Premiers élèves :');
  const classLabel = ((await page.locator('.choice-card.selected .name').textContent()) ?? '').trim();
  await checkScreen(page, '52-ma-classe');
  await page.getByRole('button', { name: 'C’est ma classe' }).click();
  await expect(page.getByTestId('class-chosen')).toContainText(`C’est noté : votre classe est ${classLabel}.`);
  await expect(page.getByTestId('section-my-class')).not.toContainText('à faire');

  // Same sitting: the personal data, behind the same irreversible confirmation as the download step.
  await page.getByRole('button', { name: 'Continuer : mes données personnelles' }).click();
  await expect(page.getByRole('heading', { name: 'Mes données personnelles', exact: true })).toBeVisible();
  await expect(page.getByText('le retour en arrière ne sera pas possible', { exact: false }).first()).toBeVisible();
  await checkScreen(page, '53-donnees-personnelles-compte');
  await proveOldAccount(page, old);
  await expect(page.getByLabel(/^Messagerie/)).toBeChecked();
  await expect(page.getByLabel(/^Messagerie/)).toHaveAccessibleName(new RegExp(`\\(${oldMessages} éléments\\)`));
  await checkScreen(page, '54-donnees-personnelles-choix');
  await page.getByLabel(/^Médiathèque/).uncheck();
  await page.getByLabel(/^Profil/).uncheck();
  await page.getByRole('button', { name: 'Récupérer mes données' }).click();
  await expect(page.getByTestId('personal-moved')).toContainText(`C’est fait : ${oldMessages} messages sont dans votre nouveau compte.`);
  await expect(page.getByTestId('personal-done')).toContainText('Messagerie');
  await checkScreen(page, '55-donnees-personnelles-faites');

  // The ENT says so: the old account's messages are in the new account, the rest stayed where it was.
  const after = await api<PersonalData>('/v1/me/personal-data');
  expect(after.mine.messages).toBe((before.mine.messages ?? 0) + oldMessages);
  expect(after.old?.apps.messages ?? 0).toBe(0);
  expect(after.old?.apps.profile).toBe(before.old?.apps.profile);
  expect(after.claim).toMatchObject({ oldLogin: old.login, apps: ['messages'] });

  // The school flow is still there, as before.
  await page.getByTestId('section-school').click();
  await expect(page.locator('.stepper')).toBeVisible();
});

test('a teacher does their whole part in the desktop app: class, old account, old class space (opt-out, back), personal data', async ({ page }) => {
  test.setTimeout(60_000);
  const agnes = byLogin('agnes.rouviere');
  const old = byLogin('arouviere');
  await signIn(page, agnes.login, agnes.password);
  // A teacher never gets the school flow: their class first.
  await expect(page.getByRole('heading', { name: 'Ma classe' })).toBeVisible();
  await expect(page.getByTestId('section-school')).toHaveCount(0);
  await expect(page.getByTestId('section-personal-data')).toHaveCount(0);
  await expect(page.getByTestId('section-old-data')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Télécharger les listes|Choisissez l’école/ })).toHaveCount(0);
  await expect(page.locator('.stepper')).toHaveCount(0);
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);
  await checkScreen(page, '56-enseignant-ma-classe');
  const card = page.locator('.choice-card').nth(1);
  const classLabel = ((await card.locator('.name').textContent()) ?? '').trim();
  await card.click();
  await page.getByRole('button', { name: 'C’est ma classe' }).click();
  await expect(page.getByTestId('class-chosen')).toContainText(classLabel);

  await page.getByRole('button', { name: 'Continuer : mes anciennes données' }).click();
  await expect(page.getByRole('heading', { name: 'Mes anciennes données' })).toBeVisible();
  await checkScreen(page, '57-anciennes-donnees-compte');
  await proveOldAccount(page, old);
  const space = page.getByTestId('old-space-o-0137890B-upe2a');
  await expect(space).toContainText('UPE2A — Groupe scolaire Frédéric-Mistral');
  await expect(space).toContainText(`Vers votre classe : ${classLabel}`);
  await checkScreen(page, '58-ancienne-classe');
  await space.getByLabel(/^Cahier de textes/).uncheck();
  // « Je ne souhaite pas… »: nothing to choose any more; checked, then undone after going back.
  await space.getByLabel('Je ne souhaite pas récupérer les informations de mon ancienne classe').check();
  await expect(space.getByLabel(/^Blog/)).toBeDisabled();
  await checkScreen(page, '58b-ancienne-classe-sans');
  await page.getByRole('button', { name: 'Continuer : vérifier' }).click();
  await expect(page.getByTestId('check-o-0137890B-upe2a')).toHaveText('« UPE2A » : vous ne récupérez rien.');
  await page.getByRole('button', { name: 'Retour' }).click();
  await expect(space.getByLabel('Je ne souhaite pas récupérer les informations de mon ancienne classe')).toBeChecked();
  await space.getByLabel('Je ne souhaite pas récupérer les informations de mon ancienne classe').uncheck();
  await expect(space.getByLabel(/^Cahier de textes/)).not.toBeChecked();
  await page.getByRole('button', { name: 'Continuer : vérifier' }).click();
  await expect(page.getByTestId('check-o-0137890B-upe2a')).toHaveText(`« UPE2A » vers ${classLabel} : Blog, Médiathèque, Agenda et Cahier de liaison.`);
  await checkScreen(page, '59-ancienne-classe-verification');
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByTestId('classes-moved')).toContainText(`sont dans votre classe ${classLabel}.`);
  await expect(page.getByTestId('incoming-o-0137890B-upe2a')).toContainText('votre ancienne classe « UPE2A »');

  // Then her personal data, with the same proof.
  await expect(page.getByRole('heading', { name: 'Mes données personnelles de l’an dernier' })).toBeVisible();
  await checkScreen(page, '60-anciennes-donnees-personnelles');
  await page.getByRole('button', { name: 'Récupérer mes données' }).click();
  await expect(page.getByTestId('old-done')).toContainText('Tout est fait');
  await checkScreen(page, '61-anciennes-donnees-faites');

  // The ENT says so: her old space went into her class (homework left behind), her messages into her account.
  const api = await entSession(agnes, old);
  const spaces = await api<ClassSpaces>('/v1/teachers/me/class-spaces');
  expect(spaces.answer?.decision).toBe('recovered');
  // (Her class may also receive a space from her new school's batch: both are listed.)
  expect(spaces.incoming).toContainEqual(expect.objectContaining({ oldClassId: 'o-0137890B-upe2a', newClassId: spaces.targets[0]?.id, apps: ['blog', 'media', 'calendar', 'liaison'], by: 'teacher', mine: true }));
  expect(spaces.targets.map((t) => t.label)).toEqual([classLabel]);
  const left = spaces.old?.find((o) => o.id === 'o-0137890B-upe2a');
  expect(left?.state).toBe('mine');
  expect(Object.keys(left?.apps ?? {})).toEqual(['homework']);
  const personal = await api<PersonalData>('/v1/me/personal-data');
  expect(personal.claim).toMatchObject({ oldLogin: old.login, apps: ['messages', 'media', 'profile'] });
  expect(personal.mine.messages).toBeGreaterThan(0);
  expect(Object.values(personal.old?.apps ?? {}).reduce((a, b) => a + b, 0)).toBe(0);
});

/**
 * The school's batch covering a teacher's class: 0134567K is merged by the resilience spec when the specs run in
 * order; run alone, this spec merges it itself through the ENT's API (every old class space recovered).
 */
async function ensureMerged(uai: string): Promise<void> {
  const director = demoAccount('director', 'new', uai);
  const old = demoAccount('director', 'old', uai);
  const call = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server()}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect(res.status, path).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  const login = await fetch(`${server()}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: director.login, password: director.password }) });
  const token = String(((await login.json()) as { accessToken: string }).accessToken);
  const merges = (await call('GET', '/v1/schools/merges', token)) as { schools: Array<{ uai: string; merge: unknown }> };
  if (merges.schools.find((m) => m.uai === uai)?.merge) return;
  const grant = String((await call('POST', '/v1/legacy/verify', token, { login: old.login, password: old.password })).grant);
  const roster = (await call('GET', `/v1/schools/${uai}/roster`, token)) as { version: string; classes: Array<{ id: string }> };
  const legacy = (await call('GET', `/v1/legacy/schools/${uai}/roster`, token, undefined, { 'x-legacy-grant': grant })) as { version: string; classes: Array<{ id: string }> };
  const batch = {
    baseVersions: { new: roster.version, old: legacy.version },
    schoolSpace: null,
    classes: legacy.classes.map((c, i) => ({ action: 'recover', oldClassId: c.id, newClassId: roster.classes[i % roster.classes.length]?.id, apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] })),
    pupils: [],
    personalApps: [],
  };
  await call('POST', `/v1/schools/${uai}/merges`, token, batch, { 'idempotency-key': `roles-spec-${uai}-${Date.now()}`, 'x-legacy-grant': grant });
}

test("a teacher whose class the director's batch took sees what came instead of a form, then recovers their personal data", async ({ page }) => {
  test.setTimeout(60_000);
  const uai = '0134567K';
  await ensureMerged(uai);
  // A teacher who stayed (same academic e-mail both years), not the director, whose old class the batch took.
  const all = demoAccounts();
  const directors = new Set(all.filter((a) => a.role === 'director').map((a) => a.login));
  const pairs = all
    .filter((a) => a.role === 'teacher' && a.year === 'new' && a.school === uai && !directors.has(a.login) && a.login !== 'agnes.rouviere')
    .map((now) => ({ now, old: all.find((a) => a.role === 'teacher' && a.year === 'old' && a.email === now.email) }))
    .filter((p): p is { now: DemoEntry; old: DemoEntry } => p.old !== undefined);
  let chosen: { now: DemoEntry; old: DemoEntry; taken: NonNullable<ClassSpaces['old']>[number] } | null = null;
  for (const p of pairs) {
    const spaces = await (await entSession(p.now, p.old))<ClassSpaces>('/v1/teachers/me/class-spaces');
    const taken = spaces.old?.find((o) => o.state === 'school');
    if (taken && spaces.old?.every((o) => o.state !== 'available')) {
      chosen = { ...p, taken };
      break;
    }
  }
  if (!chosen) throw new Error('a teacher of 0134567K whose old class the batch took');
  await signIn(page, chosen.now.login, chosen.now.password);
  await page.getByTestId('section-old-data').click();
  await expect(page.getByRole('heading', { name: 'Mes anciennes données' })).toBeVisible();
  await proveOldAccount(page, chosen.old);
  const card = page.getByTestId(`old-space-${chosen.taken.id}`);
  await expect(card).toHaveAttribute('data-state', 'school');
  await expect(card).toContainText(`Déjà récupéré avec le rapprochement de l’école, dans la classe ${chosen.taken.movedTo?.newLabel ?? ''}`);
  await expect(card).toContainText('Avec le rapprochement de l’école, envoyé par');
  // No form for it: no opt-out, no apps to choose, no check; the personal data comes next.
  await expect(page.getByLabel('Je ne souhaite pas récupérer les informations de mon ancienne classe')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Continuer : vérifier' })).toHaveCount(0);
  await expect(page.getByText('Rien à choisir : l’espace de vos anciennes classes vous a déjà suivi.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mes données personnelles de l’an dernier' })).toBeVisible();
  await checkScreen(page, '62-ancienne-classe-deja-arrivee');
  await page.getByRole('button', { name: 'Récupérer mes données' }).click();
  await expect(page.getByTestId('old-done')).toContainText('Tout est fait');
});
