/**
 * What the pupils screen derives from a workspace: indexes by id, the links both ways, the proposals still to
 * decide (the shared rule book's `undecidedProposals`, never re-derived here), and counts per new class. Pure,
 * computed once per workspace change (a thousand pupils: a few milliseconds).
 */
import { emptyState, pairKey, undecidedProposals } from '../../../src-shared/domain/decision-state';
import { REVIEW_REASON_KIND_PREFIX, type Proposal } from '../../../src-shared/domain/matching';
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
  /** Proposals of this class's pupils neither confirmed nor refused. */
  undecided: number;
  /** Of those, the sure (`auto`) ones. */
  undecidedAuto: number;
}

/** What depends only on the rosters and the matching (computed once per download). */
export interface RosterIndex {
  newById: Map<string, NewPupil>;
  oldById: Map<string, OldPupil>;
  proposals: Proposal[];
  proposalByNew: Map<string, Proposal>;
  proposalByPair: Map<string, Proposal>;
  pupilsByClass: Map<string, NewPupil[]>;
  classOrder: Array<{ id: string; label: string }>;
  oldClasses: Array<{ id: string; label: string }>;
  /** Every old account, sorted by name, with a folded search key. */
  oldSorted: Array<{ pupil: OldPupil; key: string }>;
  /** Every new pupil of every class, sorted by name, with the same kind of key (the search across classes). */
  newSorted: Array<{ pupil: NewPupil; key: string }>;
}

/** A proposal still to decide, with both accounts (what a row, a class's "tout confirmer" and the review show). */
export interface PendingPair {
  proposal: Proposal;
  old: OldPupil;
  new: NewPupil;
}

export interface PupilsModel {
  newById: Map<string, NewPupil>;
  oldById: Map<string, OldPupil>;
  linkByNew: Map<string, Link>;
  newByOld: Map<string, string>;
  proposalByNew: Map<string, Proposal>;
  proposalByPair: Map<string, Proposal>;
  pupilsByClass: Map<string, NewPupil[]>;
  /** new pupil id → their undecided proposal. */
  undecidedByNew: Map<string, Proposal>;
  /** new class id → its undecided pairs, in the class list's order. */
  undecidedByClass: Map<string, PendingPair[]>;
  classes: ClassCount[];
  oldClasses: Array<{ id: string; label: string }>;
  /** Old accounts not associated yet, sorted by name, with a folded search key. */
  unassigned: Array<{ pupil: OldPupil; key: string }>;
  totals: { newPupils: number; linked: number; undecided: number; undecidedAuto: number; withoutOld: number };
}

export const NO_CLASS = '__none__';
const collator = new Intl.Collator('fr', { sensitivity: 'base' });
const byName = (a: { nom: string; prenom: string }, b: { nom: string; prenom: string }): number => collator.compare(a.nom, b.nom) || collator.compare(a.prenom, b.prenom);
export { pairKey };

/** The plain-French reasons a person must check a pair (its `review:` evidence lines), most important first. */
export function reasonsOf(proposal: Proposal): string[] {
  return proposal.evidence.filter((e) => e.kind.startsWith(REVIEW_REASON_KIND_PREFIX)).map((e) => e.detail);
}

/** The proposal of this new pupil still waiting for the director (confirm or refuse), or null. */
export function undecidedFor(m: PupilsModel, newId: string): Proposal | null {
  return m.undecidedByNew.get(newId) ?? null;
}

/** Both orders of the names, folded: "martin lea" and "lea martin" both find Léa MARTIN. */
const searchKey = (p: { nom: string; prenom: string }): string => folded(`${p.nom} ${p.prenom} ${p.prenom} ${p.nom}`);

/** The new pupils of every class whose name contains the query (accents and case ignored), sorted by name. */
export function searchNewPupils(index: Pick<RosterIndex, 'newSorted'>, query: string): NewPupil[] {
  const q = folded(query.trim());
  return q ? index.newSorted.filter((e) => e.key.includes(q)).map((e) => e.pupil) : [];
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
    proposals: ws.matching.pairs,
    proposalByNew: new Map(ws.matching.pairs.map((p) => [p.new, p])),
    proposalByPair: new Map(ws.matching.pairs.map((p) => [pairKey(p.old, p.new), p])),
    pupilsByClass,
    classOrder: order.map((id) => ({ id, label: labels.get(id) ?? '' })),
    oldClasses: ws.oldRoster.classes.map((c) => ({ id: c.id, label: c.label })),
    oldSorted: [...ws.oldRoster.pupils].sort(byName).map((pupil) => ({ pupil, key: searchKey(pupil) })),
    newSorted: [...ws.newRoster.pupils].sort(byName).map((pupil) => ({ pupil, key: searchKey(pupil) })),
  };
}

/** The part that changes with each decision: links both ways, what is left to decide and to associate, counts per class. */
export function buildModel(index: RosterIndex, decisions: Pick<Workspace, 'links' | 'refused'>): PupilsModel {
  const { links, refused } = decisions;
  const linkByNew = new Map(links.map((l) => [l.newId, l]));
  const newByOld = new Map(links.map((l) => [l.oldId, l.newId]));
  const state = { ...emptyState(), links: linkByNew, refused: new Set(refused.map((r) => pairKey(r.oldId, r.newId))) };
  const undecidedByNew = new Map(undecidedProposals(index.proposals, state).map((p) => [p.new, p]));
  const model: PupilsModel = {
    ...index,
    linkByNew,
    newByOld,
    undecidedByNew,
    undecidedByClass: new Map(),
    classes: [],
    unassigned: index.oldSorted.filter((u) => !newByOld.has(u.pupil.id)),
    totals: { newPupils: index.newById.size, linked: linkByNew.size, undecided: 0, undecidedAuto: 0, withoutOld: 0 },
  };
  for (const { id, label } of index.classOrder) {
    const list = index.pupilsByClass.get(id) ?? [];
    let linked = 0;
    const pending: PendingPair[] = [];
    for (const p of list) {
      if (linkByNew.has(p.id)) linked++;
      const proposal = undecidedByNew.get(p.id);
      const old = proposal ? index.oldById.get(proposal.old) : undefined;
      if (proposal && old) pending.push({ proposal, old, new: p });
    }
    const undecidedAuto = pending.filter((u) => u.proposal.status === 'auto').length;
    model.undecidedByClass.set(id, pending);
    model.classes.push({ id, label, pupils: list.length, linked, undecided: pending.length, undecidedAuto });
    model.totals.undecided += pending.length;
    model.totals.undecidedAuto += undecidedAuto;
  }
  model.totals.withoutOld = model.totals.newPupils - model.totals.linked;
  return model;
}
