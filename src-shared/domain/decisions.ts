/**
 * What a director can decide, as a zod discriminated union: the desktop core's journal and the RPC contract
 * parse the same schema. Ids are the roster record ids (never names): a decision holds no personal data.
 */
import { z } from 'zod';

export const APP_TARGETS = ['school-space', 'class-spaces', 'personal'] as const;
export type AppTarget = (typeof APP_TARGETS)[number];

const recordId = z.string().min(1).max(200);
const pairSchema = z.object({ oldId: recordId, newId: recordId });

export const decisionSchema = z.discriminatedUnion('kind', [
  /** Accept one proposal of the matching engine. */
  z.object({ kind: z.literal('accept'), oldId: recordId, newId: recordId }),
  /** Link an old account to a new one by hand. */
  z.object({ kind: z.literal('link'), oldId: recordId, newId: recordId }),
  /** Undo a link: the new pupil keeps a new login, the old account's data do not follow (a proposal so undone counts as refused). */
  z.object({ kind: z.literal('unlink'), newId: recordId }),
  /** Refuse one proposal: these two accounts are not the same child (the new pupil gets a login, the old account is not followed). */
  z.object({ kind: z.literal('refuse'), oldId: recordId, newId: recordId }),
  /** Say which new class an old class's shared content goes to (null: nowhere). */
  z.object({ kind: z.literal('map-class'), oldClassId: recordId, newClassId: recordId.nullable() }),
  /** Which apps' content follows: of the school space, of every recovered class space, of each pupil's personal data. */
  z.object({ kind: z.literal('choose-apps'), target: z.enum(APP_TARGETS), appIds: z.array(recordId).max(20) }),
  /** Which apps' content of one old class space follows (overrides the `class-spaces` choice for that class). */
  z.object({ kind: z.literal('class-apps'), oldClassId: recordId, appIds: z.array(recordId).max(20) }),
  /** A family refused that last year's data follow (or changed their mind). */
  z.object({ kind: z.literal('opt-out'), oldId: recordId, optedOut: z.boolean() }),
  /** Accept every `auto` proposal at once; the pairs are written in the event so the fold needs nothing else. */
  z.object({ kind: z.literal('accept-auto'), pairs: z.array(pairSchema).max(5000) }),
  /** Confirm several proposals at once (a class's "tout confirmer"), the pairs written in the event. */
  z.object({ kind: z.literal('accept-pairs'), pairs: z.array(pairSchema).min(1).max(5000) }),
  /** Refuse several proposals at once (a class's "tout refuser"). */
  z.object({ kind: z.literal('refuse-pairs'), pairs: z.array(pairSchema).min(1).max(5000) }),
  /**
   * An edited spreadsheet imported for this school (one undoable decision): proposals confirmed (`accept`), pairs
   * linked by hand (`link`: not proposed by the engine), proposals refused (`refuse`), applied in that order.
   */
  z.object({
    kind: z.literal('import'),
    accept: z.array(pairSchema).max(5000),
    link: z.array(pairSchema).max(5000),
    refuse: z.array(pairSchema).max(5000),
  }),
]);
export type Decision = z.infer<typeof decisionSchema>;
