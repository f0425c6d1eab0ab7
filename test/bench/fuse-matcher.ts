/**
 * The matcher a first attempt would write with fuse.js, kept as a yardstick for the benchmark:
 * Fuse over the new pupils' "prenom nom", default-ish threshold, best hit per old pupil, greedy
 * one-to-one, `auto` when the fuzzy score is very good. No dates, no levels, no nicknames.
 */
import Fuse from 'fuse.js';
import type { MatchResult, Proposal } from '../../src-shared/domain/matching';
import type { YearRoster } from '../../src-shared/domain/roster';

interface Indexed {
  id: string;
  fullName: string;
}

export function fuseMatchRosters(oldRoster: YearRoster, newRoster: YearRoster): MatchResult {
  const fuse = new Fuse<Indexed>(
    newRoster.pupils.map((p) => ({ id: p.id, fullName: `${p.prenom} ${p.nom}` })),
    { keys: ['fullName'], threshold: 0.4, includeScore: true, ignoreLocation: true },
  );
  const hits: Array<{ old: string; new: string; fuseScore: number }> = [];
  for (const p of oldRoster.pupils) {
    const best = fuse.search(`${p.prenom} ${p.nom}`, { limit: 1 })[0];
    if (best) hits.push({ old: p.id, new: best.item.id, fuseScore: best.score ?? 1 });
  }
  hits.sort((a, b) => a.fuseScore - b.fuseScore);
  const takenNew = new Set<string>();
  const pairs: Proposal[] = [];
  for (const h of hits) {
    if (takenNew.has(h.new)) continue;
    takenNew.add(h.new);
    pairs.push({ old: h.old, new: h.new, score: Math.round((1 - h.fuseScore) * 100) / 100, status: h.fuseScore < 0.1 ? 'auto' : 'review', evidence: [] });
  }
  const pairedOld = new Set(pairs.map((p) => p.old));
  return {
    pairs,
    unmatchedOld: oldRoster.pupils.filter((p) => !pairedOld.has(p.id)).map((p) => p.id),
    unmatchedNew: newRoster.pupils.filter((p) => !takenNew.has(p.id)).map((p) => p.id),
    classMappings: [],
  };
}
