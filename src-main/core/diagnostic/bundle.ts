/**
 * The diagnostic bundle: one JSON document (format below, README.md beside this file), written as is when
 * pseudonymised, encrypted (file.ts) when it holds real data. Everything support needs to see a session again,
 * nothing that opens anything on the ENT: no token, no grant, no password, no credential letter.
 */
import { z } from 'zod';
import { legacyRosterResponseSchema, mergeBatchSchema, rosterResponseSchema, schoolMergeSummarySchema, uaiSchema } from '../../../src-shared/api';
import { matchResultSchema } from '../../../src-shared/domain/matching';
import { OUTBOX_STATES, SCHOOL_PHASES } from '../../../src-shared/domain/school-lifecycle';
import { batchReceiptSchema } from '../../../src-shared/rpc/core';
import { journalEntrySchema } from '../journal/decisions';
import { ACTIVITY_KINDS, activityDataSchema } from './activity';

export const BUNDLE_FORMAT = 'passerelle-diagnostic';
export const BUNDLE_VERSION = 1;

export const journalEventSchema = z.object({ seq: z.number().int(), at: z.string(), entry: journalEntrySchema });

export const outboxRowSchema = z.object({
  id: z.number().int(),
  state: z.enum(OUTBOX_STATES),
  idempotencyKey: z.string(),
  attempts: z.number().int(),
  mergeId: z.string().nullable(),
  lastError: z.string().nullable(),
  detail: z.string().nullable(),
  journalSeq: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Null once the merge wiped it. */
  batch: mergeBatchSchema.nullable(),
});

export const activityRowSchema = z.object({ at: z.string(), kind: z.enum(ACTIVITY_KINDS), journalSeq: z.number().int(), data: activityDataSchema });

export const schoolBundleSchema = z.object({
  uai: uaiSchema,
  name: z.string(),
  phase: z.enum(SCHOOL_PHASES),
  pulledAt: z.string().nullable(),
  /** Both rosters and the matching as last downloaded; null once the merge wiped them. */
  rosters: z.object({ new: rosterResponseSchema, old: legacyRosterResponseSchema, matching: matchResultSchema }).nullable(),
  /** The classes a teacher's proof of the old account covers (the grant itself is never in the bundle). */
  grantClassIds: z.array(z.string()),
  journal: z.array(journalEventSchema),
  outbox: z.array(outboxRowSchema),
  receipt: batchReceiptSchema.omit({ csv: true }).nullable(),
  /** What the ENT said of the school's merge (who, when, how far), as last seen. */
  ent: schoolMergeSummarySchema.nullable(),
  mergedSummary: z.unknown(),
  activity: z.array(activityRowSchema),
});
export type SchoolBundle = z.infer<typeof schoolBundleSchema>;

export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  createdAt: z.string(),
  pseudonymised: z.boolean(),
  /** Pseudonymised: of the pairs' name and date comparisons, how many keep their kind of difference. */
  kinds: z.object({ kept: z.number().int(), total: z.number().int() }).nullable(),
  app: z.object({
    name: z.string(),
    version: z.string(),
    host: z.string(),
    serverUrl: z.string(),
    platform: z.string(),
    release: z.string(),
    arch: z.string(),
    node: z.string(),
    electron: z.string().nullable(),
    cpus: z.number().int(),
    memoryMb: z.number().int(),
    locale: z.string(),
    timeZone: z.string(),
  }),
  /** `settings.json` without anything secret. */
  settings: z.record(z.string(), z.unknown()),
  account: z.object({ id: z.string(), login: z.string(), nom: z.string(), prenom: z.string(), roles: z.array(z.object({ role: z.string(), schoolUai: z.string() })) }).nullable(),
  /** Events of the account not tied to a school. */
  activity: z.array(activityRowSchema),
  /** The most recent log lines of every host of this data folder (already without secrets), by file. */
  logs: z.array(z.object({ file: z.string(), lines: z.array(z.record(z.string(), z.unknown())) })),
  schools: z.array(schoolBundleSchema),
});
export type Bundle = z.infer<typeof bundleSchema>;
