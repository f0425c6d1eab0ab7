/**
 * Schools with one trap family planted (src-shared/domain/generator-traps.ts), matched by the engine and scored
 * per family: wrong `auto` anywhere in the school, wrong `auto` on the trap's own accounts, and recall over the
 * pairs the family is about. Shared by quality-traps.test.ts and `npm run bench -- matching`.
 */
import { dateEvidence, evaluateMatching, matchRosters } from '../../../../src-main/core/matching';
import { parseIsoDate } from '../../../../src-main/core/matching/features';
import { generateSchool, type GeneratedSchool, type SchoolShape } from '../../../../src-shared/domain/generator';
import { TRAP_FAMILIES, TRAP_RATES, type TrapFamily } from '../../../../src-shared/domain/generator-traps';
import type { MatchResult } from '../../../../src-shared/domain/matching';

export type TrapRate = 'realistic' | 'stress';

export interface TrapFamilyQuality {
  family: TrapFamily;
  rate: TrapRate;
  schools: number;
  /** Traps planted. */
  instances: number;
  /** Wrong `auto` pairs anywhere in these schools. */
  wrongAuto: number;
  /** `auto` pairs holding a trap account that has no true pair (a leaver, a namesake newcomer). */
  wrongAutoOnTraps: number;
  /** Trap accounts without a true pair that the engine put in front of a person (a `review` pair). */
  trapsShownForReview: number;
  /** Review pairs the family is about ((a), (b): the leaver with the namesake; (c): the stayer's new account with either old one), and how many say the family's reason. */
  trapPairs: number;
  trapPairsWithReason: number;
  /** The true pairs the family is about (see focusPairs), and how many are auto / proposed. */
  focusPairs: number;
  focusAuto: number;
  focusProposed: number;
  /** Focus pairs whose old account has a usable birth date (the only ones that can be `auto`), and how many are. */
  focusDated: number;
  focusDatedAuto: number;
  /** The whole schools. */
  truePairs: number;
  autoRecall: number;
  proposedRecall: number;
}

const SHAPES: SchoolShape[] = ['rural', 'maternelle', 'elementaire', 'primaire'];
const MISSING = [0.1, 0.3, 0.5];

export function trapSchool(family: TrapFamily, rate: TrapRate, i: number): GeneratedSchool {
  const seed = 9100 + 37 * TRAP_FAMILIES.indexOf(family) + i;
  const shape = SHAPES[i % SHAPES.length]!;
  const pupils = shape === 'rural' ? 70 : 160 + (i % 5) * 60;
  return generateSchool({ seed, uai: `0138${String(i).padStart(3, '0')}T`, shape, pupils, missingBirthDateRate: MISSING[i % MISSING.length]!, traps: TRAP_RATES[family][rate] });
}

/**
 * The true pairs a family is about: (c) the pupil who stayed, next to the same-name account of the one who left;
 * (d) the pupils whose names carry such letters; (a), (b), (e): every true pair of the school (the traps of (a) and
 * (b) have no true pair; the question there is what they cost the others).
 */
function focusOf(school: GeneratedSchool, family: TrapFamily): Set<string> {
  const traps = school.traps ?? [];
  if (family === 'duplicate-old-name') return new Set(traps.flatMap((t) => t.oldIds.slice(1)));
  if (family === 'undecomposed-letters') return new Set(traps.flatMap((t) => t.oldIds));
  return new Set(school.truth.map((t) => t.oldId));
}

/** The reason a review pair of the family must give. */
function expectedReason(family: TrapFamily, variant: string): string | null {
  if (family === 'dateless-namesake') return variant.startsWith('one-letter') ? 'one-letter' : 'dateless';
  if (family === 'swapped-namesake') return 'swapped';
  if (family === 'duplicate-old-name') return 'two-old-accounts';
  return null;
}

