/**
 * The matching engine's entry point: old roster + new roster of ONE school → one-to-one proposals with
 * evidence, the unmatched accounts on both sides and proposed class mappings. Pure: no I/O.
 *
 * Steps: features once per pupil → candidate pairs by blocking → score each → global one-to-one
 * assignment (best scores first) → a conservative `auto` rule (high score, clear margin over every
 * competitor on both sides, nothing against the pair).
 */
import type { MatchResult, Proposal } from '../../../src-shared/domain/matching';
import type { YearRoster } from '../../../src-shared/domain/roster';
import { CandidateIndex } from './blocking';
import { proposeClassMappings } from './class-mappings';
import { inferLevelsFromClassmates, pupilFeatures, type PupilFeatures } from './features';
import { emptyAssessment, explainPair, nameFrequencies, scorePair, type PairAssessment } from './score';

export interface MatchOptions {
  /** Lowest score proposed at all (as `review`). */
  proposeMin?: number;
  /** Lowest score for `auto`. */
  autoMin?: number;
  /** Lowest lead over the best competing pair, on both sides, for `auto`. */
  autoMargin?: number;
  /** Lowest name evidence (surname + first name points) for `auto` without a usable birth date. */
  datelessNameMin?: number;
}

export const DEFAULT_MATCH_OPTIONS: Required<MatchOptions> = { proposeMin: 3.5, autoMin: 8, autoMargin: 2.5, datelessNameMin: 7.5 };

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
  inferLevelsFromClassmates(olds);
  inferLevelsFromClassmates(news);
  // The school's top level leaves every year: last year's top-level pupils are expected gone.
  let topLevel = -1;
  for (const p of olds) if (p.level !== null && p.level > topLevel) topLevel = p.level;
  for (const p of news) if (p.level !== null && p.level > topLevel) topLevel = p.level;
  const freq = nameFrequencies(news);
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
  const scratch = emptyAssessment();
  const consider = (oi: number, o: PupilFeatures, candidates: number[]) => {
    for (const ni of candidates) {
      const score = scorePair(o, news[ni] as PupilFeatures, freq, scratch);
      if (score < opts.proposeMin - opts.autoMargin) continue;
      note(bestForOld, secondForOld, oi, score);
      note(bestForNew, secondForNew, ni, score);
      if (score >= opts.proposeMin) edges.push({ o: oi, n: ni, score, a: { ...scratch } });
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
    const status = isAuto(e.a, o, e.score, lead, topLevel, opts) ? 'auto' : 'review';
    pairs.push({ old: o.record.id, new: n.record.id, score: Math.round(e.score * 100) / 100, status, evidence: explainPair(o, n, e.a) });
    pairedRecords.push({ old: o.record, new: n.record, status });
  }
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

/** Safe without review: strong, clearly ahead of any other reading, and nothing speaks against it. */
function isAuto(a: PairAssessment, o: PupilFeatures, score: number, lead: number, topLevel: number, opts: Required<MatchOptions>): boolean {
  if (score < opts.autoMin || lead < opts.autoMargin) return false;
  if (a.nom.factor === 0 || a.prenom.factor === 0) return false;
  if (a.date.weight < 0 || a.level.kind === 'inconsistent' || a.sex.weight < 0) return false;
  const dated = a.date.weight >= 3;
  if (!dated) {
    // Without a birth date, the names and the level must carry everything.
    if (a.level.kind === 'missing') return false;
    // Was (or may have been) in the top level, which leaves: the same name here may be a new child.
    if (o.level === topLevel || (o.level === null && o.labelLevels.includes(topLevel))) return false;
    // One typo or nickname at most: the other name must match beyond doubt.
    if (a.nom.factor + a.prenom.factor < 1.6) return false;
    // A common first name with a common surname can belong to two children: a date must confirm it.
    if (a.nomWeight + a.prenomWeight < opts.datelessNameMin) return false;
    // A repeat is rare (a few %); a new child with the same name in the same level is as likely: review.
    if (a.level.kind === 'repeat' || a.level.kind === 'repeat-class') return false;
    // A level read from a multi-level class: only with names beyond doubt.
    if (a.level.weight < 1.2 && (a.nom.factor < 0.9 || a.prenom.factor < 0.9)) return false;
  }
  if (a.nom.factor < 0.6 || a.prenom.factor < 0.6) return false;
  return true;
}
