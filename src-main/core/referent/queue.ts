/**
 * One review queue across schools: every proposal still undecided (sure or « à vérifier », with its reasons and
 * evidence) and, on demand, every account nobody was proposed for, grouped by school then class. Decisions taken
 * from it are each school's own (`school.decide`), journaled and undoable there.
 */
import type { QueueItem } from '../../../src-shared/rpc/referent';
import { undecidedOf } from '../batch/review';
import type { LoadedSchool } from '../cache/snapshots';
import type { SchoolContext } from '../school/context';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

type Person = Extract<QueueItem, { kind: 'pair' }>['old'];
type Pupil = LoadedSchool['newRoster']['pupils'][number];
const person = (p: Pupil): Person => ({ id: p.id, nom: p.nom, prenom: p.prenom, dateNaissance: p.dateNaissance, classId: p.classId, classLabel: p.classLabel });

/** The queue of the given schools (every downloaded school the user works on when none is given). */
export function reviewQueue(ctx: SchoolContext, uais: readonly string[] | undefined, includeUnmatched: boolean): QueueItem[] {
  const targets = uais ?? ctx.snapshots.schools().filter((s) => s.newSnapshotId !== null && s.phase !== 'merged').map((s) => s.uai);
  const items: Array<{ item: QueueItem; school: string; cls: string; name: string }> = [];
  for (const uai of targets) {
    const phase = ctx.phase(uai);
    if (phase !== 'pulled') continue;
    const loaded = ctx.loaded(uai);
    const state = ctx.state(uai);
    const schoolName = loaded.school.name;
    const newById = new Map(loaded.newRoster.pupils.map((p) => [p.id, p]));
    const oldById = new Map(loaded.oldRoster.pupils.map((p) => [p.id, p]));
    const pending = undecidedOf(loaded, state);
    for (const p of pending) {
      const o = oldById.get(p.old);
      const n = newById.get(p.new);
      if (!o || !n) continue;
      items.push({
        item: { kind: 'pair', uai, schoolName, status: p.status, score: p.score, reasons: p.reasons ?? [], evidence: p.evidence, old: person(o), new: person(n) },
        school: schoolName,
        cls: n.classLabel,
        name: `${n.nom} ${n.prenom}`,
      });
    }
    if (!includeUnmatched) continue;
    const pendingNew = new Set(pending.map((p) => p.new));
    const pendingOld = new Set(pending.map((p) => p.old));
    const linkedOld = new Set([...state.links.values()].map((l) => l.oldId));
    for (const n of loaded.newRoster.pupils) {
      if (state.links.has(n.id) || pendingNew.has(n.id)) continue;
      items.push({ item: { kind: 'unmatched-new', uai, schoolName, new: person(n) }, school: schoolName, cls: n.classLabel, name: `${n.nom} ${n.prenom}` });
    }
    for (const o of loaded.oldRoster.pupils) {
      if (linkedOld.has(o.id) || pendingOld.has(o.id) || state.optedOut.has(o.id)) continue;
      items.push({ item: { kind: 'unmatched-old', uai, schoolName, old: person(o) }, school: schoolName, cls: `~${o.classLabel}`, name: `${o.nom} ${o.prenom}` });
    }
  }
  // By school, then class (old accounts after the new classes), pairs before unmatched accounts, then name.
  const rank = (i: QueueItem): number => (i.kind === 'pair' ? 0 : i.kind === 'unmatched-new' ? 1 : 2);
  items.sort((a, b) => collator.compare(a.school, b.school) || a.item.uai.localeCompare(b.item.uai) || collator.compare(a.cls, b.cls) || rank(a.item) - rank(b.item) || collator.compare(a.name, b.name));
  return items.map((i) => i.item);
}
