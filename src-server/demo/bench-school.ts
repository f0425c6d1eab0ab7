/**
 * The benchmarks' schools. `buildBenchSchool`: 450 pupils (or `pupils`), three years of data (about 2,000 blog
 * posts, 10,000 media items and 50,000 messages at scale 1), a director with a known password this year and last
 * year. `buildBenchSchools`: many such schools (smaller data) in one set of rows, for the académie-scale benchmarks.
 * Used by `npm run bench` only.
 */
import { generateSchool, type GeneratedSchool, type SchoolShape } from '../../src-shared/domain/generator';
import { SeededRandom } from '../../src-shared/domain/random';
import { addYear, emptyRows, LAST_SCHOOL_YEAR_END, type SeedRows } from './academie';

export const BENCH_UAI = '0139999Z';

export interface BenchDirector { new: { login: string; password: string }; old: { login: string; password: string } }
export interface BenchSchool { uai: string; school: GeneratedSchool; director: BenchDirector }

function spread(rows: SeedRows, rng: SeededRandom, spaceIds: string[], app: string, total: number): void {
  for (let i = 0; i < total; i++) {
    const space = spaceIds[rng.int(0, spaceIds.length - 1)] ?? '';
    const at = new Date(LAST_SCHOOL_YEAR_END - rng.int(0, 3 * 300) * 86_400_000).toISOString();
    rows.items.push({ id: `${space}:${app}:b${i}`, space_id: space, app, title: `${app} ${i}`, created_at: at });
  }
}

/** Adds one school to `rows` (items spread at `itemsScale` × the 450-pupil school's volumes). */
function addBenchSchool(rows: SeedRows, taken: Set<string>, seed: number, opts: { uai: string; pupils: number; shape: SchoolShape; itemsScale: number; passwords: [string, string] }): BenchSchool {
  const rng = new SeededRandom(seed);
  const school = generateSchool({ seed, uai: opts.uai, name: `Groupe scolaire du banc d’essai ${opts.uai}`, shape: opts.shape, pupils: opts.pupils });
  rows.schools.push({ uai: opts.uai, name: school.name, new_version: 1, old_version: 1 });
  const before = rows.items.length;
  const firstSpace = rows.spaces.length;
  addYear(rows, rng.fork(1), school, 'old', school.old, taken, 3);
  addYear(rows, rng.fork(2), school, 'new', school.new, taken, 3);
  rows.items.length = before;
  const items = rng.fork(3);
  const oldSpaces = rows.spaces.slice(firstSpace).filter((s) => s.year === 'old');
  const shared = oldSpaces.filter((s) => s.kind === 'school' || s.kind === 'class').map((s) => s.id);
  const pupilIds = new Set(school.old.pupils.map((p) => p.id));
  const pupilSpaces = oldSpaces.filter((s) => s.kind === 'personal' && typeof s.owner_id === 'string' && pupilIds.has(s.owner_id)).map((s) => s.id);
  const n = (count: number) => Math.round(count * opts.itemsScale);
  spread(rows, items, shared, 'blog', n(2000));
  spread(rows, items, shared, 'media', n(8000));
  spread(rows, items, pupilSpaces, 'media', n(2000));
  spread(rows, items, pupilSpaces, 'messages', n(50000));
  spread(rows, items, shared, 'homework', n(3000));
  for (const s of pupilSpaces) rows.items.push({ id: `${s}:profile:1`, space_id: s, app: 'profile', title: 'profil', created_at: new Date(LAST_SCHOOL_YEAR_END).toISOString() });
  const newDirector = school.new.teachers[0];
  const oldDirector = school.old.teachers.find((t) => t.email === newDirector?.email) ?? school.old.teachers[0];
  if (!newDirector || !oldDirector) throw new Error('bench school without teachers');
  rows.roles.push({ account_id: newDirector.id, role: 'director', school_uai: opts.uai, class_id: null });
  rows.roles.push({ account_id: oldDirector.id, role: 'director', school_uai: opts.uai, class_id: null });
  rows.passwords.set(newDirector.id, opts.passwords[0]);
  rows.passwords.set(oldDirector.id, opts.passwords[1]);
  const login = (id: string) => rows.accounts.find((a) => a.id === id)?.login ?? '';
  return { uai: opts.uai, school, director: { new: { login: login(newDirector.id), password: opts.passwords[0] }, old: { login: login(oldDirector.id), password: opts.passwords[1] } } };
}

export function buildBenchSchool(seed: number, pupils = 450): { rows: SeedRows; school: GeneratedSchool; director: BenchDirector } {
  const rows = emptyRows();
  const built = addBenchSchool(rows, new Set<string>(), seed, { uai: BENCH_UAI, pupils, shape: 'primaire', itemsScale: 1, passwords: ['banc-essai-nouveau', 'banc-essai-ancien'] });
  return { rows, school: built.school, director: built.director };
}

/** `count` schools of about `pupils` pupils each (UAI `0990001A`, `0990002A`…), data at `itemsScale`. */
export function buildBenchSchools(count: number, pupils: number, opts: { seed?: number; itemsScale?: number } = {}): { rows: SeedRows; schools: BenchSchool[] } {
  const rows = emptyRows();
  const taken = new Set<string>();
  const shapes: SchoolShape[] = ['elementaire', 'primaire', 'rural', 'maternelle'];
  const schools: BenchSchool[] = [];
  for (let i = 1; i <= count; i++) {
    const uai = `099${String(i).padStart(4, '0')}A`;
    const shape = shapes[i % shapes.length] ?? 'elementaire';
    schools.push(addBenchSchool(rows, taken, (opts.seed ?? 7) * 1000 + i, { uai, pupils: shape === 'rural' ? Math.min(pupils, 60) : pupils, shape, itemsScale: opts.itemsScale ?? 0.05, passwords: [`banc-${i}-nouveau`, `banc-${i}-ancien`] }));
  }
  return { rows, schools };
}
