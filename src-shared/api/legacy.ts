/**
 * Last year's accounts: proving an old account (`POST /v1/legacy/verify`) gives a grant, sent back in the
 * `X-Legacy-Grant` header to read the old roster and to recover spaces in a merge batch.
 */
import { z } from 'zod';
import { appCountsSchema, idSchema, isoDateTimeSchema, uaiSchema } from './common';
import { classRecordSchema, pupilRecordSchema, teacherRecordSchema } from './roster';

export const LEGACY_GRANT_HEADER = 'x-legacy-grant';

export const legacyVerifyRequestSchema = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();
export type LegacyVerifyRequest = z.infer<typeof legacyVerifyRequestSchema>;

export const legacyGrantSchema = z.object({
  /** Signed, short-lived token: send it as the `X-Legacy-Grant` header. */
  grant: z.string(),
  expiresAt: isoDateTimeSchema,
  oldAccount: z.object({ id: idSchema, login: z.string(), nom: z.string(), prenom: z.string() }),
  /** Old school spaces it may recover: ENT referent or director in at least one school, or director in Base élèves. */
  schoolSpaces: z.array(z.object({ schoolUai: uaiSchema, name: z.string() })),
  /** Old class spaces where it taught. */
  classSpaces: z.array(z.object({ classId: idSchema, label: z.string(), schoolUai: uaiSchema })),
  /** Its own personal data (messages, media, profile) is always recoverable by itself. */
  personalData: z.literal(true),
});
export type LegacyGrant = z.infer<typeof legacyGrantSchema>;

export const legacyForgotRequestSchema = z.object({ email: z.string().min(3).max(254) }).strict();
export type LegacyForgotRequest = z.infer<typeof legacyForgotRequestSchema>;

export const legacyClassSchema = classRecordSchema.extend({
  spaceId: idSchema,
  apps: appCountsSchema,
  licences: z.number().int().nonnegative(),
  /** Its teacher already took this class space into their own class (first wins): no school batch moves it any more. */
  takenByTeacher: z.object({ newClassId: idSchema, newClassLabel: z.string(), at: isoDateTimeSchema }).nullable().optional(),
});

export const legacyRosterResponseSchema = z.object({
  uai: uaiSchema,
  name: z.string(),
  year: z.literal('old'),
  /** Send back as `baseVersions.old` in a merge batch. */
  version: z.string(),
  schoolSpace: z.object({ spaceId: idSchema, apps: appCountsSchema }).nullable(),
  classes: z.array(legacyClassSchema),
  teachers: z.array(teacherRecordSchema),
  pupils: z.array(pupilRecordSchema.extend({ personalData: appCountsSchema })),
});
export type LegacyRosterResponse = z.infer<typeof legacyRosterResponseSchema>;