export function scoreTrapSchools(family: TrapFamily, rate: TrapRate, runs: Array<{ school: GeneratedSchool; result: MatchResult }>): TrapFamilyQuality {
  const q: TrapFamilyQuality = { family, rate, schools: runs.length, instances: 0, wrongAuto: 0, wrongAutoOnTraps: 0, trapsShownForReview: 0, trapPairs: 0, trapPairsWithReason: 0, focusPairs: 0, focusAuto: 0, focusProposed: 0, focusDated: 0, focusDatedAuto: 0, truePairs: 0, autoRecall: 0, proposedRecall: 0 };
  let trueAuto = 0;
  let trueProposed = 0;
  for (const { school, result } of runs) {
    const traps = school.traps ?? [];
    const truth = new Map(school.truth.map((t) => [t.oldId, t.newId]));
    const pairedNew = new Set(school.truth.map((t) => t.newId));
    const overall = evaluateMatching(result, school.truth);
    q.instances += traps.length;
    q.wrongAuto += overall.wrongAuto;
    q.truePairs += overall.truePairs;
    trueAuto += overall.trueAuto;
    trueProposed += overall.trueProposed;
    // Trap accounts with no true pair: the leaver's old account, the namesake newcomer.
    const lonelyOld = new Set(traps.flatMap((t) => t.oldIds).filter((id) => !truth.has(id)));
    const lonelyNew = new Set(traps.flatMap((t) => t.newIds).filter((id) => !pairedNew.has(id)));
    for (const p of result.pairs) {
      if (!lonelyOld.has(p.old) && !lonelyNew.has(p.new)) continue;
      if (p.status === 'auto') q.wrongAutoOnTraps++;
      else q.trapsShownForReview++;
    }
    for (const trap of traps) {
      const expected = expectedReason(family, trap.variant);
      if (!expected) continue;
      const involved = family === 'duplicate-old-name' ? result.pairs.filter((p) => p.new === truth.get(trap.oldIds[1] ?? '') && trap.oldIds.includes(p.old)) : result.pairs.filter((p) => p.old === trap.oldIds[0] && p.new === trap.newIds[0]);
      for (const p of involved) {
        if (p.status !== 'review') continue;
        q.trapPairs++;
        if (p.reasons?.includes(expected)) q.trapPairsWithReason++;
      }
    }
    const focus = focusOf(school, family);
    const oldDate = new Map(school.old.pupils.map((p) => [p.id, p.dateNaissance]));
    const newDate = new Map(school.new.pupils.map((p) => [p.id, p.dateNaissance]));
    const pairOfOld = new Map(result.pairs.map((p) => [p.old, p]));
    for (const oldId of focus) {
      const newId = truth.get(oldId);
      if (newId === undefined) continue;
      q.focusPairs++;
      const dated = dateEvidence(parseIsoDate(oldDate.get(oldId) ?? null), parseIsoDate(newDate.get(newId) ?? null)).weight >= 3;
      if (dated) q.focusDated++;
      const pair = pairOfOld.get(oldId);
      if (pair && pair.new === newId) {
        q.focusProposed++;
        if (pair.status === 'auto') {
          q.focusAuto++;
          if (dated) q.focusDatedAuto++;
        }
      }
    }
  }
  q.autoRecall = q.truePairs ? trueAuto / q.truePairs : 1;
  q.proposedRecall = q.truePairs ? trueProposed / q.truePairs : 1;
  return q;
}

export function measureTrapFamily(family: TrapFamily, rate: TrapRate, schools: number): TrapFamilyQuality {
  const runs = Array.from({ length: schools }, (_, i) => {
    const school = trapSchool(family, rate, i);
    return { school, result: matchRosters(school.old, school.new) };
  });
  return scoreTrapSchools(family, rate, runs);
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** A Markdown table, one row per (family, rate). */
export function trapTable(rows: TrapFamilyQuality[]): string {
  const header = ['family', 'rate', 'traps', 'wrong auto', 'wrong auto on trap accounts', 'trap accounts shown for review', 'trap pairs saying why', 'focus pairs', 'focus auto', 'focus dated auto', 'focus proposed', 'school auto', 'school proposed'];
  const ratio = (x: number, n: number) => pct(n ? x / n : 1);
  const lines = rows.map((q) => [q.family, q.rate, String(q.instances), String(q.wrongAuto), String(q.wrongAutoOnTraps), String(q.trapsShownForReview), q.trapPairs ? `${q.trapPairsWithReason}/${q.trapPairs}` : '-', String(q.focusPairs), ratio(q.focusAuto, q.focusPairs), ratio(q.focusDatedAuto, q.focusDated), ratio(q.focusProposed, q.focusPairs), pct(q.autoRecall), pct(q.proposedRecall)]);
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const row = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
}
