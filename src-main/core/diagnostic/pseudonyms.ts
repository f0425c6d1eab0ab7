/**
 * Pseudonyms of one diagnostic: every real id, e-mail and login hashed with a keyed hash (HMAC-SHA-256 with a
 * secret drawn for this bundle and never written anywhere), every word of a person's name replaced by a made-up
 * word (the same word everywhere in the bundle, its case and accents kept), every birth date moved by one secret
 * offset, and — for the matching's pairs — the old account's name and date derived from the new one's pseudonym
 * so that the kind of difference between them stays: the same accent missing, the same letter swapped, the same
 * half of a double name, the same day and month inverted. Each derivation is checked with the matching engine's
 * own comparison; what cannot be kept (a nickname of the engine's table has no made-up equivalent) is counted.
 */
import { createHmac } from 'node:crypto';
import { BOY_FIRST_NAMES, COMMON_SURNAMES, GIRL_FIRST_NAMES, NICKNAMES, PARTICLE_SURNAMES, RARE_SURNAMES, SPELLING_VARIANTS } from '../../../src-shared/domain/names';
import { foldCase } from '../../../src-shared/domain/text';
import { compareName, refineNameMatch, type NameRole } from '../matching/compare-names';
import { dateEvidence } from '../matching/evidence-date-level';
import { nameFeatures, parseIsoDate } from '../matching/features';
import { compact, fold, isParticle, phonetic } from '../matching/normalize';

