/**
 * Property of the batch builder: whatever the director decided (random histories over a generated school, undo and
 * redo included) and whatever the verified old account covers (the whole school, or some classes as a teacher's
 * grant), a batch the core calls valid is one the reference ENT's own rules accept — its schema, the shared
 * business rules, and the grant-scope check that answers 403 (`uncovered`, the server's function).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeBatchProblems, mergeBatchSchema, movesOldData, type LegacyRosterResponse, type RosterResponse } from '../../../../src-shared/api';
import { generateSchool } from '../../../../src-shared/domain/generator';
import type { Decision } from '../../../../src-shared/domain/decisions';
import { buildBatch } from '../../../../src-main/core/batch/build';
import type { LoadedSchool } from '../../../../src-main/core/cache/snapshots';
import { fold } from '../../../../src-main/core/journal/fold';
import type { JournalEntry } from '../../../../src-main/core/journal/decisions';
import { matchRosters } from '../../../../src-main/core/matching';
import { uncovered } from '../../../../src-server/services/merge';
import { scopeOf } from '../../../../src-server/services/grant';

const UAI = '0139001Q';
const generated = generateSchool({ seed: 4242, uai: UAI, shape: 'elementaire', pupils: 60 });
const matching = matchRosters(generated.old, generated.new);
const oldIds = generated.old.pupils.map((p) => p.id);
const newIds = generated.new.pupils.map((p) => p.id);
const oldClassIds = generated.old.classes.map((c) => c.id);
const newClassIds = generated.new.classes.map((c) => c.id);

/** The school as the core caches it, the old roster cut to the grant's scope as the ENT answers it. */
function loaded(scope: { whole: boolean; classes: string[] }): LoadedSchool {
  const covered = (classId: string | null) => scope.whole || (classId !== null && scope.classes.includes(classId));
  const newRoster: RosterResponse = { uai: UAI, name: 'École', year: 'new', version: '7', classes: generated.new.classes, teachers: generated.new.teachers, pupils: generated.new.pupils, parents: [] };
  const oldRoster: LegacyRosterResponse = {
    uai: UAI, name: 'École', year: 'old', version: '3',
    schoolSpace: scope.whole ? { spaceId: `sp-old-${UAI}`, apps: {} } : null,
    classes: generated.old.classes.filter((c) => covered(c.id)).map((c) => ({ ...c, spaceId: `sp-${c.id}`, apps: {}, licences: 0 })),
    teachers: generated.old.teachers,
    pupils: generated.old.pupils.filter((p) => covered(p.classId)).map((p) => ({ ...p, personalData: {} })),
  };
  return { school: { uai: UAI, name: 'École', phase: 'pulled', newSnapshotId: 1, oldSnapshotId: 2, matchingId: 1, summary: null, updatedAt: 't' }, newRoster, oldRoster, matching, pulledAt: 't' };
}

const oldId = fc.constantFrom(...oldIds);
const newId = fc.constantFrom(...newIds);
const pair = fc.record({ oldId, newId });
const proposal = fc.constantFrom(...matching.pairs.map((p) => ({ oldId: p.old, newId: p.new })));
const decision: fc.Arbitrary<Decision> = fc.oneof(
  proposal.map((p) => ({ kind: 'accept' as const, ...p })),
  pair.map((p) => ({ kind: 'link' as const, ...p })),
  newId.map((n) => ({ kind: 'unlink' as const, newId: n })),
  proposal.map((p) => ({ kind: 'refuse' as const, ...p })),
  fc.array(proposal, { minLength: 1, maxLength: 8 }).map((pairs) => ({ kind: 'accept-pairs' as const, pairs })),
  fc.array(pair, { minLength: 1, maxLength: 4 }).map((pairs) => ({ kind: 'refuse-pairs' as const, pairs })),
  fc.record({ kind: fc.constant('map-class' as const), oldClassId: fc.constantFrom(...oldClassIds), newClassId: fc.option(fc.constantFrom(...newClassIds), { nil: null }) }),
  fc.record({ kind: fc.constant('opt-out' as const), oldId, optedOut: fc.boolean() }),
  fc.record({ kind: fc.constant('choose-apps' as const), target: fc.constantFrom('school-space' as const, 'class-spaces' as const, 'personal' as const), appIds: fc.subarray(['blog', 'media', 'calendar', 'homework', 'liaison', 'messages', 'profile']) }),
  fc.constant({ kind: 'accept-auto' as const, pairs: matching.pairs.filter((p) => p.status === 'auto').map((p) => ({ oldId: p.old, newId: p.new })) }),
);
const entry: fc.Arbitrary<JournalEntry> = fc.oneof({ weight: 8, arbitrary: decision }, { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) }, { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) });
const scope = fc.oneof(fc.constant({ whole: true, classes: [] as string[] }), fc.subarray(oldClassIds, { minLength: 1 }).map((classes) => ({ whole: false, classes })));

describe('buildBatch, properties', () => {
  it('never builds a batch the ENT refuses: schema, shared rules and grant scope all pass when the core says valid', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), scope, (entries, s) => {
        const school = loaded(s);
        const state = fold(entries.map((e, i) => ({ seq: i + 1, uai: UAI, at: 't', entry: e })));
        const grantClasses = new Set(s.whole ? [] : s.classes);
        const built = buildBatch(school, state, grantClasses);
        if (built.problems.length > 0) return;
        valid++;
        expect(mergeBatchSchema.safeParse(built.batch).success).toBe(true);
        // The server checks against the full rosters of both years and the grant's rights.
        const facts = { uai: UAI, oldClassIds: new Set(oldClassIds), newClassIds: new Set(newClassIds), oldPupilIds: new Set(oldIds), newPupilIds: new Set(newIds) };
        const rights = { schools: s.whole ? [UAI] : [], classes: s.whole ? [] : s.classes };
        expect(mergeBatchProblems(built.batch, facts, rights)).toEqual([]);
        const grant = { oldAccountId: 'o-dir', by: 'n-dir', sid: 's', ov: 0, ...rights };
        const serverRoster = { classes: generated.old.classes, teachers: generated.old.teachers, pupils: generated.old.pupils };
        expect(uncovered(built.batch, scopeOf(grant, UAI, oldClassIds), serverRoster)).toEqual([]);
        // One to one, and only pupils of the rosters it was built on.
        expect(new Set(built.batch.pupils.map((p) => p.oldPupilId)).size).toBe(built.batch.pupils.length);
        expect(new Set(built.batch.pupils.map((p) => p.newPupilId)).size).toBe(built.batch.pupils.length);
        if (!movesOldData(built.batch)) expect(built.batch.pupils).toEqual([]);
      }),
      { numRuns: 300, seed: 2_026 },
    );
    expect(valid).toBeGreaterThan(100);
  });
});
