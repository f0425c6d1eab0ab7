/** What a director reads before confirming: counts, then plain-French warnings. No names. */
import type { z } from 'zod';
import type { MergeBatch } from '../../../src-shared/api';
import type { batchSummarySchema } from '../../../src-shared/rpc/core';
import type { LoadedSchool } from '../cache/snapshots';
import type { BuiltBatch } from './build';

/** The contract's type (`batchSummarySchema`): the core returns exactly what the RPC says. */
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export function summarize(school: LoadedSchool, built: BuiltBatch, optedOut: number): BatchSummary {
  const batch: MergeBatch = built.batch;
  const newPupils = school.newRoster.pupils.length;
  const oldPupils = school.oldRoster.pupils.length;
  const linked = batch.pupils.length;
  const recovered = batch.classes.filter((c) => c.action === 'recover').length;
  const counts = {
    newPupils,
    oldPupils,
    linked,
    newWithoutOld: newPupils - linked,
    oldNotFollowing: oldPupils - linked,
    optedOut,
    classesRecovered: recovered,
    classesSkipped: batch.classes.length - recovered,
    flaggedDecisions: built.flagged.length,
  };
  const warnings: string[] = [];
  if (counts.newWithoutOld > 0) warnings.push(`${plural(counts.newWithoutOld, 'nouvel élève', 'nouveaux élèves')} sans ancien compte ${counts.newWithoutOld > 1 ? 'recevront de nouveaux identifiants' : 'recevra de nouveaux identifiants'}.`);
  if (counts.oldNotFollowing > 0) warnings.push(`Les données de ${plural(counts.oldNotFollowing, 'ancien compte non rapproché', 'anciens comptes non rapprochés')} ne suivront pas (elles ne seront plus accessibles).`);
  if (optedOut > 0) warnings.push(`${plural(optedOut, 'famille a refusé', 'familles ont refusé')} que les données suivent.`);
  if (counts.flaggedDecisions > 0) warnings.push(`${plural(counts.flaggedDecisions, 'décision ne correspond', 'décisions ne correspondent')} plus aux listes actuelles et ${counts.flaggedDecisions > 1 ? 'sont laissées' : 'est laissée'} de côté : vérifiez-les.`);
  if (counts.classesSkipped > 0) warnings.push(`${plural(counts.classesSkipped, 'ancienne classe', 'anciennes classes')} ne ${counts.classesSkipped > 1 ? 'seront pas reprises' : 'sera pas reprise'}.`);
  warnings.push("Cette étape est irréversible : une fois le lot accepté par l'ENT, il ne peut plus être modifié ni renvoyé.");
  return {
    uai: school.school.uai,
    schoolName: school.school.name,
    counts,
    schoolSpaceRecovered: batch.schoolSpace !== null,
    warnings,
    valid: built.problems.length === 0,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}
