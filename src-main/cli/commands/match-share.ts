/**
 * Splitting a many-school match between two threads: both threads parse the same files (parsing is needed
 * on the main thread anyway, for its errors), each matches its share of the schools, in school order, and
 * returns JSON text that the main thread splices, so the output is the same as with one thread.
 */
import type { MatchResult } from '../../../src-shared/domain/matching';
import type { YearRoster } from '../../../src-shared/domain/roster';
import { readRosterCsv, type RosterFile } from '../../core/csv/roster-csv';
import { matchSchools, type SchoolRosters } from '../../core/matching';

const EMPTY_ROSTER: YearRoster = { classes: [], teachers: [], pupils: [] };

export function pairSchools(oldFile: RosterFile, newFile: RosterFile): SchoolRosters[] {
  const uais = new Set([...oldFile.schools.keys(), ...newFile.schools.keys()]);
  return [...uais].map((uai) => ({ uai, old: oldFile.schools.get(uai) ?? EMPTY_ROSTER, new: newFile.schools.get(uai) ?? EMPTY_ROSTER }));
}

/** Index of the first school of the second share: about half of the rows on each side. */
export function splitPoint(schools: SchoolRosters[]): number {
  const total = schools.reduce((n, s) => n + s.old.pupils.length + s.new.pupils.length, 0);
  let seen = 0;
  for (let i = 0; i < schools.length; i++) {
    seen += schools[i]!.old.pupils.length + schools[i]!.new.pupils.length;
    if (seen >= total / 2) return i + 1;
  }
  return schools.length;
}

export interface MatchShareJson {
  pairs: string;
  unmatchedOld: string;
  unmatchedNew: string;
  classMappings: string;
}

export function resultJson(result: MatchResult): MatchShareJson {
  return {
    pairs: JSON.stringify(result.pairs),
    unmatchedOld: JSON.stringify(result.unmatchedOld),
    unmatchedNew: JSON.stringify(result.unmatchedNew),
    classMappings: JSON.stringify(result.classMappings),
  };
}

/** `[a,b]` + `[c]` → `[a,b,c]` without parsing. */
export function concatJsonArrays(parts: string[]): string {
  const inner = parts.map((p) => p.slice(1, -1)).filter((p) => p.length > 0);
  return `[${inner.join(',')}]`;
}

/** Helper-thread side: parse both files, match the second share of the schools. */
export function runMatchShare(input: { oldBytes: Uint8Array; newBytes: Uint8Array }): MatchShareJson {
  const schools = pairSchools(readRosterCsv(input.oldBytes, 'old'), readRosterCsv(input.newBytes, 'new'));
  return resultJson(matchSchools(schools.slice(splitPoint(schools))));
}
