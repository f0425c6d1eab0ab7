/** Quality of a matching against ground truth: wrong autos, share of true pairs auto, share proposed. */
import type { MatchResult } from '../../../src-shared/domain/matching';

export interface MatchingQuality {
  truePairs: number;
  autoPairs: number;
  wrongAuto: number;
  wrongReview: number;
  trueAuto: number;
  trueProposed: number;
  /** trueAuto / truePairs */
  autoRecall: number;
  /** trueProposed / truePairs */
  proposedRecall: number;
}

export function evaluateMatching(result: Pick<MatchResult, 'pairs'>, truth: Array<{ oldId: string; newId: string }>): MatchingQuality {
  const expected = new Map(truth.map((t) => [t.oldId, t.newId]));
  let wrongAuto = 0;
  let wrongReview = 0;
  let trueAuto = 0;
  let trueProposed = 0;
  let autoPairs = 0;
  for (const p of result.pairs) {
    const right = expected.get(p.old) === p.new;
    if (p.status === 'auto') autoPairs++;
    if (right) {
      trueProposed++;
      if (p.status === 'auto') trueAuto++;
    } else if (p.status === 'auto') wrongAuto++;
    else wrongReview++;
  }
  const n = truth.length;
  return { truePairs: n, autoPairs, wrongAuto, wrongReview, trueAuto, trueProposed, autoRecall: n ? trueAuto / n : 1, proposedRecall: n ? trueProposed / n : 1 };
}
