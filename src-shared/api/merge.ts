/**
 * The merge batch (`POST /v1/schools/{uai}/merges`, header `Idempotency-Key` required, and `X-Legacy-Grant`
 * when spaces are recovered) and the migration job's progress (`GET /v1/merges/{id}`, `GET /v1/merges/{id}/events`).
 * The first accepted batch of a school wins (then 409); a stale base version → 412; invalid → 422 with every problem.
 */
import { z } from 'zod';
import { idSchema, isoDateTimeSchema, personalAppSchema, spaceAppSchema, uaiSchema } from './common';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Idempotency-Key: 8 to 200 visible ASCII characters (a UUID is fine). */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,200}$/);

export const classMappingSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('recover'), oldClassId: idSchema, newClassId: idSchema, apps: z.array(spaceAppSchema).max(10) }).strict(),
  z.object({ action: z.literal('skip'), oldClassId: idSchema }).strict(),
]);
export type ClassMapping = z.infer<typeof classMappingSchema>;

export const pupilAssociationSchema = z.object({ oldPupilId: idSchema, newPupilId: idSchema }).strict();
export type PupilAssociation = z.infer<typeof pupilAssociationSchema>;

export const mergeBatchSchema = z
  .object({
    /** Versions of the rosters the director worked on (`version` of the new and the old roster). */
    baseVersions: z.object({ new: z.string().min(1).max(100), old: z.string().min(1).max(100) }).strict(),
    /** School space apps to recover, or null (needs a grant with this school's school space). */
    schoolSpace: z.object({ apps: z.array(spaceAppSchema).max(10) }).strict().nullable(),
    classes: z.array(classMappingSchema).max(200),
    /** Old pupil account → new pupil account, strictly one-to-one. */
    pupils: z.array(pupilAssociationSchema).max(5000),
    /** Personal-data apps transferred from each associated old pupil account to its new account. */
    personalApps: z.array(personalAppSchema).max(10),
  })
  .strict();
export type MergeBatch = z.infer<typeof mergeBatchSchema>;

export const MERGE_STEPS = ['school-space', 'class-spaces', 'licences', 'pupil-data', 'pupil-credentials'] as const;
export const mergeStepNameSchema = z.enum(MERGE_STEPS);
export type MergeStepName = z.infer<typeof mergeStepNameSchema>;

/**
 * 202 answer to an accepted batch: a receipt, identical when the same Idempotency-Key and body are sent again
 * (then with the header `Idempotent-Replayed: true`). Follow the job at `statusUrl` / `eventsUrl`.
 */
export const mergeReceiptSchema = z.object({
  id: idSchema,
  schoolUai: uaiSchema,
  acceptedAt: isoDateTimeSchema,
  acceptedByRole: z.enum(['director', 'referent']),
  statusUrl: z.string(),
  eventsUrl: z.string(),
});
export type MergeReceipt = z.infer<typeof mergeReceiptSchema>;

export const mergeStatusSchema = z.enum(['accepted', 'running', 'done', 'failed']);
export type MergeStatus = z.infer<typeof mergeStatusSchema>;

export const mergeStepSchema = z.object({
  name: mergeStepNameSchema,
  label: z.string(),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  status: z.enum(['pending', 'running', 'done']),
});
export type MergeStep = z.infer<typeof mergeStepSchema>;

export const mergeResponseSchema = z.object({
  id: idSchema,
  schoolUai: uaiSchema,
  status: mergeStatusSchema,
  acceptedAt: isoDateTimeSchema,
  acceptedByRole: z.enum(['director', 'referent']),
  finishedAt: isoDateTimeSchema.nullable(),
  steps: z.array(mergeStepSchema),
  /** Generated credentials of new pupils without association, kept until a manager marks them printed (or they expire). */
  credentialsAvailable: z.boolean(),
});
export type MergeResponse = z.infer<typeof mergeResponseSchema>;

/**
 * A school's merge as every manager of the school sees it (`GET /v1/schools/merges`): who sent the accepted batch
 * and when, how far the job is, whether the new pupils' credentials can still be fetched.
 */
export const schoolMergeSummarySchema = z.object({
  id: idSchema,
  status: mergeStatusSchema,
  acceptedAt: isoDateTimeSchema,
  acceptedByRole: z.enum(['director', 'referent']),
  /** "Bénédicte Garnier" — the person who sent the accepted batch. */
  acceptedByName: z.string(),
  finishedAt: isoDateTimeSchema.nullable(),
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  credentialsAvailable: z.boolean(),
  /** When a manager marked the letters printed (the credentials are then erased). */
  credentialsReleasedAt: isoDateTimeSchema.nullable(),
});
export type SchoolMergeSummary = z.infer<typeof schoolMergeSummarySchema>;

export const schoolMergesResponseSchema = z.object({
  schools: z.array(z.object({ uai: uaiSchema, name: z.string(), merge: schoolMergeSummarySchema.nullable() })),
});
export type SchoolMergesResponse = z.infer<typeof schoolMergesResponseSchema>;

/** SSE `GET /v1/merges/{id}/events`: events `progress` (data: MergeResponse) then `end` once done or failed. */
export const mergeEventSchema = mergeResponseSchema;

/** Credentials of the new pupils, for any director or referent of the school (each fetch recorded by the ENT). */
export const pupilCredentialsResponseSchema = z.object({
  mergeId: idSchema,
  credentials: z.array(
    z.object({ pupilId: idSchema, nom: z.string(), prenom: z.string(), classLabel: z.string(), login: z.string(), password: z.string() }),
  ),
});
export type PupilCredentialsResponse = z.infer<typeof pupilCredentialsResponseSchema>;
