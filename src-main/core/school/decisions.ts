/** A director's decisions: each one checked against the cached rosters, journaled (committed) before it answers. */
import { keyedError } from '../../../src-shared/messages';
import { undecidedProposals } from '../../../src-shared/domain/decision-state';
import { batchMayHaveLeft } from '../../../src-shared/domain/school-lifecycle';
import { checkDecision } from '../journal/check';
import { decisionSchema, type Decision, type JournalEntry } from '../journal/decisions';
import type { DecisionAck } from '../types';
import type { SchoolContext } from './context';
import { schoolStatus } from './reads';

function append(ctx: SchoolContext, uai: string, entry: JournalEntry): DecisionAck {
  const active = ctx.outbox.active(uai);
  if (batchMayHaveLeft(active)) {
    throw keyedError('conflict', 'school.decisions-frozen', "Le lot de cette école est déjà parti vers l'ENT : les décisions ne peuvent plus changer.");
  }
  const event = ctx.journal.append(uai, entry);
  // A confirmation covers the decisions it saw: a new decision asks for confirmation again.
  if (active) ctx.outbox.setState(active.id, 'superseded', 'new-decision');
  ctx.events.emit('school.changed', { uai });
  return { seq: event.seq, status: schoolStatus(ctx, uai) };
}

/** Journals one decision; resolves only once the row is committed. */
export function decide(ctx: SchoolContext, uai: string, decision: Decision): DecisionAck {
  const parsed = decisionSchema.safeParse(decision);
  if (!parsed.success) throw keyedError('validation', 'decision.invalid', "Cette décision n'est pas valide.");
  const problems = checkDecision(parsed.data, ctx.rosterIds(uai));
  if (problems.length > 0) throw keyedError('validation', 'decision.unknown-ids', 'Cette décision ne correspond pas aux listes téléchargées. Retéléchargez les listes si elles ont changé.', {}, problems);
  return append(ctx, uai, parsed.data);
}

export function undo(ctx: SchoolContext, uai: string): DecisionAck {
  ctx.loaded(uai);
  return append(ctx, uai, { kind: 'undo' });
}

export function redo(ctx: SchoolContext, uai: string): DecisionAck {
  ctx.loaded(uai);
  return append(ctx, uai, { kind: 'redo' });
}

/** Accepts every `auto` proposal still undecided (neither account linked, the pair not refused), as one undoable decision. */
export function acceptAuto(ctx: SchoolContext, uai: string): DecisionAck & { accepted: number } {
  const loaded = ctx.loaded(uai);
  const state = ctx.state(uai);
  const pairs = undecidedProposals(loaded.matching.pairs, state)
    .filter((p) => p.status === 'auto')
    .map((p) => ({ oldId: p.old, newId: p.new }));
  // Nothing left to accept: no empty event that an undo would then have to skip.
  if (pairs.length === 0) return { seq: state.lastSeq, status: schoolStatus(ctx, uai), accepted: 0 };
  return { ...append(ctx, uai, { kind: 'accept-auto', pairs }), accepted: pairs.length };
}
