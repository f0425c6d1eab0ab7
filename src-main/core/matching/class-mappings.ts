/**
 * Proposed class mappings (old class → new class), from where last year's pupils went and which teacher
 * (same academic e-mail) teaches where this year. Only `auto` pairs count as pupils who went somewhere: a pair
 * still to review may be two different children, and one stray pair must never send a whole class space (blog,
 * media…) to an unrelated class — so a flow needs at least MIN_FLOW_PUPILS pupils unless the teacher is the same.
 */
import type { ClassMappingProposal } from '../../../src-shared/domain/matching';
import type { PupilRecord, YearRoster } from '../../../src-shared/domain/roster';

export const MIN_FLOW_PUPILS = 2;

export function proposeClassMappings(
  oldRoster: YearRoster,
  newRoster: YearRoster,
  pairs: Array<{ old: PupilRecord; new: PupilRecord; status: 'auto' | 'review' }>,
): ClassMappingProposal[] {
  const flows = new Map<string, Map<string, number>>();
  const matchedByOldClass = new Map<string, number>();
  for (const p of pairs) {
    if (p.status !== 'auto') continue;
    const from = p.old.classId;
    const to = p.new.classId;
    if (!from || !to) continue;
    matchedByOldClass.set(from, (matchedByOldClass.get(from) ?? 0) + 1);
    const row = flows.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    flows.set(from, row);
  }
  const emailByTeacherId = new Map<string, string>();
  for (const t of [...oldRoster.teachers, ...newRoster.teachers]) emailByTeacherId.set(t.id, t.email.toLowerCase());
  const emailsOf = (teacherIds: string[]) => new Set(teacherIds.map((id) => emailByTeacherId.get(id)).filter((e): e is string => !!e));
  const newClassById = new Map(newRoster.classes.map((c) => [c.id, c]));
  const oldLabel = new Map(oldRoster.classes.map((c) => [c.id, c.label]));

  const proposals: ClassMappingProposal[] = [];
  for (const oldClass of oldRoster.classes) {
    const oldEmails = emailsOf(oldClass.teacherIds);
    const row = flows.get(oldClass.id) ?? new Map<string, number>();
    const total = matchedByOldClass.get(oldClass.id) ?? 0;
    const candidates = new Set<string>(row.keys());
    for (const c of newRoster.classes) if ([...emailsOf(c.teacherIds)].some((e) => oldEmails.has(e))) candidates.add(c.id);
    for (const newClassId of candidates) {
      const pupils = row.get(newClassId) ?? 0;
      const share = total > 0 ? pupils / total : 0;
      const newClass = newClassById.get(newClassId);
      const sameTeacher = !!newClass && [...emailsOf(newClass.teacherIds)].some((e) => oldEmails.has(e));
      if ((share < 0.25 || pupils < MIN_FLOW_PUPILS) && !sameTeacher) continue;
      const parts: string[] = [];
      if (pupils > 0) parts.push(`${pupils} élève(s) de « ${oldLabel.get(oldClass.id) ?? oldClass.id} » vont en « ${newClass?.label ?? newClassId} »`);
      if (sameTeacher) parts.push('même enseignant(e)');
      proposals.push({ oldClassId: oldClass.id, newClassId, pupils, share: Math.round(share * 100) / 100, sameTeacher, detail: parts.join(' ; ') });
    }
  }
  return proposals.sort((a, b) => a.oldClassId.localeCompare(b.oldClassId) || b.pupils - a.pupils);
}
