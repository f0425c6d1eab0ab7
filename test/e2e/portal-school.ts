/**
 * The portal spec's own school in the e2e stack's ENT. The other specs use the three demo schools (and reconcile
 * all of them), so this spec provisions a fourth one — as the académie's provisioning would — with the server's own
 * demo builders, straight into the stack's database (its data folder holds the demo accounts file): last year's and
 * this year's rosters, spaces and app data, a family whose two parents both had an account last year, a teacher
 * who stayed (same academic e-mail), a pupil whose old account had a known password. Nobody else's role sees it.
 * Then the school is merged through the ENT API, as a director's app would, and its letters read from the API.
 * Everything is idempotent: a second run in the same stack reuses the school, its merge and its letters.
 */
import { dirname } from 'node:path';
import type { Insertable } from 'kysely';
import { generateSchool } from '../../src-shared/domain/generator';
import { SeededRandom } from '../../src-shared/domain/random';
import { openDatabase } from '../../src-server/db/connect';
import type { DB } from '../../src-server/db/schema';
import { addItems, addYear, emptyRows, type SeedRows } from '../../src-server/demo/academie';
import { loginBase, slug, uniqueLogin } from '../../src-server/demo/logins';
import { writeRows } from '../../src-server/demo/seed';
import { createMailer } from '../../src-server/mail/mailer';
import { derivedKey, loadSigningKeys } from '../../src-server/services/crypto';

export const PORTAL_UAI = '0135790M';
const SEED = 4242;
const NAME = 'École élémentaire Louise-Michel';

export interface Credentials { login: string; password: string }
export interface PortalSchool {
  uai: string;
  director: Credentials;
  oldDirector: Credentials;
  /** A teacher who stayed: their old account has the same academic e-mail. */
  teacher: Credentials & { oldLogin: string };
  /** A staff member who asks for a one-time code (« identifiants oubliés »). */
  forgetful: Credentials & { email: string };
  /** Élodie: the parent whose first name matches last year's account of her child's first parent. */
  parent: Credentials & { ownOldId: string; childPrenom: string };
  /** Karim: the child's other parent; his old account must never be Élodie's. */
  otherParent: Credentials & { ownOldId: string };
  /** A pupil associated by the merge: last year's login and password (the new account takes them), their personal data. */
  keptPupil: Credentials & { prenom: string };
}

/** The fixture's accounts by id (the build is seeded: the same ids every time). */
interface Ids { director: string; oldDirector: string; teacher: string; oldTeacher: string; forgetful: string; parent: string; otherParent: string; parentOld: string; otherParentOld: string; child: string; keptOld: string; keptNew: string }

const serverDataDir = (): string => {
  const file = process.env.PASSERELLE_E2E_ACCOUNTS;
  if (!file) throw new Error('PASSERELLE_E2E_ACCOUNTS missing: global setup did not run');
  return dirname(file);
};

const PASSWORDS = {
  director: 'portail-direction-2026',
  oldDirector: 'portail-direction-2025',
  teacher: 'portail-enseignant-2026',
  forgetful: 'portail-oubli-2026',
  parent: 'portail-elodie-2026',
  otherParent: 'portail-karim-2026',
  keptPupil: 'portail-eleve-2025',
};

function account(rows: SeedRows, id: string): Insertable<DB['accounts']> {
  const a = rows.accounts.find((x) => x.id === id);
  if (!a) throw new Error(`fixture: no account ${id}`);
  return a;
}

/** A parent account (with its role, link and personal space) when the generator gave the child only one. */
function ensureParent(rows: SeedRows, rng: SeededRandom, pupilId: string, k: 1 | 2, year: 'old' | 'new', taken: Set<string>): string {
  const id = `${pupilId}-p${k}`;
  if (rows.accounts.some((a) => a.id === id)) return id;
  const child = account(rows, pupilId);
  let login = `parent${k}.${id.toLowerCase().replace(/[^a-z0-9]+/g, '')}`;
  while (taken.has(login)) login += 'x';
  taken.add(login);
  rows.accounts.push({ ...child, id, login, password_hash: null, email: null, date_naissance: null, sexe: null, niveau: null, class_id: null, prenom: 'Parent', merged_into: null, personal_decision: null });
  rows.roles.push({ account_id: id, role: 'parent', school_uai: PORTAL_UAI, class_id: null });
  rows.parentLinks.push({ parent_id: id, pupil_id: pupilId });
  rows.spaces.push({ id: `sp-${id}`, year, school_uai: PORTAL_UAI, kind: 'personal', class_id: null, owner_id: id });
  if (year === 'old') addItems(rows, rng, `sp-${id}`, { messages: [3, 6], profile: [1, 1] }, 1, false);
  return id;
}

