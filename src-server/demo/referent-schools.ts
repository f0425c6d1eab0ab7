/**
 * More demo schools for the académie's referent (`npm run server -- --demo-schools N`): N schools of realistic
 * sizes (a quarter small rural schools, most elementary schools of 200 to 350 pupils, some large groups), each with
 * its director this year and last year, and Bénédicte Garnier's own **old referent account**, referent of all of
 * them last year: proving it once opens every one (she never borrows a director's password). Deterministic by seed.
 */
import { generateSchool, type SchoolShape } from '../../src-shared/domain/generator';
import { SeededRandom } from '../../src-shared/domain/random';
import type { Year } from '../db/schema';
import { addYear, type DemoAccount, type SeedRows } from './academie';
import { uniqueLogin } from './logins';

export const OLD_REFERENT_ID = 'o-referent-1';
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const COMMUNES = [
  'Aix-en-Provence', 'Arles', 'Aubagne', 'Avignon', 'Brignoles', 'Carpentras', 'Cavaillon', 'Digne-les-Bains', 'Draguignan', 'Forcalquier',
  'Gap', 'Istres', 'La Ciotat', 'Manosque', 'Marseille', 'Martigues', 'Orange', 'Pertuis', 'Salon-de-Provence', 'Sisteron',
  'Tarascon', 'Toulon', 'Vitrolles', 'Apt', 'Barcelonnette', 'Briançon', 'Castellane', 'Embrun', 'Gardanne', 'Miramas',
];
const PATRONS = ['Jean-Moulin', 'Marie-Curie', 'Jules-Ferry', 'Louise-Michel', 'Victor-Hugo', 'Simone-Veil', 'Paul-Cézanne', 'Frédéric-Mistral', 'Alphonse-Daudet', 'Marcel-Pagnol', 'Jacques-Prévert', 'Lucie-Aubrac'];

/** The UAI's check letter: the number modulo 23 in the alphabet without I, O and Q. */
export function uaiWithKey(digits: string): string {
  const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return `${digits}${alphabet[Number(digits) % 23]}`;
}

function sizeOf(rng: SeededRandom): { shape: SchoolShape; pupils: number; kind: string } {
  const roll = rng.int(1, 100);
  if (roll <= 25) return { shape: 'rural', pupils: rng.int(40, 120), kind: 'École primaire' };
  if (roll <= 70) return { shape: 'elementaire', pupils: rng.int(200, 350), kind: 'École élémentaire' };
  return { shape: 'primaire', pupils: rng.int(350, 600), kind: 'Groupe scolaire' };
}

/** The demo académie's first three schools' towns. */
const BASE_COMMUNES: Record<string, string> = { '0131234X': 'Saint-Julien-les-Oliviers', '0134567K': 'Marseille', '0137890B': 'Aix-en-Provence' };

/** Gives the base demo schools their town (their rows come from academie.ts). */
export function addBaseCommunes(rows: SeedRows): void {
  for (const s of rows.schools) s.commune ??= BASE_COMMUNES[s.uai] ?? null;
}

/** Adds `count` schools to the demo rows, with the referent's old account (listed in the demo accounts). */
export function addReferentSchools(rows: SeedRows, seed: number, count: number): Array<{ uai: string; commune: string }> {
  if (count <= 0) return [];
  const rng = new SeededRandom(seed ^ 0x2ef3);
  const taken = new Set(rows.accounts.map((a) => a.login));
  const pw = rng.fork(7);
  const password = (): string => Array.from({ length: 10 }, () => PASSWORD_ALPHABET[pw.int(0, PASSWORD_ALPHABET.length - 1)]).join('');
  const added: Array<{ uai: string; commune: string }> = [];
  const login = uniqueLogin('bgarnier', taken);
  rows.accounts.push({
    id: OLD_REFERENT_ID, year: 'old', login, password_hash: null, email: 'benedicte.garnier@ac-aix-marseille.fr', nom: 'Garnier', prenom: 'Bénédicte',
    date_naissance: null, sexe: null, niveau: null, class_id: null, school_uai: '', base_eleves_director: 0, chosen_class_id: null, disabled: 0, merged_into: null, personal_decision: null,
  });
  const referentPassword = password();
  rows.passwords.set(OLD_REFERENT_ID, referentPassword);
  for (let i = 0; i < count; i++) {
    const uai = uaiWithKey(`08${String(40001 + i).padStart(5, '0')}`);
    const { shape, pupils, kind } = sizeOf(rng);
    const commune = COMMUNES[i % COMMUNES.length] ?? 'Marseille';
    const name = `${kind} ${rng.pick(PATRONS)} de ${commune}`;
    const school = generateSchool({ seed: rng.int(1, 0x7fffffff), uai, name, shape, pupils });
    rows.schools.push({ uai, name, new_version: 1, old_version: 1, commune });
    added.push({ uai, commune });
    const oldRow = rows.accounts.find((a) => a.id === OLD_REFERENT_ID);
    if (oldRow && oldRow.school_uai === '') oldRow.school_uai = uai;
    for (const year of ['old', 'new'] as Year[]) addYear(rows, rng.fork(i * 2 + (year === 'old' ? 1 : 2)), school, year, year === 'old' ? school.old : school.new, taken, 1);
    rows.roles.push({ account_id: 'n-referent-1', role: 'referent', school_uai: uai, class_id: null });
    rows.roles.push({ account_id: OLD_REFERENT_ID, role: 'referent', school_uai: uai, class_id: null });
    const newDirector = school.new.teachers[0];
    const oldDirector = school.old.teachers[0];
    if (newDirector) rows.roles.push({ account_id: newDirector.id, role: 'director', school_uai: uai, class_id: null });
    if (oldDirector) rows.roles.push({ account_id: oldDirector.id, role: 'director', school_uai: uai, class_id: null });
  }
  const entry: DemoAccount = {
    role: 'referent', year: 'old', login, password: referentPassword, email: 'benedicte.garnier@ac-aix-marseille.fr', school: added[0]?.uai ?? '',
    name: `Bénédicte Garnier (son ancien compte de référente ENT : ${count} école${count > 1 ? 's' : ''})`,
  };
  rows.demo.push(entry);
  return added;
}
