/**
 * The benchmark's school: 450 pupils (or `pupils`), three years of data (about 2,000 blog posts, 10,000 media items
 * and 50,000 messages), a director with a known password this year and last year. Used by `npm run bench` only.
 */
import { generateSchool, type GeneratedSchool } from '../../src-shared/domain/generator';
import { SeededRandom } from '../../src-shared/domain/random';
import { addYear, emptyRows, LAST_SCHOOL_YEAR_END, type SeedRows } from './academie';

export const BENCH_UAI = '0139999Z';

function spread(rows: SeedRows, rng: SeededRandom, spaceIds: string[], app: string, total: number): void {
  for (let i = 0; i < total; i++) {
    const space = spaceIds[rng.int(0, spaceIds.length - 1)] ?? '';
    const at = new Date(LAST_SCHOOL_YEAR_END - rng.int(0, 3 * 300) * 86_400_000).toISOString();
    rows.items.push({ id: `${space}:${app}:b${i}`, space_id: space, app, title: `${app} ${i}`, created_at: at });
  }
}

export function buildBenchSchool(seed: number, pupils = 450): { rows: SeedRows; school: GeneratedSchool; director: { new: { login: string; password: string }; old: { login: string; password: string } } } {
  const rng = new SeededRandom(seed);
  const school = generateSchool({ seed, uai: BENCH_UAI, name: 'Groupe scolaire du banc d’essai', shape: 'primaire', pupils });
  const rows = emptyRows();
  rows.schools.push({ uai: BENCH_UAI, name: school.name, new_version: 1, old_version: 1 });
  const taken = new Set<string>();
  addYear(rows, rng.fork(1), school, 'old', school.old, taken, 3);
  addYear(rows, rng.fork(2), school, 'new', school.new, taken, 3);
  rows.items = [];
  const items = rng.fork(3);
  const oldSpaces = rows.spaces.filter((s) => s.year === 'old');
  const shared = oldSpaces.filter((s) => s.kind === 'school' || s.kind === 'class').map((s) => s.id);
  const pupilIds = new Set(school.old.pupils.map((p) => p.id));
  const pupilSpaces = oldSpaces.filter((s) => s.kind === 'personal' && typeof s.owner_id === 'string' && pupilIds.has(s.owner_id)).map((s) => s.id);
  spread(rows, items, shared, 'blog', 2000);
  spread(rows, items, shared, 'media', 8000);
  spread(rows, items, pupilSpaces, 'media', 2000);
  spread(rows, items, pupilSpaces, 'messages', 50000);
  spread(rows, items, shared, 'homework', 3000);
  for (const s of pupilSpaces) rows.items.push({ id: `${s}:profile:1`, space_id: s, app: 'profile', title: 'profil', created_at: new Date(LAST_SCHOOL_YEAR_END).toISOString() });
  const newDirector = school.new.teachers[0];
  const oldDirector = school.old.teachers.find((t) => t.email === newDirector?.email) ?? school.old.teachers[0];
  if (!newDirector || !oldDirector) throw new Error('bench school without teachers');
  rows.roles.push({ account_id: newDirector.id, role: 'director', school_uai: BENCH_UAI, class_id: null });
  rows.roles.push({ account_id: oldDirector.id, role: 'director', school_uai: BENCH_UAI, class_id: null });
  rows.passwords.set(newDirector.id, 'banc-essai-nouveau');
  rows.passwords.set(oldDirector.id, 'banc-essai-ancien');
  const login = (id: string) => rows.accounts.find((a) => a.id === id)?.login ?? '';
  return {
    rows,
    school,
    director: { new: { login: login(newDirector.id), password: 'banc-essai-nouveau' }, old: { login: login(oldDirector.id), password: 'banc-essai-ancien' } },
  };
}
