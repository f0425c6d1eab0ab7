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

/** What depends only on the rosters and the matching (computed once per download). */
export interface RosterIndex {
  newById: Map<string, NewPupil>;
  oldById: Map<string, OldPupil>;
  proposalByNew: Map<string, Proposal>;
  proposalByPair: Map<string, Proposal>;
  pupilsByClass: Map<string, NewPupil[]>;
  classOrder: Array<{ id: string; label: string }>;
  oldClasses: Array<{ id: string; label: string }>;
  /** Every old account, sorted by name, with a folded search key. */
  oldSorted: Array<{ pupil: OldPupil; key: string }>;
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
const collator = new Intl.Collator('fr', { sensitivity: 'base' });
const byName = (a: { nom: string; prenom: string }, b: { nom: string; prenom: string }): number => collator.compare(a.nom, b.nom) || collator.compare(a.prenom, b.prenom);
export const pairKey = (oldId: string, newId: string): string => `${oldId}\u0000${newId}`;

/** A review proposal still waiting for the director: neither account associated otherwise. */
export function pendingReview(m: PupilsModel, newId: string): Proposal | null {
  const proposal = m.proposalByNew.get(newId);
  if (!proposal || proposal.status !== 'review' || m.linkByNew.has(newId) || m.newByOld.has(proposal.old)) return null;
  return proposal;
}

export function buildIndex(ws: Pick<Workspace, 'newRoster' | 'oldRoster' | 'matching'>): RosterIndex {
  const pupilsByClass = new Map<string, NewPupil[]>();
  for (const p of ws.newRoster.pupils) {
    const key = p.classId ?? NO_CLASS;
    const list = pupilsByClass.get(key) ?? [];
    list.push(p);
    pupilsByClass.set(key, list);
  }
  for (const list of pupilsByClass.values()) list.sort(byName);
  const labels = new Map(ws.newRoster.classes.map((c) => [c.id, c.label]));
  const order = [...ws.newRoster.classes.map((c) => c.id), ...(pupilsByClass.has(NO_CLASS) ? [NO_CLASS] : [])];
  return {
    newById: new Map(ws.newRoster.pupils.map((p) => [p.id, p])),
    oldById: new Map(ws.oldRoster.pupils.map((p) => [p.id, p])),
    proposalByNew: new Map(ws.matching.pairs.map((p) => [p.new, p])),
    proposalByPair: new Map(ws.matching.pairs.map((p) => [pairKey(p.old, p.new), p])),
    pupilsByClass,
    classOrder: order.map((id) => ({ id, label: labels.get(id) ?? '' })),
    oldClasses: ws.oldRoster.classes.map((c) => ({ id: c.id, label: c.label })),
    oldSorted: [...ws.oldRoster.pupils].sort(byName).map((pupil) => ({ pupil, key: folded(`${pupil.nom} ${pupil.prenom} ${pupil.prenom} ${pupil.nom}`) })),
  };
}

/** The part that changes with each decision: links both ways, what is left to associate, counts per class. */
export function buildModel(index: RosterIndex, links: readonly Link[]): PupilsModel {
  const linkByNew = new Map(links.map((l) => [l.newId, l]));
  const newByOld = new Map(links.map((l) => [l.oldId, l.newId]));
  const model: PupilsModel = {
    ...index,
    linkByNew,
    newByOld,
    classes: [],
    unassigned: index.oldSorted.filter((u) => !newByOld.has(u.pupil.id)),
    totals: { newPupils: index.newById.size, linked: linkByNew.size, toReview: 0, withoutOld: 0 },
  };
  for (const { id, label } of index.classOrder) {
    const list = index.pupilsByClass.get(id) ?? [];
    let linked = 0;
    let toReview = 0;
    for (const p of list) {
      if (linkByNew.has(p.id)) linked++;
      else if (pendingReview(model, p.id)) toReview++;
    }
    model.classes.push({ id, label, pupils: list.length, linked, toReview });
    model.totals.toReview += toReview;
  }
  model.totals.withoutOld = model.totals.newPupils - model.totals.linked;
  return model;
}
