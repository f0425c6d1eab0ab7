/**
 * Splitting a many-school match between two threads: both threads parse the same files (parsing is needed
 * on the main thread anyway, for its errors), each matches its share of the schools, in school order, and
 * returns JSON text that the main thread splices, so the output is the same as with one thread.
 */
import type { MatchResult } from '../../../src-shared/domain/matching';
import type { YearRoster } from '../../../src-shared/domain/roster';
import { matchRosters, readRosterCsv, type RosterFile, type SchoolRosters } from '../../core';

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

/** JSON text of each array of a match result, as fragments: array items without the brackets. */
export interface MatchShareJson {
  pairs: string[];
  unmatchedOld: string[];
  unmatchedNew: string[];
  classMappings: string[];
}

export const RESULT_KEYS = ['pairs', 'unmatchedOld', 'unmatchedNew', 'classMappings'] as const;

/** Matches school by school, keeping only JSON text of each result (far less for the GC to keep alive). */
export function matchSchoolsToJson(schools: SchoolRosters[]): MatchShareJson {
  const share: MatchShareJson = { pairs: [], unmatchedOld: [], unmatchedNew: [], classMappings: [] };
  for (const school of schools) {
    const result: MatchResult = matchRosters(school.old, school.new);
    for (const key of RESULT_KEYS) {
      if (result[key].length > 0) share[key].push(JSON.stringify(result[key]).slice(1, -1));
    }
  }
  return share;
}

/** The whole result's JSON, written piece by piece (no 50 MB string built in memory). */
export function writeResultJson(shares: MatchShareJson[], write: (text: string) => void): void {
  RESULT_KEYS.forEach((key, k) => {
    write(`${k === 0 ? '{' : ','}"${key}":[`);
    let first = true;
    for (const share of shares) {
      for (const fragment of share[key]) {
        write(first ? fragment : `,${fragment}`);
        first = false;
      }
    }
    write(']');
  });
  write('}\n');
}

/** Helper-thread side: parse both files, match the second share of the schools. */
export function runMatchShare(input: { oldBytes: Uint8Array; newBytes: Uint8Array }): MatchShareJson {
  const schools = pairSchools(readRosterCsv(input.oldBytes, 'old'), readRosterCsv(input.newBytes, 'new'));
  return matchSchoolsToJson(schools.slice(splitPoint(schools)));
}
