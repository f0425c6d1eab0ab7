/**
 * What the pupils screen derives from a workspace: indexes by id, the links both ways, the proposals, and
 * counts per new class. Pure, computed once per workspace change (a thousand pupils: a few milliseconds).
 */
import type { Proposal } from '../../../src-shared/domain/matching';
import { folded } from '../../components/format';
import type { Workspace } from '../../store/links';

export type NewPupil = Workspace['newRoster']['pupils'][number];
export type OldPupil = Workspace['oldRoster']['pupils'][number];
export type Link = Workspace['links'][number];

export interface ClassCount {
  id: string;
  label: string;
  pupils: number;
  linked: number;
  toReview: number;
}

export interface PupilsModel {
  newById: Map<string, NewPupil>;
  oldById: Map<string, OldPupil>;
  linkByNew: Map<string, Link>;
  newByOld: Map<string, string>;
  proposalByNew: Map<string, Proposal>;
  proposalByPair: Map<string, Proposal>;
  pupilsByClass: Map<string, NewPupil[]>;
  classes: ClassCount[];
  oldClasses: Array<{ id: string; label: string }>;
  /** Old accounts not associated yet, sorted by name, with a folded search key. */
  unassigned: Array<{ pupil: OldPupil; key: string }>;
  totals: { newPupils: number; linked: number; toReview: number; withoutOld: number };
}

export const NO_CLASS = '__none__';
const byName = (a: { nom: string; prenom: string }, b: { nom: string; prenom: string }): number => a.nom.localeCompare(b.nom, 'fr') || a.prenom.localeCompare(b.prenom, 'fr');
export const pairKey = (oldId: string, newId: string): string => `${oldId}\u0000${newId}`;

/** A review proposal still waiting for the director: neither account associated otherwise. */
export function pendingReview(m: PupilsModel, newId: string): Proposal | null {
  const proposal = m.proposalByNew.get(newId);
  if (!proposal || proposal.status !== 'review' || m.linkByNew.has(newId) || m.newByOld.has(proposal.old)) return null;
  return proposal;
}

export function buildModel(ws: Workspace): PupilsModel {
  const newById = new Map(ws.newRoster.pupils.map((p) => [p.id, p]));
  const oldById = new Map(ws.oldRoster.pupils.map((p) => [p.id, p]));
  const linkByNew = new Map(ws.links.map((l) => [l.newId, l]));
  const newByOld = new Map(ws.links.map((l) => [l.oldId, l.newId]));
  const proposalByNew = new Map(ws.matching.pairs.map((p) => [p.new, p]));
  const proposalByPair = new Map(ws.matching.pairs.map((p) => [pairKey(p.old, p.new), p]));
  const pupilsByClass = new Map<string, NewPupil[]>();
  for (const p of ws.newRoster.pupils) {
    const key = p.classId ?? NO_CLASS;
    const list = pupilsByClass.get(key) ?? [];
    list.push(p);
    pupilsByClass.set(key, list);
  }
  for (const list of pupilsByClass.values()) list.sort(byName);
  const model: PupilsModel = {
    newById,
    oldById,
    linkByNew,
    newByOld,
    proposalByNew,
    proposalByPair,
    pupilsByClass,
    classes: [],
    oldClasses: ws.oldRoster.classes.map((c) => ({ id: c.id, label: c.label })),
    unassigned: ws.oldRoster.pupils
      .filter((p) => !newByOld.has(p.id))
      .sort(byName)
      .map((pupil) => ({ pupil, key: folded(`${pupil.nom} ${pupil.prenom} ${pupil.prenom} ${pupil.nom}`) })),
    totals: { newPupils: ws.newRoster.pupils.length, linked: linkByNew.size, toReview: 0, withoutOld: 0 },
  };
  const labels = new Map(ws.newRoster.classes.map((c) => [c.id, c.label]));
  const order = [...ws.newRoster.classes.map((c) => c.id), ...(pupilsByClass.has(NO_CLASS) ? [NO_CLASS] : [])];
  for (const id of order) {
    const list = pupilsByClass.get(id) ?? [];
    const linked = list.filter((p) => linkByNew.has(p.id)).length;
    const toReview = list.filter((p) => pendingReview(model, p.id) !== null).length;
    model.classes.push({ id, label: labels.get(id) ?? '', pupils: list.length, linked, toReview });
    model.totals.toReview += toReview;
  }
  model.totals.withoutOld = model.totals.newPupils - model.totals.linked;
  return model;
}
