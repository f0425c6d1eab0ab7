/**
 * The batch as a director reads it before confirming, by name: per new class, who keeps last year's account and who
 * gets a new login; whose old account does not follow, and why; which old class goes where; every warning, named
 * (two old classes into one, a class the verified old account does not cover, pairs still undecided). The same
 * text becomes the receipt of what was sent.
 */
import { undecidedProposals } from '../../../src-shared/domain/decision-state';
import type { LoadedSchool } from '../cache/snapshots';
import type { DecisionState } from '../journal/fold';
import type { BatchReview } from '../../../src-shared/rpc/core';
import type { BuiltBatch } from './build';

/** The contract's types (`batchReviewSchema`): the core returns exactly what the RPC says. */
export type { BatchReview } from '../../../src-shared/rpc/core';
type PersonRef = BatchReview['classes'][number]['newLogins'][number];
export type ReviewWarning = BatchReview['warnings'][number];

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byName = (a: PersonRef, b: PersonRef): number => collator.compare(a.nom, b.nom) || collator.compare(a.prenom, b.prenom) || a.id.localeCompare(b.id);

/** The proposals still undecided, the sure ones (`auto`) first. */
export function undecidedOf(school: LoadedSchool, state: DecisionState): LoadedSchool['matching']['pairs'] {
  const pending = undecidedProposals(school.matching.pairs, state);
  return [...pending.filter((p) => p.status === 'auto'), ...pending.filter((p) => p.status === 'review')];
}

export function reviewBatch(school: LoadedSchool, state: DecisionState, built: BuiltBatch, grantClassIds: ReadonlySet<string>): BatchReview {
  const { newRoster, oldRoster } = school;
  const person = (p: { id: string; nom: string; prenom: string; classLabel: string }): PersonRef => ({ id: p.id, nom: p.nom, prenom: p.prenom, classLabel: p.classLabel });
  const newById = new Map(newRoster.pupils.map((p) => [p.id, p]));
  const oldById = new Map(oldRoster.pupils.map((p) => [p.id, p]));
  const linkedNew = new Map(built.batch.pupils.map((l) => [l.newPupilId, l.oldPupilId]));
  const linkedOld = new Set(built.batch.pupils.map((l) => l.oldPupilId));

  const classes = newRoster.classes.map((c) => {
    const pupils = newRoster.pupils.filter((p) => p.classId === c.id);
    const keeps = pupils.filter((p) => linkedNew.has(p.id)).map((p) => ({ ...person(p), oldClassLabel: oldById.get(linkedNew.get(p.id) ?? '')?.classLabel ?? '' })).sort(byName);
    const newLogins = pupils.filter((p) => !linkedNew.has(p.id)).map(person).sort(byName);
    return { newClassId: c.id, label: c.label, keeps, newLogins };
  });

  const refusedOld = new Set([...state.refused].map((k) => k.split('\u0000')[0] ?? ''));
  // An old account still in an undecided proposal is listed there (`undecided`), not as one that will not follow.
  const pendingOld = new Set(undecidedOf(school, state).map((p) => p.old));
  const notFollowing = oldRoster.pupils
    .filter((p) => !linkedOld.has(p.id) && !pendingOld.has(p.id))
    .map((p) => ({ ...person(p), reason: state.optedOut.has(p.id) ? ('opted-out' as const) : refusedOld.has(p.id) ? ('refused' as const) : ('no-match' as const) }))
    .sort(byName);

  const undecided = undecidedOf(school, state).map((p) => {
    const o = oldById.get(p.old);
    const n = newById.get(p.new);
    return {
      status: p.status,
      old: o ? person(o) : { id: p.old, nom: '?', prenom: '', classLabel: '' },
      new: n ? person(n) : { id: p.new, nom: '?', prenom: '', classLabel: '' },
      reasons: p.evidence.filter((e) => e.kind.startsWith('review:')).map((e) => e.detail),
    };
  });

  const newLabel = new Map(newRoster.classes.map((c) => [c.id, c.label]));
  const spaces = built.batch.classes.map((c) => {
    const old = oldRoster.classes.find((k) => k.id === c.oldClassId);
    const oldLabel = old?.label ?? c.oldClassId;
    const taken = old?.takenByTeacher ? { newClassLabel: old.takenByTeacher.newClassLabel, at: old.takenByTeacher.at } : null;
    return c.action === 'recover'
      ? { oldClassId: c.oldClassId, oldLabel, newClassId: c.newClassId, newLabel: newLabel.get(c.newClassId) ?? c.newClassId, apps: [...c.apps], takenByTeacher: null }
      : { oldClassId: c.oldClassId, oldLabel, newClassId: null, newLabel: null, apps: [], takenByTeacher: taken };
  });

  const warnings: ReviewWarning[] = [];
  if (undecided.length > 0) {
    const sure = undecided.filter((u) => u.status === 'auto').length;
    warnings.push({
      code: 'undecided',
      message: `${undecided.length} association${undecided.length > 1 ? 's' : ''} proposée${undecided.length > 1 ? 's' : ''} ${undecided.length > 1 ? 'ne sont' : "n'est"} ni confirmée${undecided.length > 1 ? 's' : ''} ni refusée${undecided.length > 1 ? 's' : ''}${sure ? ` (dont ${sure} sûre${sure > 1 ? 's' : ''} jamais acceptée${sure > 1 ? 's' : ''})` : ''} : décidez-les avant de confirmer.`,
    });
  }
  const intoNew = new Map<string, string[]>();
  for (const s of spaces) if (s.newClassId) intoNew.set(s.newClassId, [...(intoNew.get(s.newClassId) ?? []), s.oldLabel]);
  for (const [newClassId, olds] of intoNew) {
    if (olds.length > 1) warnings.push({ code: 'two-classes-into-one', message: `${olds.slice(0, -1).join(', ')} et ${olds[olds.length - 1]} de l'an dernier vont toutes dans ${newLabel.get(newClassId) ?? newClassId} : leurs blogs, médiathèques et cahiers y seront réunis.` });
  }
  if (!oldRoster.schoolSpace) {
    for (const c of oldRoster.classes) {
      if (!grantClassIds.has(c.id)) warnings.push({ code: 'class-not-covered', message: `La classe ${c.label} de l'an dernier n'est pas couverte par votre ancien compte : son contenu ne suivra pas.` });
    }
  }
  for (const s of spaces) {
    if (s.takenByTeacher) warnings.push({ code: 'taken-by-teacher', message: `La classe ${s.oldLabel} de l'an dernier a déjà été reprise par son enseignant dans sa classe ${s.takenByTeacher.newClassLabel} : ce lot ne la déplace pas.` });
  }
  if (built.flagged.length > 0) warnings.push({ code: 'flagged', message: `${built.flagged.length} décision${built.flagged.length > 1 ? 's' : ''} ne correspond${built.flagged.length > 1 ? 'ent' : ''} plus aux listes actuelles et ${built.flagged.length > 1 ? 'sont laissées' : 'est laissée'} de côté.` });
  return { classes, notFollowing, undecided, spaces, warnings };
}
