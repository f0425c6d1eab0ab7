/**
 * RPC schemas of the desktop core's operations (sign-in, pull, decisions, batch, sending). The core's operation
 * tables are typed from these (`z.infer`): an implementation that drifts from its schema does not compile.
 */
import { z } from 'zod';
import { legacyRosterResponseSchema, mergeResponseSchema, rosterResponseSchema, schoolMergeSummarySchema, uaiSchema } from '../api';
import { APP_TARGETS, decisionSchema } from '../domain/decisions';
import { matchResultSchema } from '../domain/matching';
import { SCHOOL_PHASES } from '../domain/school-lifecycle';

const credentials = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();

export const accountSchema = z.object({
  login: z.string(),
  nom: z.string(),
  prenom: z.string(),
  serverUrl: z.string(),
  dataDir: z.string(),
});

/** The ENT's view of a school's merge (who, when, how far), as last seen online; null: none accepted. */
export const entMergeSchema = schoolMergeSummarySchema.nullable();

export const schoolListItemSchema = z.object({
  uai: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  pulled: z.boolean(),
  /** From the ENT (last known when offline): whether the school is already reconciled or being merged, by whom, when. */
  ent: entMergeSchema,
});

export const flaggedDecisionSchema = z.object({ seq: z.number().int(), oldId: z.string(), newId: z.string(), reason: z.string() });

export { SCHOOL_PHASES } from '../domain/school-lifecycle';

export const schoolStatusSchema = z.object({
  uai: z.string(),
  name: z.string(),
  phase: z.enum(SCHOOL_PHASES),
  pulledAt: z.string().nullable(),
  rosterVersions: z.object({ new: z.string(), old: z.string() }).nullable(),
  counts: z
    .object({
      newPupils: z.number().int(),
      oldPupils: z.number().int(),
      proposalsAuto: z.number().int(),
      proposalsReview: z.number().int(),
      linked: z.number().int(),
      pendingAuto: z.number().int(),
      /** Proposals neither confirmed nor refused (the batch cannot be confirmed while there is one). */
      undecided: z.number().int(),
      /** Of those, `auto` (sure) proposals never accepted. */
      undecidedAuto: z.number().int(),
    })
    .nullable(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  lastSeq: z.number().int(),
  flagged: z.array(flaggedDecisionSchema),
  outbox: z
    .object({
      state: z.enum(['frozen', 'accepted', 'done', 'failed', 'rejected', 'superseded']),
      idempotencyKey: z.string(),
      attempts: z.number().int(),
      mergeId: z.string().nullable(),
      lastError: z.string().nullable(),
      conflictMessage: z.string().nullable(),
    })
    .nullable(),
  mergedSummary: z.unknown(),
  legacyGrantValid: z.boolean(),
  /** The ENT's view of this school's merge, as last seen online (a school reconciled from another account shows here). */
  ent: entMergeSchema,
});

export const workspaceSchema = z.object({
  uai: z.string(),
  newRoster: rosterResponseSchema,
  oldRoster: legacyRosterResponseSchema,
  matching: matchResultSchema,
  links: z.array(z.object({ oldId: z.string(), newId: z.string(), origin: z.enum(['proposal', 'manual']), seq: z.number().int() })),
  classMap: z.array(z.object({ oldClassId: z.string(), newClassId: z.string().nullable() })),
  apps: z.array(z.object({ target: z.enum(APP_TARGETS), appIds: z.array(z.string()) })),
  /** Per old class: the apps chosen for that class alone (absent: the `class-spaces` choice, by default every app). */
  classApps: z.array(z.object({ oldClassId: z.string(), appIds: z.array(z.string()) })),
  optedOut: z.array(z.string()),
  /** Proposals refused (decided, not linked). */
  refused: z.array(z.object({ oldId: z.string(), newId: z.string() })),
  flagged: z.array(flaggedDecisionSchema),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
});

export const decisionAckSchema = z.object({ seq: z.number().int(), status: schoolStatusSchema });

export const batchSummarySchema = z.object({
  uai: z.string(),
  schoolName: z.string(),
  counts: z.object({
    newPupils: z.number().int(),
    oldPupils: z.number().int(),
    linked: z.number().int(),
    newWithoutOld: z.number().int(),
    oldNotFollowing: z.number().int(),
    optedOut: z.number().int(),
    classesRecovered: z.number().int(),
    classesSkipped: z.number().int(),
    flaggedDecisions: z.number().int(),
  }),
  schoolSpaceRecovered: z.boolean(),
  warnings: z.array(z.string()),
  valid: z.boolean(),
});

const personRefSchema = z.object({ id: z.string(), nom: z.string(), prenom: z.string(), classLabel: z.string() });

/** The batch by name: what a director reads before confirming, and the receipt of what was sent. */
export const batchReviewSchema = z.object({
  classes: z.array(z.object({ newClassId: z.string(), label: z.string(), keeps: z.array(personRefSchema.extend({ oldClassLabel: z.string() })), newLogins: z.array(personRefSchema) })),
  /** Old accounts whose data do not follow, and why. */
  notFollowing: z.array(personRefSchema.extend({ reason: z.enum(['refused', 'no-match', 'opted-out']) })),
  /** Proposals neither confirmed nor refused. */
  undecided: z.array(z.object({ status: z.enum(['auto', 'review']), old: personRefSchema, new: personRefSchema, reasons: z.array(z.string()) })),
  spaces: z.array(z.object({ oldClassId: z.string(), oldLabel: z.string(), newClassId: z.string().nullable(), newLabel: z.string().nullable(), apps: z.array(z.string()), takenByTeacher: z.object({ newClassLabel: z.string(), at: z.string() }).nullable().optional() })),
  warnings: z.array(z.object({ code: z.enum(['undecided', 'two-classes-into-one', 'class-not-covered', 'flagged', 'taken-by-teacher']), message: z.string() })),
});
export type BatchReview = z.infer<typeof batchReviewSchema>;

export const batchPreviewSchema = z.object({
  summary: batchSummarySchema,
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  flagged: z.array(flaggedDecisionSchema),
  review: batchReviewSchema,
});

/** What was confirmed and sent, by name: kept with the school (encrypted), printable and as CSV. */
export const batchReceiptSchema = z.object({
  uai: z.string(),
  schoolName: z.string(),
  confirmedAt: z.string(),
  idempotencyKey: z.string(),
  /** Set once the ENT accepted the batch. */
  mergeId: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** `refused`: the ENT had already accepted another batch for the school (409): nothing of this one was applied. */
  state: z.enum(['confirmed', 'sent', 'accepted', 'merged', 'refused']),
  counts: batchSummarySchema.shape.counts,
  schoolSpaceApps: z.array(z.string()).nullable(),
  personalApps: z.array(z.string()),
  review: batchReviewSchema,
  /** The same, as a spreadsheet opens it (UTF-8 with BOM, `;`). */
  csv: z.string(),
});
export type BatchReceipt = z.infer<typeof batchReceiptSchema>;

export const pushOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('done'), mergeId: z.string(), merge: mergeResponseSchema, summary: batchSummarySchema }),
  z.object({ outcome: z.literal('failed'), mergeId: z.string(), merge: mergeResponseSchema }),
  z.object({ outcome: z.literal('rebased'), preview: batchPreviewSchema }),
]);

