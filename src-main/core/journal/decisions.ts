/**
 * The journal's entries: a director's decisions (schema shared with the RPC contract, in
 * src-shared/domain/decisions.ts) plus undo/redo controls.
 */
import { z } from 'zod';

export { APP_TARGETS, decisionSchema, type AppTarget, type Decision } from '../../../src-shared/domain/decisions';
import { decisionSchema, type Decision } from '../../../src-shared/domain/decisions';

export type DecisionKind = Decision['kind'];

export const controlSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('undo') }), z.object({ kind: z.literal('redo') })]);
export type JournalControl = z.infer<typeof controlSchema>;

export const journalEntrySchema = z.union([decisionSchema, controlSchema]);
export type JournalEntry = Decision | JournalControl;

export interface JournalEvent {
  seq: number;
  uai: string;
  at: string;
  entry: JournalEntry;
}
