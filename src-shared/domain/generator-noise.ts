/**
 * How teachers type a pupil by hand: the differences between an old (hand-typed) account and the official
 * ONDE spelling of the same child. Every kind listed in the matching issue is produced here.
 */
import { NICKNAMES, SPELLING_VARIANTS } from './names';
import type { SeededRandom } from './random';
import { stripAccents } from './text';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** "jean-baptiste" → "Jean-Baptiste", "DA SILVA" → "Da Silva", "d'almeida" → "D'Almeida". */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

/** One typo: a letter missing, added, changed, or two neighbours swapped (never the first letter). */
export function typo(text: string, rng: SeededRandom): string {
  const positions: number[] = [];
  for (let i = 1; i < text.length; i++) if (/\p{L}/u.test(text[i] ?? '')) positions.push(i);
  if (positions.length < 3) return text;
  const i = rng.pick(positions);
  const kind = rng.int(0, 3);
  const isUpper = text === text.toUpperCase();
  let letter = rng.pick(LETTERS.split(''));
  if (isUpper) letter = letter.toUpperCase();
  if (kind === 0) return text.slice(0, i) + text.slice(i + 1);
  if (kind === 1) return text.slice(0, i) + letter + text.slice(i);
  if (kind === 2) {
    const current = (text[i] ?? '').toLowerCase();
    if (letter.toLowerCase() === current) letter = isUpper ? 'E' : 'e';
    return text.slice(0, i) + letter + text.slice(i + 1);
  }
  const j = i + 1 < text.length && /\p{L}/u.test(text[i + 1] ?? '') ? i + 1 : i - 1;
  if (j < 1 || text[i] === text[j]) return text.slice(0, i) + text.slice(i + 1);
  const [a, b] = i < j ? [i, j] : [j, i];
  return text.slice(0, a) + (text[b] ?? '') + (text[a] ?? '') + text.slice(b + 1);
}

const SPELLING_BY_NAME = new Map<string, readonly string[]>();
for (const group of SPELLING_VARIANTS) for (const name of group) SPELLING_BY_NAME.set(name, group);

/** How a teacher typed the first name. */
export function typeFirstName(official: string, rng: SeededRandom): string {
  let typed = official;
  const shortForms = NICKNAMES[official];
  const variants = SPELLING_BY_NAME.get(official);
  if (shortForms && rng.chance(0.08)) typed = rng.pick(shortForms);
  else if (variants && rng.chance(0.12)) typed = rng.pick(variants.filter((v) => v !== official).concat(official));
  if (typed.includes('-') && rng.chance(0.35)) typed = rng.chance(0.5) ? typed.replace(/-/g, ' ') : titleCase(typed.replace(/-/g, '').toLowerCase());
  if (rng.chance(0.3)) typed = stripAccents(typed);
  if (rng.chance(0.04)) typed = typo(typed, rng);
  const caseStyle = rng.next();
  if (caseStyle < 0.08) typed = typed.toLowerCase();
  else if (caseStyle < 0.14) typed = typed.toUpperCase();
  return typed;
}

/** How a teacher typed the surname (official one is upper case, maybe with a particle or two halves). */
export function typeSurname(official: string, rng: SeededRandom): string {
  let typed = official;
  if (official.includes('-') && rng.chance(0.45)) {
    const halves = official.split('-');
    typed = rng.chance(0.75) ? (halves[0] ?? official) : (halves[halves.length - 1] ?? official);
  } else if (official.includes('-') && rng.chance(0.3)) typed = official.replace('-', ' ');
  if (/[\s']/.test(typed)) {
    const r = rng.next();
    if (r < 0.3) typed = typed.replace(/[\s']/g, '');
    else if (r < 0.4) typed = typed.replace(/'/g, ' ');
  }
  if (rng.chance(0.5)) typed = stripAccents(typed);
  const caseStyle = rng.next();
  if (caseStyle < 0.5) typed = titleCase(typed);
  else if (caseStyle < 0.6) typed = typed.toLowerCase();
  if (rng.chance(0.04)) typed = typo(typed, rng);
  return typed;
}

/** How the birth date was typed, or null when missing. `missingRate` is the share of dates left empty. */
export function typeBirthDate(iso: string, missingRate: number, rng: SeededRandom): string | null {
  if (rng.chance(missingRate)) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const r = rng.next();
  if (r < 0.03 && d <= 12 && d !== m) return isoOf(y, d, m);
  if (r < 0.06) {
    const shifted = new Date(Date.UTC(y, m - 1, d + (rng.chance(0.5) ? 1 : -1)));
    return shifted.toISOString().slice(0, 10);
  }
  if (r < 0.08) {
    const digits = `${pad(d)}${pad(m)}`.split('');
    const i = rng.int(0, 2);
    [digits[i], digits[i + 1]] = [digits[i + 1] ?? '0', digits[i] ?? '0'];
    const day = Number(digits.slice(0, 2).join(''));
    const month = Number(digits.slice(2, 4).join(''));
    if (isValidDate(y, month, day) && (day !== d || month !== m)) return isoOf(y, month, day);
    return iso;
  }
  if (r < 0.1) return isoOf(y, 1, 1);
  return iso;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoOf(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}
