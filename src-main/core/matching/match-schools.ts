/** Many schools at once (a file with an `ecole` column): matched school by school, results combined. */
import type { MatchResult } from '../../../src-shared/domain/matching';
import type { YearRoster } from '../../../src-shared/domain/roster';
import { matchRosters, type MatchOptions } from './match-rosters';

export interface SchoolRosters {
  /** UAI, or '' when the file has no school column. */
  uai: string;
  old: YearRoster;
  new: YearRoster;
}

export function matchSchools(schools: SchoolRosters[], options?: MatchOptions): MatchResult {
  const combined: MatchResult = { pairs: [], unmatchedOld: [], unmatchedNew: [], classMappings: [] };
  for (const school of schools) {
    const r = matchRosters(school.old, school.new, options);
    for (const p of r.pairs) combined.pairs.push(p);
    for (const id of r.unmatchedOld) combined.unmatchedOld.push(id);
    for (const id of r.unmatchedNew) combined.unmatchedNew.push(id);
    for (const m of r.classMappings) combined.classMappings.push(m);
  }
  return combined;
}
