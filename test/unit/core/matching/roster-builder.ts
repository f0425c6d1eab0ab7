import type { Level, PupilRecord, Sex, YearRoster } from '../../../../src-shared/domain/roster';

export interface PupilSpec {
  id: string;
  nom: string;
  prenom: string;
  date?: string | null;
  niveau?: Level | null;
  classe?: string;
  sexe?: Sex | null;
}

/** A roster from short pupil specs; classes derived from the labels. */
export function roster(specs: PupilSpec[]): YearRoster {
  const pupils: PupilRecord[] = specs.map((s) => ({
    id: s.id,
    nom: s.nom,
    prenom: s.prenom,
    dateNaissance: s.date ?? null,
    sexe: s.sexe ?? null,
    niveau: s.niveau ?? null,
    classId: s.classe ?? s.niveau ?? null,
    classLabel: s.classe ?? s.niveau ?? '',
  }));
  const labels = [...new Set(pupils.map((p) => p.classLabel).filter((l) => l !== ''))];
  return { classes: labels.map((label) => ({ id: label, label, levels: [], teacherIds: [] })), teachers: [], pupils };
}

/** Filler pupils with unrelated names so rosters look like a school (frequencies, competitors). */
export function filler(prefix: string, count: number, level: Level, year: number): PupilSpec[] {
  const surnames = ['ABGRALL', 'BRÉMOND', 'COUDERC', 'DAUDET', 'ESCOFFIER', 'FAVRE', 'GAILLARD', 'HUMBERT', 'JACQUET', 'LECLERC', 'MAILLARD', 'NAVARRO'];
  const firsts = ['Inès', 'Jules', 'Ambre', 'Marius', 'Iris', 'Gabin', 'Romane', 'Nolan', 'Capucine', 'Eliott', 'Soline', 'Augustin'];
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    nom: surnames[i % surnames.length]!,
    prenom: firsts[(i * 5 + 3) % firsts.length]!,
    date: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
    niveau: level,
  }));
}
