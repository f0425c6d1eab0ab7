/**
 * Classmates as evidence for a person: on each `review` pair, how many of the old class's pupils already found
 * for sure (`auto` pairs) sit in the new pupil's class. It helps the director recognise a class that moved up together; it
 * never makes a pair `auto` — a newcomer with the same name sits among those classmates just as easily.
 */
import type { Proposal } from '../../../src-shared/domain/matching';
import type { PupilRecord } from '../../../src-shared/domain/roster';

/** Adds a `classe` evidence line (kind `classmates`, weight 0) to the review pairs, in place. */
export function classmatesEvidence(pairs: Proposal[], records: Array<{ old: PupilRecord; new: PupilRecord; status: 'auto' | 'review' }>): void {
  const flows = new Map<string, Map<string, number>>();
  const identified = new Map<string, number>();
  for (const r of records) {
    if (r.status !== 'auto' || !r.old.classId || !r.new.classId) continue;
    identified.set(r.old.classId, (identified.get(r.old.classId) ?? 0) + 1);
    const row = flows.get(r.old.classId) ?? new Map<string, number>();
    row.set(r.new.classId, (row.get(r.new.classId) ?? 0) + 1);
    flows.set(r.old.classId, row);
  }
  records.forEach((r, i) => {
    const pair = pairs[i];
    if (!pair || r.status !== 'review' || !r.old.classId || !r.new.classId) return;
    const total = identified.get(r.old.classId) ?? 0;
    if (total < 2) return;
    const together = flows.get(r.old.classId)?.get(r.new.classId) ?? 0;
    const from = `« ${r.old.classLabel || r.old.classId} »`;
    const to = `« ${r.new.classLabel || r.new.classId} »`;
    const detail = together === 0 ? `Aucun des ${total} camarades de ${from} déjà retrouvés n'est en ${to}` : `${together} des ${total} camarades de ${from} déjà retrouvés ${together > 1 ? 'sont' : 'est'} en ${to}`;
    pair.evidence.push({ field: 'classe', kind: 'classmates', detail, weight: 0 });
  });
}
