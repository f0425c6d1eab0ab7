/**
 * RPC schemas of the diagnostic for support: « Exporter un diagnostic » (one file: versions, system, settings
 * without secrets, recent logs, and each school of the user's cache — rosters, matching, journal, batches, what the
 * ENT answered — pseudonymised unless the user typed a consent, then encrypted with a password shown once) and
 * « Ouvrir un diagnostic » (support's read-only replay, in its own folder, talking to no ENT: the timeline, the
 * screens as they stood at any step, the batch as built then, the errors met). The file format is the core's
 * (src-main/core/diagnostic/README.md).
 */
import { z } from 'zod';
import { mergeBatchSchema, uaiSchema } from '../api';
import { SCHOOL_PHASES } from '../domain/school-lifecycle';
import { batchPreviewSchema, schoolStatusSchema, workspaceSchema } from './core';

/** What a diagnostic never holds, whatever the choice: said in the summary the user reads before saving. */
export const DIAGNOSTIC_EXCLUDED = ['passwords', 'tokens', 'grants', 'letters', 'logins'] as const;

/** The words to type to put real names and birth dates in the file (compared without case or accents). */
export const REAL_DATA_CONSENT = 'DONNÉES RÉELLES';

/** What a diagnostic holds, shown before it is saved. */
export const diagnosticSummarySchema = z.object({
  pseudonymised: z.boolean(),
  app: z.object({ version: z.string(), host: z.string(), platform: z.string(), release: z.string() }),
  /** The signed-in account's roles are in (its login hashed, its name replaced when pseudonymised). */
  account: z.boolean(),
  schools: z.array(
    z.object({
      uai: z.string(),
      name: z.string(),
      phase: z.string(),
      newPupils: z.number().int(),
      oldPupils: z.number().int(),
      proposals: z.number().int(),
      decisions: z.number().int(),
      batches: z.number().int(),
      events: z.number().int(),
      errors: z.number().int(),
    }),
  ),
  logs: z.object({ files: z.number().int(), lines: z.number().int() }),
  excluded: z.array(z.enum(DIAGNOSTIC_EXCLUDED)),
  /** Pseudonymised: of the matching's pairs, how many keep the kind of difference between the old and the new names and dates. */
  kinds: z.object({ kept: z.number().int(), total: z.number().int() }).nullable(),
  bytes: z.number().int(),
});
export type DiagnosticSummary = z.infer<typeof diagnosticSummarySchema>;

export const TIMELINE_KINDS = ['pull', 'pull-failed', 'decision', 'undo', 'redo', 'confirm', 'send', 'answer', 'merge', 'error'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** An error as the user met it: what their screen worded it from (no French text is kept). */
export const diagnosticErrorSchema = z.object({
  code: z.string(),
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  status: z.number().int().optional(),
  problems: z.number().int().optional(),
});

/** One step of a school's session, in order. */
export const timelineEntrySchema = z.object({
  index: z.number().int().nonnegative(),
  at: z.string(),
  uai: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  /** The journal's last entry at this step: the decisions folded to show the screens as they stood. */
  journalSeq: z.number().int(),
  /** A decision's kind (`accept-pairs`, `link`…) and how many pairs it names. */
  decision: z.string().nullable(),
  pairs: z.number().int().nullable(),
  method: z.string().nullable(),
  attempt: z.number().int().nullable(),
  ok: z.boolean().nullable(),
  retry: z.boolean().nullable(),
  status: z.string().nullable(),
  error: diagnosticErrorSchema.nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const diagnosticOverviewSchema = z.object({
  createdAt: z.string(),
  pseudonymised: z.boolean(),
  app: z.object({ name: z.string(), version: z.string(), host: z.string(), platform: z.string(), release: z.string(), arch: z.string(), node: z.string(), electron: z.string().nullable(), serverUrl: z.string() }),
  account: z.object({ roles: z.array(z.object({ role: z.string(), schoolUai: z.string() })) }).nullable(),
  schools: z.array(
    z.object({
      uai: z.string(),
      name: z.string(),
      phase: z.enum(SCHOOL_PHASES),
      /** The rosters are in the bundle (a merged school's were wiped). */
      replayable: z.boolean(),
      newPupils: z.number().int(),
      oldPupils: z.number().int(),
      timeline: z.array(timelineEntrySchema),
    }),
  ),
  /** Every error met, every school, in order. */
  errors: z.array(timelineEntrySchema),
  /** The last lines of the logs the bundle holds (already without secrets). */
  logs: z.array(z.object({ time: z.string(), level: z.string(), host: z.string(), event: z.string() })),
  kinds: z.object({ kept: z.number().int(), total: z.number().int() }).nullable(),
});
export type DiagnosticOverview = z.infer<typeof diagnosticOverviewSchema>;

/** A school as it stood at one step of the timeline. */
export const diagnosticStepSchema = z.object({
  uai: z.string(),
  index: z.number().int(),
  entry: timelineEntrySchema,
  status: schoolStatusSchema,
  workspace: workspaceSchema.nullable(),
  preview: batchPreviewSchema.nullable(),
  /** The batch as the core would have built it at this step. */
  batch: mergeBatchSchema.nullable(),
  /** What the step's decision is about: the pupils (new and old accounts) and the class to open. */
  focus: z.object({ newIds: z.array(z.string()), oldIds: z.array(z.string()), classId: z.string().nullable() }),
  errors: z.array(timelineEntrySchema),
});
export type DiagnosticStep = z.infer<typeof diagnosticStepSchema>;

const none = z.object({}).strict();
/** One part of a file sent in pieces (the browser host takes bodies up to 1 MiB). */
export const DIAGNOSTIC_PART_CHARS = 200_000;

export const diagnosticRpcMethods = {
  /** Builds the diagnostic (pseudonymised unless `real`) and says what is inside; nothing is written yet. */
  'diagnostic.prepare': { input: z.object({ real: z.boolean() }).strict(), output: z.object({ draftId: z.string(), summary: diagnosticSummarySchema }) },
  /** The prepared file's text. Real data: only with the typed consent, then encrypted with a password given here once. */
  'diagnostic.save': {
    input: z.object({ draftId: z.string().min(1).max(100), consent: z.string().max(100).optional() }).strict(),
    output: z.object({ fileName: z.string(), text: z.string(), password: z.string().nullable(), summary: diagnosticSummarySchema }),
  },
  /** Support: a diagnostic file, in parts; `locked` when it is encrypted (then `diagnostic.unlock`). */
  'diagnostic.open': {
    input: z.object({ upload: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), part: z.number().int().nonnegative(), parts: z.number().int().positive().max(1000), data: z.string().max(64 * 1024 * 1024) }).strict(),
    output: z.object({ state: z.enum(['partial', 'locked', 'open']), overview: diagnosticOverviewSchema.nullable() }),
  },
  'diagnostic.unlock': { input: z.object({ password: z.string().min(1).max(200) }).strict(), output: diagnosticOverviewSchema },
  /** The diagnostic open in support mode, if any. */
  'diagnostic.current': { input: none, output: diagnosticOverviewSchema.nullable() },
  'diagnostic.step': { input: z.object({ uai: uaiSchema, index: z.number().int().nonnegative() }).strict(), output: diagnosticStepSchema },
  'diagnostic.close': { input: none, output: z.object({ closed: z.literal(true) }) },
} as const;