const school = z.object({ uai: uaiSchema }).strict();
const schoolWithLegacy = z.object({ uai: uaiSchema, legacy: credentials.nullable().optional() }).strict();
const none = z.object({}).strict();

/** Method table entries of the core, merged into the main table in methods.ts. */
export const coreRpcMethods = {
  /** Reopens the last signed-in user's cache (no network). */
  'session.restore': { input: none, output: accountSchema.nullable() },
  'session.signIn': { input: credentials, output: accountSchema },
  'session.signOut': { input: none, output: z.object({ signedOut: z.literal(true) }) },
  'schools.list': { input: none, output: z.array(schoolListItemSchema) },
  'schools.statuses': { input: none, output: z.array(schoolStatusSchema) },
  /** Downloads both rosters (the old one needs the old account's credentials, used once, never stored). */
  'school.pull': { input: schoolWithLegacy, output: schoolStatusSchema },
  'school.status': { input: school, output: schoolStatusSchema },
  'school.workspace': { input: school, output: workspaceSchema },
  'school.decide': { input: z.object({ uai: uaiSchema, decision: decisionSchema }).strict(), output: decisionAckSchema },
  'school.undo': { input: school, output: decisionAckSchema },
  'school.redo': { input: school, output: decisionAckSchema },
  'school.acceptAuto': { input: school, output: decisionAckSchema.extend({ accepted: z.number().int() }) },
  'school.preview': { input: school, output: batchPreviewSchema },
  /** Freezes the batch with its Idempotency-Key: the irreversible step's last local checkpoint. */
  'school.confirm': { input: school, output: z.object({ idempotencyKey: z.string(), summary: batchSummarySchema }) },
  'school.push': { input: schoolWithLegacy, output: pushOutcomeSchema },
  'school.progress': { input: school, output: pushOutcomeSchema },
  /** The receipt of the confirmed (then sent) batch, by name; `not-found` before any confirmation. */
  'school.receipt': { input: school, output: batchReceiptSchema },
} as const;
