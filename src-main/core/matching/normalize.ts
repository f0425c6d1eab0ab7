/**
 * Name normalisation: case, accents, ligatures, letters NFD cannot decompose, hyphens, apostrophes, particles,
 * and a French phonetic key.
 */
import { foldCase } from '../../../src-shared/domain/text';

const PARTICLES = new Set(['de', 'da', 'du', 'des', 'la', 'le', 'les', 'd', 'l', 'van', 'von', 'den', 'der', 'di', 'del', 'della', 'dos', 'das', 'do', 'el', 'al', 'ben', 'bin', 'mc', 'mac', 'ter']);

/**
 * Lower case, no accents, ligatures or letters NFD leaves whole ("Yıldız" → "yildiz", "Søren" → "soren": the
 * shared transliteration of src-shared/domain/text), every separator (space, hyphen, apostrophe, dot) as one space.
 * Only a-z, 0-9 and single inner spaces remain; fold(fold(x)) === fold(x).
 */
export function fold(text: string): string {
  return foldCase(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded with separators removed: "Jean-Baptiste", "Jean Baptiste", "Jeanbaptiste" → "jeanbaptiste". */
export function compact(folded: string): string {
  return folded.replace(/ /g, '');
}

export function isParticle(token: string): boolean {
  return PARTICLES.has(token);
}

/** Tokens without particles ("de la fontaine" → ["fontaine"]); all tokens when there are only particles. */
export function coreTokens(folded: string): string[] {
  const tokens = folded.split(' ').filter((t) => t.length > 0);
  const core = tokens.filter((t) => !PARTICLES.has(t));
  return core.length > 0 ? core : tokens;
}

/**
 * A rough French phonetic key, enough to see Mathis = Mathys, Rayan = Rayane, Eliott = Elliot,
 * Kylian = Killian, Louna = Luna: spellings of one sound collapse, silent endings drop.
 */
export function phonetic(compactName: string): string {
  let s = compactName
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/sch/g, '$')
    .replace(/ch/g, '$')
    .replace(/sh/g, '$')
    .replace(/qu/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/gu(?=[eiy])/g, 'g')
    .replace(/h/g, '')
    .replace(/y/g, 'i')
    .replace(/w/g, 'v')
    .replace(/z/g, 's')
    .replace(/eau/g, 'o')
    .replace(/au/g, 'o')
    .replace(/ou/g, 'u')
    .replace(/ai|ei/g, 'e')
    .replace(/(.)\1+/g, '$1');
  while (s.length > 2 && /[estxd]$/.test(s)) s = s.slice(0, -1);
  return s;
}

/** Rows reused by every call (grown when a name is longer): no allocation per compared pair. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance (Damerau: one swap of neighbours counts 1), or max+1 beyond `max`. */
export function boundedDamerau(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb + 1 > rowA.length) {
    rowA = new Int32Array(lb * 2 + 2);
    rowB = new Int32Array(lb * 2 + 2);
    rowC = new Int32Array(lb * 2 + 2);
  }
  // Three rolling rows, reused between calls: no allocation on the hot path.
  let prevPrev = rowA;
  let prev = rowB;
  let curr = rowC;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + (ca === cb ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = curr[j - 1]! + 1;
      if (del < v) v = del;
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prevPrev[j - 2]! + 1 < v) v = prevPrev[j - 2]! + 1;
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const tmp = prevPrev;
    prevPrev = prev;
    prev = curr;
    curr = tmp;
  }
  const d = prev[lb]!;
  return d > max ? max + 1 : d;
}