const generated = () => generateSchool({ seed: SEED, uai: PORTAL_UAI, name: NAME, shape: 'elementaire', pupils: 60 });

function build(taken: Set<string>): { rows: SeedRows; ids: Ids } {
  const school = generated();
  const rng = new SeededRandom(SEED);
  const rows = emptyRows();
  rows.schools.push({ uai: PORTAL_UAI, name: NAME, new_version: 1, old_version: 1 });
  addYear(rows, rng.fork(1), school, 'old', school.old, taken, 2);
  addYear(rows, rng.fork(2), school, 'new', school.new, taken, 2);

  // Staff: this year's director (and last year's, same person), a teacher who stayed, a colleague who forgets.
  const [first, second, third] = school.new.teachers;
  const [oldFirst, oldSecond] = school.old.teachers;
  if (!first || !second || !third || !oldFirst || !oldSecond) throw new Error('fixture: not enough teachers');
  const sameAs = (n: string, o: string) => {
    const na = account(rows, n);
    Object.assign(account(rows, o), { nom: na.nom, prenom: na.prenom, email: na.email });
  };
  sameAs(first.id, oldFirst.id);
  sameAs(second.id, oldSecond.id);
  rows.roles.push({ account_id: first.id, role: 'director', school_uai: PORTAL_UAI, class_id: null }, { account_id: oldFirst.id, role: 'director', school_uai: PORTAL_UAI, class_id: null });

  // The family: the first pair of the ground truth, two parents both years, first names matching year to year.
  const [family, kept] = school.truth;
  if (!family || !kept) throw new Error('fixture: no continuing pupils');
  const rngParents = rng.fork(3);
  const ids: Ids = {
    director: first.id,
    oldDirector: oldFirst.id,
    teacher: second.id,
    oldTeacher: oldSecond.id,
    forgetful: third.id,
    parentOld: ensureParent(rows, rngParents, family.oldId, 1, 'old', taken),
    otherParentOld: ensureParent(rows, rngParents, family.oldId, 2, 'old', taken),
    parent: ensureParent(rows, rngParents, family.newId, 1, 'new', taken),
    otherParent: ensureParent(rows, rngParents, family.newId, 2, 'new', taken),
    child: family.newId,
    keptOld: kept.oldId,
    keptNew: kept.newId,
  };
  for (const [id, prenom] of [[ids.parentOld, 'Élodie'], [ids.parent, 'Élodie'], [ids.otherParentOld, 'Karim'], [ids.otherParent, 'Karim']] as const) account(rows, id).prenom = prenom;
  // Logins that fit the renamed people (this year's `prenom.nom`, last year's hand-typed `pnom`).
  for (const id of [ids.oldDirector, ids.oldTeacher, ids.parentOld, ids.otherParentOld, ids.parent, ids.otherParent]) {
    const a = account(rows, id);
    taken.delete(a.login);
    a.login = uniqueLogin(a.year === 'new' ? loginBase(a.prenom, a.nom) : `${slug(a.prenom).slice(0, 1)}${slug(a.nom).replace(/-/g, '')}`, taken);
  }
  for (const [id, pw] of [[ids.director, PASSWORDS.director], [ids.oldDirector, PASSWORDS.oldDirector], [ids.teacher, PASSWORDS.teacher], [ids.forgetful, PASSWORDS.forgetful], [ids.parent, PASSWORDS.parent], [ids.otherParent, PASSWORDS.otherParent], [ids.keptOld, PASSWORDS.keptPupil]] as const) {
    rows.passwords.set(id, pw);
  }
  return { rows, ids };
}

/** The accounts as they are now in the stack (after the merge, the kept pupil's new account has last year's login). */
async function accountsOf(ids: Ids): Promise<PortalSchool> {
  const database = await openDatabase({ dataDir: serverDataDir() });
  try {
    const rows = await database.db.selectFrom('accounts').select(['id', 'login', 'prenom', 'email', 'merged_into']).where('id', 'in', Object.values(ids)).execute();
    const a = (id: string) => {
      const r = rows.find((x) => x.id === id);
      if (!r) throw new Error(`fixture: account ${id} missing`);
      return r;
    };
    const keptLogin = a(ids.keptOld).merged_into ? a(ids.keptNew).login : a(ids.keptOld).login;
    return {
      uai: PORTAL_UAI,
      director: { login: a(ids.director).login, password: PASSWORDS.director },
      oldDirector: { login: a(ids.oldDirector).login, password: PASSWORDS.oldDirector },
      teacher: { login: a(ids.teacher).login, password: PASSWORDS.teacher, oldLogin: a(ids.oldTeacher).login },
      forgetful: { login: a(ids.forgetful).login, password: PASSWORDS.forgetful, email: a(ids.forgetful).email ?? '' },
      parent: { login: a(ids.parent).login, password: PASSWORDS.parent, ownOldId: ids.parentOld, childPrenom: a(ids.child).prenom },
      otherParent: { login: a(ids.otherParent).login, password: PASSWORDS.otherParent, ownOldId: ids.otherParentOld },
      keptPupil: { login: keptLogin, password: PASSWORDS.keptPupil, prenom: a(ids.keptNew).prenom },
    };
  } finally {
    await database.close();
  }
}

