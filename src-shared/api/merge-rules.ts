/**
 * The merge batch's business rules, beyond its schema: every problem at once. One function for both ends:
 * the reference server refuses a batch with it (422), the desktop core checks the batch with it before sending.
 */
import type { Problem } from '../errors';
import type { MergeBatch } from './merge';

/** Ids that exist in the school's rosters (old: last year, new: this year). */
export interface SchoolFacts {
  uai: string;
  oldClassIds: ReadonlySet<string>;
  newClassIds: ReadonlySet<string>;
  oldPupilIds: ReadonlySet<string>;
  newPupilIds: ReadonlySet<string>;
}

/** What the verified old account may recover: school spaces (by UAI) and old class spaces (by id). */
export interface RecoveryRights {
  schools: readonly string[];
  classes: readonly string[];
}

/**
 * A batch moves last year's data — and so must carry a legacy grant that covers it — as soon as it links a pupil
 * or recovers a space. A batch that only gives new pupils their generated credentials needs no grant.
 */
export function movesOldData(batch: Pick<MergeBatch, 'pupils' | 'schoolSpace' | 'classes'>): boolean {
  return batch.pupils.length > 0 || batch.schoolSpace !== null || batch.classes.some((c) => c.action === 'recover');
}

function duplicates<T>(values: readonly T[]): Set<T> {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return dup;
}

export function mergeBatchProblems(batch: MergeBatch, facts: SchoolFacts, rights: RecoveryRights | null): Problem[] {
  const problems: Problem[] = [];
  const mayRecoverSchool = rights?.schools.includes(facts.uai) ?? false;
  const grantClasses = new Set(rights?.classes ?? []);
  if (batch.schoolSpace) {
    if (!mayRecoverSchool) problems.push({ path: 'schoolSpace', message: "l'ancien compte vérifié ne donne pas droit à l'espace de l'école (il faut avoir été directeur ou référent ENT, ou directeur dans Base élèves)" });
    if (duplicates(batch.schoolSpace.apps).size) problems.push({ path: 'schoolSpace.apps', message: 'application en double' });
  }
  const dupOldClasses = duplicates(batch.classes.map((c) => c.oldClassId));
  batch.classes.forEach((c, i) => {
    const at = `classes.${i}`;
    if (!facts.oldClassIds.has(c.oldClassId)) problems.push({ path: `${at}.oldClassId`, message: "cette classe n'existait pas dans l'école l'an dernier" });
    else if (dupOldClasses.has(c.oldClassId)) problems.push({ path: `${at}.oldClassId`, message: 'cette ancienne classe apparaît plusieurs fois' });
    if (c.action === 'recover') {
      if (!facts.newClassIds.has(c.newClassId)) problems.push({ path: `${at}.newClassId`, message: "cette classe n'existe pas dans l'école cette année" });
      if (duplicates(c.apps).size) problems.push({ path: `${at}.apps`, message: 'application en double' });
      if (!mayRecoverSchool && !grantClasses.has(c.oldClassId)) problems.push({ path: at, message: "l'ancien compte vérifié n'a pas le droit de récupérer cet espace de classe" });
    }
  });
  const dupOld = duplicates(batch.pupils.map((p) => p.oldPupilId));
  const dupNew = duplicates(batch.pupils.map((p) => p.newPupilId));
  batch.pupils.forEach((p, i) => {
    const at = `pupils.${i}`;
    if (!facts.oldPupilIds.has(p.oldPupilId)) problems.push({ path: `${at}.oldPupilId`, message: "ce compte élève n'existait pas dans l'école l'an dernier" });
    else if (dupOld.has(p.oldPupilId)) problems.push({ path: `${at}.oldPupilId`, message: "ancien compte associé plusieurs fois : l'association doit être un pour un" });
    if (!facts.newPupilIds.has(p.newPupilId)) problems.push({ path: `${at}.newPupilId`, message: "ce compte élève n'existe pas dans l'école cette année" });
    else if (dupNew.has(p.newPupilId)) problems.push({ path: `${at}.newPupilId`, message: "nouveau compte associé plusieurs fois : l'association doit être un pour un" });
  });
  if (duplicates(batch.personalApps).size) problems.push({ path: 'personalApps', message: 'application en double' });
  return problems;
}
