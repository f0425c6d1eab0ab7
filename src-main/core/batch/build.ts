/**
 * The merge batch, derived from the cached snapshots and the journal's current state (never edited by hand),
 * then checked locally with the server's own schema and the same business rules before anything is sent.
 */
import {
  mergeBatchProblems,
  mergeBatchSchema,
  PERSONAL_APPS,
  SPACE_APPS,
  type ClassMapping,
  type MergeBatch,
  type PersonalApp,
  type SpaceApp,
} from '../../../src-shared/api';
import type { z } from 'zod';
import { problemsFromZod, type Problem } from '../../../src-shared/errors';
import type { flaggedDecisionSchema } from '../../../src-shared/rpc/core';
import type { LoadedSchool } from '../cache/snapshots';
import type { DecisionState, LinkState } from '../journal/fold';

/** A decision that no longer fits the current rosters (after a new pull): kept in the journal, left out of the batch
 * (the contract's `flaggedDecisionSchema`). */
export type FlaggedDecision = z.infer<typeof flaggedDecisionSchema>;

export interface BuiltBatch {
  batch: MergeBatch;
  /** Links left out because one side disappeared from the rosters. */
  flagged: FlaggedDecision[];
  /** Problems that prevent sending (empty when the batch is valid). */
  problems: Problem[];
}

/**
 * `grantClassIds`: old class spaces the verified old account may recover when it has no right on the school
 * space (the server gives the old school space only to a grant that covers the school, and then every class).
 */
export function buildBatch(school: LoadedSchool, state: DecisionState, grantClassIds: ReadonlySet<string> = new Set()): BuiltBatch {
  const { newRoster, oldRoster, matching } = school;
  const newPupils = new Set(newRoster.pupils.map((p) => p.id));
  const oldPupils = new Set(oldRoster.pupils.map((p) => p.id));
  const newClasses = new Set(newRoster.classes.map((c) => c.id));
  const flagged: FlaggedDecision[] = [];
  const pupils: MergeBatch['pupils'] = [];
  for (const link of state.links.values()) {
    const reason = staleReason(link, oldPupils, newPupils);
    if (reason) flagged.push({ seq: link.seq, oldId: link.oldId, newId: link.newId, reason });
    else if (!state.optedOut.has(link.oldId)) pupils.push({ oldPupilId: link.oldId, newPupilId: link.newId });
  }
  pupils.sort((a, b) => a.newPupilId.localeCompare(b.newPupilId));

  // Per class: its own choice, else the choice for every class space, else every app.
  const classSpacesChoice = state.apps.get('class-spaces');
  const appsOf = (oldClassId: string): SpaceApp[] => pickApps(state.classApps.get(oldClassId) ?? classSpacesChoice, SPACE_APPS);
  const suggested = new Map<string, { newClassId: string; share: number }>();
  for (const proposal of matching.classMappings) {
    const best = suggested.get(proposal.oldClassId);
    if (!best || proposal.share > best.share) suggested.set(proposal.oldClassId, { newClassId: proposal.newClassId, share: proposal.share });
  }
  const mayRecover = (oldClassId: string): boolean => oldRoster.schoolSpace !== null || grantClassIds.has(oldClassId);
  const classes: ClassMapping[] = oldRoster.classes.map((oldClass) => {
    // Its teacher already took it into their own class (first wins): the school's batch leaves it.
    if (oldClass.takenByTeacher) return { action: 'skip', oldClassId: oldClass.id };
    const explicit = state.classMap.has(oldClass.id);
    const chosen = explicit ? state.classMap.get(oldClass.id) : suggested.get(oldClass.id)?.newClassId;
    if (!chosen || !newClasses.has(chosen) || (!explicit && !mayRecover(oldClass.id))) return { action: 'skip', oldClassId: oldClass.id };
    return { action: 'recover', oldClassId: oldClass.id, newClassId: chosen, apps: appsOf(oldClass.id) };
  });

  const batch: MergeBatch = {
    baseVersions: { new: newRoster.version, old: oldRoster.version },
    schoolSpace: oldRoster.schoolSpace ? { apps: pickApps(state.apps.get('school-space'), SPACE_APPS) } : null,
    classes,
    pupils,
    personalApps: pickApps(state.apps.get('personal'), PERSONAL_APPS),
  };
  const problems = validateBatch(batch, school, grantClassIds);
  return { batch, flagged, problems };
}

function staleReason(link: LinkState, oldPupils: Set<string>, newPupils: Set<string>): string | null {
  if (!newPupils.has(link.newId)) return "l'élève n'est plus dans la liste de cette année";
  if (!oldPupils.has(link.oldId)) return "l'ancien compte n'est plus dans la liste de l'an dernier";
  return null;
}

function pickApps<A extends SpaceApp | PersonalApp>(chosen: string[] | undefined, all: readonly A[]): A[] {
  if (!chosen) return [...all];
  return all.filter((app) => chosen.includes(app));
}

/**
 * The server's schema, then the server's own rules (src-shared/api/merge-rules): ids known, strictly one-to-one,
 * each old class once, and only the spaces the verified old account may recover.
 */
export function validateBatch(batch: MergeBatch, school: LoadedSchool, grantClassIds: ReadonlySet<string> = new Set()): Problem[] {
  const parsed = mergeBatchSchema.safeParse(batch);
  if (!parsed.success) return problemsFromZod(parsed.error);
  const facts = {
    uai: school.newRoster.uai,
    oldClassIds: new Set(school.oldRoster.classes.map((c) => c.id)),
    newClassIds: new Set(school.newRoster.classes.map((c) => c.id)),
    oldPupilIds: new Set(school.oldRoster.pupils.map((p) => p.id)),
    newPupilIds: new Set(school.newRoster.pupils.map((p) => p.id)),
  };
  // The legacy roster carries the old school space only when the grant covers the whole school.
  const rights = { schools: school.oldRoster.schoolSpace ? [school.newRoster.uai] : [], classes: [...grantClassIds] };
  return mergeBatchProblems(parsed.data, facts, rights);
}
