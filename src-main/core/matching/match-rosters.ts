/**
 * The matching engine's entry point: old roster + new roster of ONE school → one-to-one proposals with
 * evidence, the unmatched accounts on both sides and proposed class mappings. Pure: no I/O.
 *
 * Steps: features once per pupil, levels the files leave out inferred (levels.ts) → candidate pairs by blocking →
 * score each → global one-to-one assignment (best scores first) → `auto` only when the files rule out another
 * child (review-reasons.ts: a usable birth date, a high score, a clear margin over every competitor on both sides,
 * nothing against the pair); every other pair is `review` with its reasons in plain French.
 */
import { REVIEW_REASON_KIND_PREFIX, type MatchResult, type Proposal } from '../../../src-shared/domain/matching';
import type { YearRoster } from '../../../src-shared/domain/roster';
import { CandidateIndex } from './blocking';
import { proposeClassMappings } from './class-mappings';
import { classmatesEvidence } from './classmates';
import { pupilFeatures, type PupilFeatures } from './features';
import { inferLevels } from './levels';
import { reviewReasons, type ReasonFound } from './review-reasons';
import { emptyAssessment, explainPair, nameFrequencies, scorePair, type PairAssessment } from './score';

export interface MatchOptions {
  /** Lowest score proposed at all (as `review`). */
  proposeMin?: number;
  /** Lowest score for `auto`. */
  autoMin?: number;
  /** Lowest lead over the best competing pair, on both sides, for `auto`. */
  autoMargin?: number;
}

export const DEFAULT_MATCH_OPTIONS: Required<MatchOptions> = { proposeMin: 3.5, autoMin: 8, autoMargin: 2.5 };

interface Edge {
  o: number;
  n: number;
  score: number;
  a: PairAssessment;
}