/** Provisions the school once per stack (a second run finds it), merges it through the API, returns its accounts and letters. */
export async function portalSchool(): Promise<{ school: PortalSchool; letters: Letter[] }> {
  const database = await openDatabase({ dataDir: serverDataDir() });
  let ids: Ids;
  try {
    const exists = await database.db.selectFrom('schools').select('uai').where('uai', '=', PORTAL_UAI).executeTakeFirst();
    const taken = new Set((await database.db.selectFrom('accounts').select('login').execute()).map((a) => a.login));
    taken.add('referent.ent');
    const built = build(taken);
    ids = built.ids;
    if (!exists) await writeRows(database.db, built.rows);
  } finally {
    await database.close();
  }
  const letters = await mergeAndLetters(await accountsOf(ids));
  return { school: await accountsOf(ids), letters };
}

/** The text of the last mail sent to an address, as its recipient reads it (the stack has no SMTP: its outbox). */
export async function lastMail(to: string): Promise<string> {
  const dataDir = serverDataDir();
  const database = await openDatabase({ dataDir });
  try {
    const mailer = createMailer({ key: derivedKey(loadSigningKeys({ dataDir, sharedDatabase: false }), 'mail') });
    const rows = await database.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', to).orderBy('created_at', 'desc').limit(1).execute();
    const row = rows[0];
    return row ? mailer.read(row) : '';
  } finally {
    await database.close();
  }
}

// ---- through the ENT API, as the director's app would ----

interface Json { [k: string]: unknown }

async function api(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; json: Json }> {
  const base = process.env.PASSERELLE_E2E_SERVER;
  if (!base) throw new Error('PASSERELLE_E2E_SERVER missing');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
}

export async function apiToken(c: Credentials): Promise<string> {
  const res = await api('POST', '/v1/auth/login', { body: { login: c.login, password: c.password } });
  if (res.status !== 200) throw new Error(`API sign-in of ${c.login}: ${res.status}`);
  return res.json.accessToken as string;
}

export async function apiGet(token: string, path: string): Promise<Json> {
  const res = await api('GET', path, { token });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

export interface Letter { login: string; password: string; prenom: string; nom: string; classLabel: string }

/** The school's merge (every continuing pupil linked, every old class recovered), once; then its letters. */
async function mergeAndLetters(s: PortalSchool): Promise<Letter[]> {
  const token = await apiToken(s.director);
  const merges = (await apiGet(token, '/v1/schools/merges')).schools as Array<{ uai: string; merge: { id: string } | null }>;
  let id = merges.find((m) => m.uai === s.uai)?.merge?.id;
  if (!id) {
    const verified = await api('POST', '/v1/legacy/verify', { token, body: { login: s.oldDirector.login, password: s.oldDirector.password } });
    const grant = verified.json.grant as string;
    const roster = await apiGet(token, `/v1/schools/${s.uai}/roster`);
    const legacy = (await api('GET', `/v1/legacy/schools/${s.uai}/roster`, { token, headers: { 'x-legacy-grant': grant } })).json;
    const truth = generated().truth;
    const newClasses = roster.classes as Array<{ id: string }>;
    const batch = {
      baseVersions: { new: roster.version, old: legacy.version },
      schoolSpace: { apps: ['blog', 'media', 'calendar', 'liaison'] },
      classes: (legacy.classes as Array<{ id: string }>).map((c, i) => ({ action: 'recover', oldClassId: c.id, newClassId: newClasses[i % newClasses.length]?.id ?? '', apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] })),
      pupils: truth.map((p) => ({ oldPupilId: p.oldId, newPupilId: p.newId })),
      personalApps: ['messages', 'media', 'profile'],
    };
    const posted = await api('POST', `/v1/schools/${s.uai}/merges`, { token, body: batch, headers: { 'idempotency-key': crypto.randomUUID(), 'x-legacy-grant': grant } });
    if (posted.status !== 202) throw new Error(`merge refused: ${posted.status} ${JSON.stringify(posted.json)}`);
    id = posted.json.id as string;
  }
  for (const start = Date.now(); ; ) {
    const state = await apiGet(token, `/v1/merges/${id}`);
    if (state.status === 'done') break;
    if (state.status === 'failed' || Date.now() - start > 60_000) throw new Error(`merge ${id}: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return (await apiGet(token, `/v1/merges/${id}/credentials`)).credentials as Letter[];
}
