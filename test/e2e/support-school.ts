/**
 * The support spec's own school in the e2e stack's ENT (the other specs reconcile the demo schools, and a merged
 * school's lists are wiped from the app's cache, so its replay would show no screen). Provisioned once per stack
 * with the server's demo builders, straight into the stack's database, as portal-school.ts does: last year's and
 * this year's rosters, a director both years with known passwords. Nobody else's role sees it; the spec downloads
 * it and decides a few pairs, never sends it. Returns the accounts and every real pupil name of both rosters (the
 * names a pseudonymised diagnostic must not hold).
 */
import { dirname } from 'node:path';
import { generateSchool } from '../../src-shared/domain/generator';
import { SeededRandom } from '../../src-shared/domain/random';
import { openDatabase } from '../../src-server/db/connect';
import { addYear, emptyRows } from '../../src-server/demo/academie';
import { writeRows } from '../../src-server/demo/seed';

export const SUPPORT_UAI = '0136802S';
const SEED = 1515;
const NAME = 'École primaire Marie-Curie';
const PASSWORDS = { director: 'assistance-direction-2026', oldDirector: 'assistance-direction-2025' };

export interface SupportSchool {
  uai: string;
  name: string;
  director: { login: string; password: string };
  oldDirector: { login: string; password: string };
  /** Every pupil's real « prénom nom » and « nom prénom », both years. */
  pupilNames: string[];
}

const serverDataDir = (): string => {
  const file = process.env.PASSERELLE_E2E_ACCOUNTS;
  if (!file) throw new Error('PASSERELLE_E2E_ACCOUNTS missing: global setup did not run');
  return dirname(file);
};

/** Provisions the school once per stack (a second run finds it) and returns its accounts. */
export async function supportSchool(): Promise<SupportSchool> {
  const school = generateSchool({ seed: SEED, uai: SUPPORT_UAI, name: NAME, shape: 'primaire', pupils: 80 });
  const [first] = school.new.teachers;
  const [oldFirst] = school.old.teachers;
  if (!first || !oldFirst) throw new Error('fixture: no teacher');
  const database = await openDatabase({ dataDir: serverDataDir() });
  try {
    const exists = await database.db.selectFrom('schools').select('uai').where('uai', '=', SUPPORT_UAI).executeTakeFirst();
    if (!exists) {
      const taken = new Set((await database.db.selectFrom('accounts').select('login').execute()).map((a) => a.login));
      taken.add('referent.ent');
      const rng = new SeededRandom(SEED);
      const rows = emptyRows();
      rows.schools.push({ uai: SUPPORT_UAI, name: NAME, new_version: 1, old_version: 1 });
      addYear(rows, rng.fork(1), school, 'old', school.old, taken, 2);
      addYear(rows, rng.fork(2), school, 'new', school.new, taken, 2);
      rows.roles.push({ account_id: first.id, role: 'director', school_uai: SUPPORT_UAI, class_id: null }, { account_id: oldFirst.id, role: 'director', school_uai: SUPPORT_UAI, class_id: null });
      rows.passwords.set(first.id, PASSWORDS.director);
      rows.passwords.set(oldFirst.id, PASSWORDS.oldDirector);
      await writeRows(database.db, rows);
    }
    const accounts = await database.db.selectFrom('accounts').select(['id', 'login']).where('id', 'in', [first.id, oldFirst.id]).execute();
    const login = (id: string) => accounts.find((a) => a.id === id)?.login ?? '';
    const pupils = [...school.new.pupils, ...school.old.pupils];
    return {
      uai: SUPPORT_UAI,
      name: NAME,
      director: { login: login(first.id), password: PASSWORDS.director },
      oldDirector: { login: login(oldFirst.id), password: PASSWORDS.oldDirector },
      pupilNames: [...new Set(pupils.flatMap((p) => [`${p.prenom} ${p.nom}`, `${p.nom} ${p.prenom}`]))],
    };
  } finally {
    await database.close();
  }
}