const DAY_MS = 86_400_000;
const WORD = /\p{L}+/gu;
const VOWELS = 'aeiouy';
const CONSONANTS = 'bcdfgjklmnprstvz';
/** Made-up words are syllables of these (no h, q, w, x: fewer accidental real words). */
const ONSETS = ['b', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'gr', 'pr', 'tr', 'vl', 'st'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o'];
const ACCENTED: Record<string, string> = { a: 'â', e: 'é', i: 'ï', o: 'ô', u: 'û', y: 'ÿ' };

/** Words of the engine's name tables: a pseudonym is never one of them (it would look like a real name). */
const TABLE_WORDS = new Set<string>(
  [...GIRL_FIRST_NAMES, ...BOY_FIRST_NAMES, ...Object.keys(NICKNAMES), ...Object.values(NICKNAMES).flat(), ...SPELLING_VARIANTS.flat(), ...COMMON_SURNAMES, ...RARE_SURNAMES, ...PARTICLE_SURNAMES]
    .flatMap((name) => fold(name).split(' '))
    .filter(Boolean),
);

type CasePattern = 'upper' | 'lower' | 'title';

interface Word {
  raw: string;
  folded: string;
  casing: CasePattern;
  accented: boolean;
}

interface Shape {
  words: Word[];
  /** Separators around the words: `seps[i]` comes before word i, the last one after the last word. */
  seps: string[];
}

function casingOf(word: string): CasePattern {
  if (word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase()) return 'upper';
  if (word === word.toLowerCase()) return 'lower';
  return 'title';
}

function shapeOf(raw: string): Shape {
  const words: Word[] = [];
  const seps: string[] = [];
  let last = 0;
  for (const m of raw.matchAll(WORD)) {
    seps.push(raw.slice(last, m.index));
    const text = m[0];
    words.push({ raw: text, folded: compact(fold(text)), casing: casingOf(text), accented: foldCase(text) !== text.toLowerCase() });
    last = m.index + text.length;
  }
  seps.push(raw.slice(last));
  return { words, seps };
}

function applyCase(word: string, casing: CasePattern): string {
  if (casing === 'upper') return word.toUpperCase();
  if (casing === 'lower') return word.toLowerCase();
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** A made-up word with the surface of a real one: its case, and an accent when the real word had one. */
function surface(folded: string, like: Pick<Word, 'casing' | 'accented'>): string {
  let word = folded;
  if (like.accented) {
    const at = [...word].findIndex((c) => ACCENTED[c] !== undefined);
    if (at >= 0) word = word.slice(0, at) + (ACCENTED[word[at] ?? ''] ?? '') + word.slice(at + 1);
  }
  return applyCase(word, like.casing);
}

function render(shape: Shape, words: string[]): string {
  let out = shape.seps[0] ?? '';
  for (let i = 0; i < words.length; i++) out += (words[i] ?? '') + (shape.seps[i + 1] ?? (i < words.length - 1 ? ' ' : ''));
  return out;
}

export interface NameTarget {
  role: NameRole;
  /** The kind the matching engine gave the real pair (`typo`, `accents`…). */
  kind: string;
}

/** Kinds a made-up name cannot show (they need the engine's tables), and what they become instead. */
export const STAND_INS: Record<string, readonly string[]> = {
  nickname: ['variant', 'short-form', 'typo', 'partial'],
  variant: ['typo', 'typo2'],
  'other-first-name': ['different'],
};

export interface KindStats {
  kept: number;
  total: number;
}

export class Pseudonyms {
  private readonly tokens = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly usedPhon = new Set<string>();
  private readonly hashes = new Map<string, string>();
  readonly stats: KindStats = { kept: 0, total: 0 };

  /**
   * `realWords`: every folded word of every real name in the bundle (a pseudonym is never one of them);
   * `realDates`: every real birth date; the offset moves them all before the earliest one, so that no made-up date
   * is anybody's real one.
   */
  constructor(
    private readonly secret: Buffer,
    private readonly realWords: ReadonlySet<string>,
    private readonly realDates: ReadonlySet<string>,
    readonly offsetDays: number,
  ) {}

  /**
   * The bundle's one offset: every date moved at least a year before the earliest real one (so no made-up date is
   * anybody's real birth date), by a secret number of days. Among a few secret candidates, the one under which the
   * most day-and-month inversions of the pairs can still be inverted (a day of 12 or less), and the most « 01/01 »
   * placeholders still read as one against the moved new date (not, say, as two digits transposed against a 10th of
   * January), is taken.
   */
  static offsetFor(realDates: Iterable<string>, secret: Buffer, swappedNewDates: readonly string[] = [], placeholderNewDates: readonly string[] = []): number {
    let min = Infinity;
    let max = -Infinity;
    for (const iso of realDates) {
      const d = parseIsoDate(iso);
      if (!d) continue;
      min = Math.min(min, d.day);
      max = Math.max(max, d.day);
    }
    const span = Number.isFinite(min) ? Math.min(max - min, 40 * 366) : 0;
    let best = 0;
    let bestScore = -1;
    const wanted = swappedNewDates.length + placeholderNewDates.length;
    for (let k = 0; k < 40 && bestScore < wanted; k++) {
      const offset = -(span + 366 + (createHmac('sha256', secret).update(`offset\u0000${k}`).digest().readUInt32BE(0) % 365));
      const movedOf = (iso: string) => {
        const d = parseIsoDate(iso);
        return d ? parseIsoDate(isoDay(d.day + offset)) : null;
      };
      const swappable = swappedNewDates.filter((iso) => {
        const moved = movedOf(iso);
        return moved !== null && moved.d <= 12 && moved.d !== moved.m;
      }).length;
      const placeholders = placeholderNewDates.filter((iso) => {
        const moved = movedOf(iso);
        return moved !== null && dateEvidence(parseIsoDate(`${String(moved.y).padStart(4, '0')}-01-01`), moved).kind === 'placeholder';
      }).length;
      const score = swappable + placeholders;
      if (score > bestScore) {
        best = offset;
        bestScore = score;
      }
    }
    return best;
  }

  private hmac(kind: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${kind}\u0000${value}`).digest('hex');
  }

  /** A keyed hash: the same value gives the same pseudonym in this bundle only. */
  id(value: string): string {
    const key = `id:${value}`;
    let out = this.hashes.get(key);
    if (!out) {
      out = `id-${this.hmac('id', value).slice(0, 16)}`;
      this.hashes.set(key, out);
    }
    return out;
  }

  email(value: string): string {
    return `c-${this.hmac('email', value.trim().toLowerCase()).slice(0, 12)}@exemple.invalid`;
  }

  login(value: string): string {
    return `compte-${this.hmac('login', value.trim().toLowerCase()).slice(0, 12)}`;
  }

  /** The made-up word of a real folded word (particles stay: « de », « le » name nobody). */
  word(folded: string): string {
    if (folded.length === 0 || isParticle(folded)) return folded;
    const known = this.tokens.get(folded);
    if (known) return known;
    for (let attempt = 0; ; attempt++) {
      const candidate = this.madeUp(folded, attempt);
      const phon = phonetic(candidate);
      const clash = this.used.has(candidate) || this.realWords.has(candidate) || TABLE_WORDS.has(candidate) || isParticle(candidate) || (attempt < 40 && this.usedPhon.has(phon));
      if (!clash || attempt > 200) {
        this.tokens.set(folded, candidate);
        this.used.add(candidate);
        this.usedPhon.add(phon);
        return candidate;
      }
    }
  }

  /** Syllables drawn from the keyed hash, about as long as the real word, ending in « e » when it does. */
  private madeUp(folded: string, attempt: number): string {
    const bytes = createHmac('sha256', this.secret).update(`word\u0000${folded}\u0000${attempt}`).digest();
    const length = Math.max(2, folded.length + (attempt > 20 ? 1 : 0));
    let out = '';
    let i = 0;
    while (out.length < length) {
      out += ONSETS[bytes[i++ % bytes.length]! % ONSETS.length]! + NUCLEI[bytes[i++ % bytes.length]! % NUCLEI.length]!;
    }
    out = out.slice(0, length);
    // Readable: no word ending in two consonants (« Labr ») when it can end in a vowel.
    if (length >= 3 && CONSONANTS.includes(out.at(-1) ?? '') && CONSONANTS.includes(out.at(-2) ?? '')) out = `${out.slice(0, -1)}${NUCLEI[bytes[31]! % NUCLEI.length]}`;
    if (folded.endsWith('e') && !out.endsWith('e')) out = `${out.slice(0, -1)}e`;
    else if (!folded.endsWith('e') && out.endsWith('e')) out = `${out.slice(0, -1)}a`;
    // An accent needs a vowel to sit on.
    if (![...out].some((c) => VOWELS.includes(c))) out = `${out.slice(0, -1)}a`;
    return out;
  }

  /** A name with every word replaced by its made-up word, separators, case and accents kept. */
  name(raw: string): string {
    const shape = shapeOf(raw);
    return render(
      shape,
      shape.words.map((w) => (isParticle(w.folded) ? w.raw : surface(this.word(w.folded), w))),
    );
  }

  /** Free text: every real name word in it replaced (case and accents kept); other words untouched. */
  text(raw: string): string {
    return raw.replace(WORD, (word) => {
      const folded = compact(fold(word));
      if (!this.realWords.has(folded) || isParticle(folded)) return word;
      return surface(this.word(folded), { casing: casingOf(word), accented: foldCase(word) !== word.toLowerCase() });
    });
  }

  /** A real date moved by the bundle's offset. */
  date(iso: string): string {
    const d = parseIsoDate(iso);
    if (!d) return '0001-01-01';
    return isoDay(d.day + this.offsetDays);
  }

  /**
   * The old account's name, from the new account's pseudonym, keeping the engine's kind of difference. `oldRaw` and
   * `newRaw` are the real texts compared, `fakeNew` the new text's pseudonym. Counted in `stats`.
   */
  deriveName(target: NameTarget, oldRaw: string, newRaw: string, fakeNew: string): string {
    const base = this.name(oldRaw);
    const candidates = [base, ...derivations(target, oldRaw, newRaw, fakeNew)].filter((c) => this.safe(c));
    const accepted = [target.kind, ...(STAND_INS[target.kind] ?? [])];
    this.stats.total++;
    for (const candidate of candidates) {
      if (nameKind(candidate, fakeNew, target.role) === target.kind) {
        this.stats.kept++;
        return candidate;
      }
    }
    const standIn = candidates.find((c) => accepted.includes(nameKind(c, fakeNew, target.role)));
    return standIn ?? base;
  }

  /** The old account's birth date, from the new one's pseudonym, keeping the engine's kind of difference. */
  deriveDate(kind: string, oldIso: string | null, newIso: string | null, fakeNew: string | null): string | null {
    if (oldIso === null) return null;
    const base = this.date(oldIso);
    if (!fakeNew || !newIso) return base;
    const candidates = [base, ...dateDerivations(kind, oldIso, newIso, fakeNew)].filter((c) => validIso(c) && !this.realDates.has(c));
    this.stats.total++;
    for (const candidate of candidates) {
      if (dateEvidence(parseIsoDate(candidate), parseIsoDate(fakeNew)).kind === kind) {
        this.stats.kept++;
        return candidate;
      }
    }
    return base;
  }

  /** A derived name must not be a real word either. */
  private safe(name: string): boolean {
    for (const m of name.matchAll(WORD)) {
      const folded = compact(fold(m[0]));
      if (!isParticle(folded) && (this.realWords.has(folded) || TABLE_WORDS.has(folded))) return false;
    }
    return true;
  }
}

/** A real calendar day written `YYYY-MM-DD` (not 2019-02-30, not month 13). */
export function validIso(text: string): boolean {
  const d = parseIsoDate(text);
  return d !== null && Number.isFinite(d.day) && isoDay(d.day) === text;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The engine's kind for two names (the precise identical kinds included). */
export function nameKind(oldRaw: string, newRaw: string, role: NameRole): string {
  const o = nameFeatures(oldRaw);
  const n = nameFeatures(newRaw);
  return refineNameMatch(compareName(o, n, role), o, n).kind;
}

/** The fake compact text cut at the real old text's word boundaries (scaled), with its separators, case and accents. */
function reshape(compactFake: string, oldRaw: string, newRaw: string, fakeNewRaw: string): string {
  const oldShape = shapeOf(oldRaw);
  if (oldShape.words.length === 0) return compactFake;
  const realNew = shapeOf(newRaw);
  const fakeNew = shapeOf(fakeNewRaw);
  const realLength = oldShape.words.reduce((n, w) => n + w.folded.length, 0) || 1;
  // A boundary of the old text that is one of the new text's falls on the same boundary of the fake new text.
  const newBounds = new Map<number, number>();
  let r = 0;
  let f = 0;
  realNew.words.forEach((w, i) => {
    r += w.folded.length;
    f += fakeNew.words[i]?.folded.length ?? 0;
    newBounds.set(r, f);
  });
  const cuts: number[] = [];
  let at = 0;
  for (const w of oldShape.words.slice(0, -1)) {
    at += w.folded.length;
    cuts.push(newBounds.get(at) ?? Math.round((at * compactFake.length) / realLength));
  }
  const pieces: string[] = [];
  let from = 0;
  for (const cut of [...cuts, compactFake.length]) {
    pieces.push(compactFake.slice(from, Math.max(from, cut)));
    from = Math.max(from, cut);
  }
  return render(
    oldShape,
    pieces.map((p, i) => surface(p, oldShape.words[i] ?? { casing: 'title', accented: false })),
  );
}

type EditOp = { type: 'sub'; at: number } | { type: 'del'; at: number } | { type: 'ins'; at: number } | { type: 'swap'; at: number };

/** The edits (Damerau, optimal string alignment) that turn `a` into `b`, positions in `a`. */
function editScript(a: string, b: string): EditOp[] {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  const ops: EditOp[] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 || j > 0) {
    const here = d[i]![j]!;
    if (i > 0 && j > 0 && a[i - 1] === b[j - 1] && d[i - 1]![j - 1] === here) {
      i--;
      j--;
    } else if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && d[i - 2]![j - 2]! + 1 === here) {
      ops.push({ type: 'swap', at: i - 2 });
      i -= 2;
      j -= 2;
    } else if (i > 0 && j > 0 && d[i - 1]![j - 1]! + 1 === here) {
      ops.push({ type: 'sub', at: i - 1 });
      i--;
      j--;
    } else if (i > 0 && d[i - 1]![j]! + 1 === here) {
      ops.push({ type: 'del', at: i - 1 });
      i--;
    } else {
      ops.push({ type: 'ins', at: i });
      j--;
    }
  }
  return ops;
}

/** The same edits, at the same relative places, on a made-up text; `variant` picks among the possible letters. */
function applyEdits(text: string, ops: EditOp[], realLength: number, variant: number): string | null {
  let out = text;
  for (const op of ops) {
    const scale = (p: number, max: number) => Math.min(max, Math.max(0, Math.round((p * text.length) / Math.max(1, realLength)) + ((variant >> 3) % 3) - 1));
    if (op.type === 'sub') {
      const at = scale(op.at, out.length - 1);
      const current = out[at] ?? 'a';
      const pool = (VOWELS.includes(current) ? VOWELS : CONSONANTS).replace(current, '');
      out = out.slice(0, at) + (pool[(variant + at) % pool.length] ?? 'x') + out.slice(at + 1);
    } else if (op.type === 'del') {
      if (out.length < 3) return null;
      const at = scale(op.at, out.length - 1);
      out = out.slice(0, at) + out.slice(at + 1);
    } else if (op.type === 'ins') {
      const at = scale(op.at, out.length);
      const neighbour = out[at] ?? out[at - 1] ?? 'a';
      const pool = (VOWELS.includes(neighbour) ? CONSONANTS : VOWELS).replace(neighbour, '');
      out = out.slice(0, at) + (pool[(variant + at) % pool.length] ?? 'x') + out.slice(at);
    } else {
      const at = scale(op.at, out.length - 2);
      if (out[at] === out[at + 1]) return null;
      out = out.slice(0, at) + (out[at + 1] ?? '') + (out[at] ?? '') + out.slice(at + 2);
    }
  }
  return out;
}

/** Spellings that sound the same (the engine's phonetic key collapses them). */
function soundAlikes(text: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (CONSONANTS.includes(c) && text[i - 1] !== c && text[i + 1] !== c) out.push(text.slice(0, i + 1) + c + text.slice(i + 1));
  }
  out.push(text.replace('i', 'y'), text.replace('y', 'i'), text.replace('f', 'ph'), text.replace(/t(?!h)/, 'th'), `${text}h`, `${text}e`);
  return out.filter((t) => t !== text);
}

function derivations(target: NameTarget, oldRaw: string, newRaw: string, fakeNew: string): string[] {
  const realOld = compact(fold(oldRaw));
  const realNew = compact(fold(newRaw));
  const fake = compact(fold(fakeNew));
  const fakeWords = shapeOf(fakeNew).words.map((w) => w.folded);
  const shaped = (c: string) => reshape(c, oldRaw, newRaw, fakeNew);
  const out: string[] = [shaped(fake)];
  switch (target.kind) {
    case 'typo':
    case 'typo2':
    case 'double-name-part': {
      const ops = editScript(realNew, realOld);
      for (let variant = 0; variant < 24; variant++) {
        const edited = applyEdits(fake, ops, realNew.length, variant);
        if (edited) out.push(shaped(edited));
      }
      // A kept half with a typo: the same edit on one of the fake words alone.
      for (const w of fakeWords) {
        const realWord = shapeOf(newRaw).words.find((x) => boundedEditable(x.folded, realOld));
        if (!realWord) break;
        for (let variant = 0; variant < 12; variant++) {
          const edited = applyEdits(w, editScript(realWord.folded, realOld), realWord.folded.length, variant);
          if (edited) out.push(reshape(edited, oldRaw, oldRaw, oldRaw));
        }
      }
      break;
    }
    case 'variant':
    case 'nickname': {
      // A short form (Max for Maxime) is shortened; a spelling of the same name (Zoey for Zoé) is spelt otherwise.
      const alikes = soundAlikes(fake).map(shaped);
      const shorts = shortForms(fake, realOld.length).map((s) => reshape(s, oldRaw, oldRaw, oldRaw));
      out.push(...(realOld.length < realNew.length - 1 ? [...shorts, ...alikes] : [...alikes, ...shorts]));
      break;
    }
    case 'short-form':
      out.push(...shortForms(fake, realOld.length).map((s) => reshape(s, oldRaw, oldRaw, oldRaw)));
      break;
    case 'initials':
      out.push(reshape(fakeWords.map((w) => w[0] ?? '').join(''), oldRaw, oldRaw, oldRaw));
      break;
    case 'masculine-feminine':
      if (realOld.length > realNew.length) out.push(shaped(`${fake}e`), shaped(`${fake}${fake.at(-1) ?? ''}e`));
      else if (fake.endsWith('e')) out.push(shaped(fake.slice(0, -1)), shaped(fake.slice(0, -2)));
      break;
    default:
      break;
  }
  return out;
}

/** Whether `word` is within a few edits of `text` (the half of a double name that was kept, with a typo). */
function boundedEditable(word: string, text: string): boolean {
  return word.length >= 4 && Math.abs(word.length - text.length) <= 1 && editScript(word, text).length <= 2;
}

function shortForms(fake: string, realLength: number): string[] {
  const lengths = [Math.max(3, realLength), 3, 4].filter((n) => n <= fake.length - 2);
  return [...new Set(lengths)].map((n) => fake.slice(0, n));
}

/** Dates keeping the engine's kind of difference with the new account's made-up date. */
function dateDerivations(kind: string, oldIso: string, newIso: string, fakeNew: string): string[] {
  const o = parseIsoDate(oldIso);
  const n = parseIsoDate(newIso);
  const f = parseIsoDate(fakeNew);
  if (!o || !n || !f) return [];
  const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  switch (kind) {
    case 'exact':
      return [fakeNew];
    case 'day-month-swapped':
      return [iso(f.y, f.d, f.m)];
    case 'one-day-off':
      return [isoDay(f.day + Math.sign(o.day - n.day || 1))];
    case 'transposed-digits': {
      // The same two neighbours swapped in DDMMYYYY, else any pair that gives a real date.
      let at = 0;
      while (at < o.digits.length && o.digits[at] === n.digits[at]) at++;
      const out: string[] = [];
      for (const i of [at, ...Array.from({ length: 7 }, (_, k) => k)]) {
        const g = f.digits;
        if (g[i] === g[i + 1]) continue;
        const s = g.slice(0, i) + (g[i + 1] ?? '') + (g[i] ?? '') + g.slice(i + 2);
        out.push(iso(Number(s.slice(4)), Number(s.slice(2, 4)), Number(s.slice(0, 2))));
      }
      return out;
    }
    case 'placeholder':
      return [iso(f.y, 1, 1)];
    case 'same-year-different':
      return [iso(f.y, ((f.m + 5) % 12) + 1, Math.min(f.d, 28)), iso(f.y, ((f.m + 2) % 12) + 1, 15)];
    default:
      return [isoDay(f.day + (o.day - n.day))];
  }
}
