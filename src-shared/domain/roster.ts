/**
 * Domain types of a school's rosters, shared by the matching engine, the reference server's demo data
 * and the desktop core. Dates are ISO `YYYY-MM-DD` strings; no Date objects cross the contract.
 */
export const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** The level a pupil normally reaches one year later, or null when they leave the school's range. */
export function nextLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return i >= 0 && i < LEVELS.length - 1 ? (LEVELS[i + 1] ?? null) : null;
}

export type Sex = 'F' | 'M';

/** One pupil account, old (hand-typed last year) or new (from ONDE). */
export interface PupilRecord {
  id: string;
  nom: string;
  prenom: string;
  /** ISO date; always present in a new roster, often missing or wrong in an old one. */
  dateNaissance: string | null;
  sexe: Sex | null;
  niveau: Level | null;
  classId: string | null;
  /** Class label as shown to people ("CM1 B", "Les Nounours", "CE2-CM1"). */
  classLabel: string;
}

export interface ClassRecord {
  id: string;
  label: string;
  levels: Level[];
  teacherIds: string[];
}

export interface TeacherRecord {
  id: string;
  nom: string;
  prenom: string;
  /** Academic e-mail, stable across years: what links last year's teacher account to this year's. */
  email: string;
}

export interface YearRoster {
  classes: ClassRecord[];
  teachers: TeacherRecord[];
  pupils: PupilRecord[];
}
