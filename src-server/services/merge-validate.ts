/** All-or-nothing validation of a merge batch against the school's data: the shared rules (src-shared/api/merge-rules). */
import type { Problem } from '../../src-shared/errors';
import type { MergeBatch } from '../../src-shared/api/merge';
import { mergeBatchProblems, type RecoveryRights, type SchoolFacts } from '../../src-shared/api/merge-rules';

export type { SchoolFacts };

export function validateBatch(batch: MergeBatch, facts: SchoolFacts, rights: RecoveryRights | null): Problem[] {
  return mergeBatchProblems(batch, facts, rights);
}
