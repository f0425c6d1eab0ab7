/**
 * Candidate blocking: instead of scoring every (old, new) pair, index the new pupils by cheap keys (name
 * tokens, phonetic keys, nickname groups, initials, birth dates) and score only the pairs that share at
 * least one key. Both name fields go into one key space, so swapped names still meet. A second, wider
 * look (3-letter prefixes: short forms, late typos) is taken only for old pupils without a good candidate.
 */
import type { NameFeatures, PupilFeatures } from './features';

function push(keys: string[], key: string): void {
  if (!keys.includes(key)) keys.push(key);
}

function addNameKeys(name: NameFeatures, keys: string[]): void {
  if (name.compact.length === 0) return;
  push(keys, name.compact);
  push(keys, name.core);
  push(keys, name.phon);
  if (name.tokens.length >= 2) {
    for (let i = 0; i < name.tokens.length; i++) {
      push(keys, name.tokens[i]!);
      push(keys, name.tokenPhons[i]!);
    }
    push(keys, name.tokens.map((t) => t[0]).join(''));
  }
  for (const g of name.groups) push(keys, `g:${g}`);
}

function addPrefixKeys(name: NameFeatures, keys: string[]): void {
  if (name.compact.length >= 3) keys.push(name.compact.slice(0, 3));
  for (const t of name.tokens) if (t.length >= 3) keys.push(t.slice(0, 3));
}

export function blockingKeys(p: PupilFeatures): string[] {
  const keys: string[] = [];
  addNameKeys(p.nom, keys);
  addNameKeys(p.prenom, keys);
  if (p.date) keys.push(`d:${p.date.iso}`, `d:${p.date.y}-${p.date.d}-${p.date.m}`);
  return keys;
}

export function prefixKeys(p: PupilFeatures): string[] {
  const keys: string[] = [];
  addPrefixKeys(p.nom, keys);
  addPrefixKeys(p.prenom, keys);
  return keys;
}

function addTo(index: Map<string, number[]>, keys: string[], i: number): void {
  for (const key of keys) {
    const list = index.get(key);
    if (!list) index.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  }
}

/** Key → indexes of new pupils having it. */
export class CandidateIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly stamp: Int32Array;
  private round = 0;

  constructor(newPupils: PupilFeatures[]) {
    this.stamp = new Int32Array(newPupils.length);
    newPupils.forEach((p, i) => {
      addTo(this.byKey, blockingKeys(p), i);
      addTo(this.byPrefix, prefixKeys(p), i);
    });
  }

  /** Indexes of new pupils sharing at least one key with `old`, each once. */
  candidates(old: PupilFeatures): number[] {
    this.round++;
    return this.collect(this.byKey, blockingKeys(old));
  }

  /** More candidates for the same old pupil (by prefixes), none already returned by `candidates`. */
  widerCandidates(old: PupilFeatures): number[] {
    return this.collect(this.byPrefix, prefixKeys(old));
  }

  private collect(index: Map<string, number[]>, keys: string[]): number[] {
    const out: number[] = [];
    for (const key of keys) {
      const list = index.get(key);
      if (!list) continue;
      for (const i of list) {
        if (this.stamp[i] !== this.round) {
          this.stamp[i] = this.round;
          out.push(i);
        }
      }
    }
    return out;
  }
}