export function matchRosters(oldRoster: YearRoster, newRoster: YearRoster, options: MatchOptions = {}): MatchResult {
  const opts = { ...DEFAULT_MATCH_OPTIONS, ...options };
  const olds = oldRoster.pupils.map(pupilFeatures);
  const news = newRoster.pupils.map(pupilFeatures);
  inferLevels(olds, news);
  // The school's top level leaves every year: last year's top-level pupils are expected gone.
  let topLevel = -1;
  for (const p of olds) if (p.level !== null && p.level > topLevel) topLevel = p.level;
  for (const p of news) if (p.level !== null && p.level > topLevel) topLevel = p.level;
  const freq = nameFrequencies(news);
  const oldNamesakes = namesakeCounts(olds);
  const newNamesakes = namesakeCounts(news);
  const index = new CandidateIndex(news);

  const edges: Edge[] = [];
  const bestForOld = new Float64Array(olds.length).fill(-Infinity);
  const secondForOld = new Float64Array(olds.length).fill(-Infinity);
  const bestForNew = new Float64Array(news.length).fill(-Infinity);
  const secondForNew = new Float64Array(news.length).fill(-Infinity);
  const note = (best: Float64Array, second: Float64Array, i: number, s: number) => {
    if (s > (best[i] as number)) {
      second[i] = best[i] as number;
      best[i] = s;
    } else if (s > (second[i] as number)) second[i] = s;
  };
  // How many accounts on the other side carry (nearly) this pupil's name with nothing against it.
  const lookAlikesOfOld = new Int32Array(olds.length);
  const lookAlikesOfNew = new Int32Array(news.length);
  const scratch = emptyAssessment();
  const consider = (oi: number, o: PupilFeatures, candidates: number[]) => {
    for (const ni of candidates) {
      const score = scorePair(o, news[ni] as PupilFeatures, freq, scratch);
      if (score < opts.proposeMin - opts.autoMargin) continue;
      note(bestForOld, secondForOld, oi, score);
      note(bestForNew, secondForNew, ni, score);
      if (score < opts.proposeMin) continue;
      edges.push({ o: oi, n: ni, score, a: { ...scratch } });
      if (isLookAlike(scratch)) {
        lookAlikesOfOld[oi]!++;
        lookAlikesOfNew[ni]!++;
      }
    }
  };
  for (let oi = 0; oi < olds.length; oi++) {
    const o = olds[oi] as PupilFeatures;
    consider(oi, o, index.candidates(o));
    // Nothing convincing yet: look wider (short forms, typos in both names).
    if ((bestForOld[oi] as number) < opts.proposeMin + 2) consider(oi, o, index.widerCandidates(o));
  }

  // One-to-one: best scores first (ties broken by ids, so the result never depends on input order).
  edges.sort((x, y) => y.score - x.score || cmp(olds[x.o]!.record.id, olds[y.o]!.record.id) || cmp(news[x.n]!.record.id, news[y.n]!.record.id));
  const oldTaken = new Uint8Array(olds.length);
  const newTaken = new Uint8Array(news.length);
  const pairs: Proposal[] = [];
  const pairedRecords: Array<{ old: PupilFeatures['record']; new: PupilFeatures['record']; status: 'auto' | 'review' }> = [];
  const found: ReasonFound[][] = [];
  for (const e of edges) {
    if (oldTaken[e.o] || newTaken[e.n]) continue;
    oldTaken[e.o] = 1;
    newTaken[e.n] = 1;
    const o = olds[e.o] as PupilFeatures;
    const n = news[e.n] as PupilFeatures;
    // The best competitor on either side (a pair with the same score elsewhere counts as a competitor).
    const competitorOld = (bestForOld[e.o] as number) > e.score ? (bestForOld[e.o] as number) : (secondForOld[e.o] as number);
    const competitorNew = (bestForNew[e.n] as number) > e.score ? (bestForNew[e.n] as number) : (secondForNew[e.n] as number);
    const lead = e.score - Math.max(competitorOld, competitorNew);
    const self = isLookAlike(e.a) ? 1 : 0;
    const sameNameOld = oldNamesakes[e.o] as number;
    const sameNameNew = newNamesakes[e.n] as number;
    const situation = {
      a: e.a, o, n, score: e.score, lead, topLevel, sameNameOld, sameNameNew,
      likeNameOld: Math.max(sameNameOld, (lookAlikesOfNew[e.n] as number) - self),
      likeNameNew: Math.max(sameNameNew, (lookAlikesOfOld[e.o] as number) - self),
    };
    const reasons = reviewReasons(situation, opts);
    const status = reasons.length === 0 ? 'auto' : 'review';
    const proposal: Proposal = { old: o.record.id, new: n.record.id, score: Math.round(e.score * 100) / 100, status, evidence: explainPair(o, n, e.a) };
    if (status === 'review') proposal.reasons = reasons.map((r) => r.code);
    pairs.push(proposal);
    pairedRecords.push({ old: o.record, new: n.record, status });
    found.push(reasons);
  }
  // Where the old class's surely identified pupils went: shown on the pairs a person checks (never makes one `auto`).
  classmatesEvidence(pairs, pairedRecords);
  // The reasons' French closes the evidence (after the field lines, which readers look up by field): every screen shows it.
  pairs.forEach((p, i) => {
    for (const r of found[i] ?? []) p.evidence.push({ field: r.field, kind: `${REVIEW_REASON_KIND_PREFIX}${r.code}`, detail: r.detail, weight: 0 });
  });
  return {
    pairs,
    unmatchedOld: olds.filter((_, i) => !oldTaken[i]).map((p) => p.record.id),
    unmatchedNew: news.filter((_, i) => !newTaken[i]).map((p) => p.record.id),
    classMappings: proposeClassMappings(oldRoster, newRoster, pairedRecords),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The two accounts carry the same name or nearly (one typo, a nickname), and nothing in the files tells them apart. */
function isLookAlike(a: PairAssessment): boolean {
  return a.nom.factor >= 0.75 && a.prenom.factor >= 0.75 && a.date.weight >= 0 && a.level.kind !== 'inconsistent' && a.sex.weight >= 0;
}

/**
 * For each pupil, how many others of the same roster carry its name (surname core + first name, in either order).
 * Names are interned to numbers first: no string is built per pupil.
 */
function namesakeCounts(pupils: PupilFeatures[]): Int32Array {
  const ids = new Map<string, number>();
  const id = (text: string) => {
    let n = ids.get(text);
    if (n === undefined) {
      n = ids.size;
      ids.set(text, n);
    }
    return n;
  };
  const keyOf = (a: string, b: string) => id(a) * 0x100000 + id(b);
  const keys = new Float64Array(pupils.length);
  const counts = new Map<number, number>();
  pupils.forEach((p, i) => {
    const key = keyOf(p.nom.core, p.prenom.compact);
    const swapped = keyOf(p.prenom.core, p.nom.compact);
    keys[i] = key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (swapped !== key) counts.set(swapped, (counts.get(swapped) ?? 0) + 1);
  });
  const others = new Int32Array(pupils.length);
  for (let i = 0; i < pupils.length; i++) others[i] = Math.max(0, (counts.get(keys[i] as number) ?? 1) - 1);
  return others;
}
