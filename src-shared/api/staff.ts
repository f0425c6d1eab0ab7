/**
 * A school adult's own steps after the school's merge, with the legacy grant of their own old account
 * (`POST /v1/legacy/verify`, header `X-Legacy-Grant`):
 * - personal data (messages, media library, profile): a director, referent or teacher chooses what moves from
 *   the proven old account into their new one, once (each old account goes to one new account);
 * - a teacher's old class spaces (blog, media library, calendar, homework book, liaison book) go into one of their
 *   classes of this year, only those the proven account taught, and only if the school's batch did not take them
 *   first (one move per old class space, whoever comes first).
 */
import { z } from 'zod';
import { appCountsSchema, idSchema, isoDateTimeSchema, personalAppSchema, spaceAppSchema, uaiSchema } from './common';
import { classMappingSchema, mergeStatusSchema } from './merge';

const oldAccountSchema = z.object({ login: z.string(), nom: z.string(), prenom: z.string() });

export const personalDataResponseSchema = z.object({
  /** Personal items of the signed-in account, per app. */
  mine: appCountsSchema,
  /** With a grant: the proven old account and what its personal space still holds; null without a grant. */
  old: oldAccountSchema.extend({ apps: appCountsSchema, taken: z.boolean() }).nullable(),
  /** Set once this account received an old account's personal data (final). */
  claim: z
    .object({
      oldLogin: z.string(),
      /** The apps chosen; null when everything moved (older claims, parents, e-mail link). */
      apps: z.array(personalAppSchema).nullable(),
      at: isoDateTimeSchema,
    })
    .nullable(),
});
export type PersonalDataResponse = z.infer<typeof personalDataResponseSchema>;

export const personalRecoverRequestSchema = z.object({ apps: z.array(personalAppSchema).min(1).max(3) }).strict();
export type PersonalRecoverRequest = z.infer<typeof personalRecoverRequestSchema>;

/** An old class space that moved (or is moving) into a class of this year: by the school's batch, or by a teacher. */
export const movedClassSpaceSchema = z.object({
  oldClassId: idSchema,
  oldLabel: z.string(),
  oldSchoolUai: uaiSchema,
  oldSchoolName: z.string(),
  newClassId: idSchema,
  newLabel: z.string(),
  apps: z.array(spaceAppSchema),
  by: z.enum(['school', 'teacher']),
  /** The signed-in teacher moved it themselves. */
  mine: z.boolean(),
  at: isoDateTimeSchema,
  /** The school's merge that carries it: how far it is (the items arrive as it runs). */
  merge: z
    .object({
      status: mergeStatusSchema,
      acceptedByName: z.string(),
      finishedAt: isoDateTimeSchema.nullable(),
      progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
    })
    .nullable(),
  /** Items moved per app, once moved by a teacher (the school's merge reports its own progress). */
  moved: appCountsSchema.nullable(),
});
export type MovedClassSpace = z.infer<typeof movedClassSpaceSchema>;

export const CLASS_SPACE_STATES = ['available', 'school', 'mine', 'other'] as const;

export const teacherClassSpacesResponseSchema = z.object({
  /** The teacher's classes of this year: where an old class space may go (empty until a class is chosen). */
  targets: z.array(z.object({ id: idSchema, label: z.string(), schoolUai: uaiSchema })),
  /** What came, or is coming, into the teacher's classes. */
  incoming: z.array(movedClassSpaceSchema),
  /** With a grant: each old class the proven account taught, and what became of its space; null without a grant. */
  old: z
    .array(
      z.object({
        id: idSchema,
        label: z.string(),
        schoolUai: uaiSchema,
        schoolName: z.string(),
        apps: appCountsSchema,
        /** `available`: still in last year's space; `school`: taken by the school's batch; `mine` / `other`: by this teacher / another one. */
        state: z.enum(CLASS_SPACE_STATES),
        movedTo: movedClassSpaceSchema.nullable(),
      }),
    )
    .nullable(),
  /** Set once the teacher answered (final). */
  answer: z.object({ decision: z.enum(['recovered', 'declined']), at: isoDateTimeSchema }).nullable(),
});
export type TeacherClassSpacesResponse = z.infer<typeof teacherClassSpacesResponseSchema>;

/**
 * The teacher's answer, once: per old class, into which of their classes and which apps (`recover`), or « Je ne
 * souhaite pas récupérer les informations de mon ancienne classe » (`skip`). An empty list declines everything.
 */
export const teacherClassSpacesRequestSchema = z.object({ classes: z.array(classMappingSchema).max(20) }).strict();
export type TeacherClassSpacesRequest = z.infer<typeof teacherClassSpacesRequestSchema>;

export const teacherClassSpacesResultSchema = z.object({
  decision: z.enum(['recovered', 'declined']),
  moved: z.array(z.object({ oldClassId: idSchema, newClassId: idSchema, moved: appCountsSchema, licences: z.number().int().nonnegative() })),
});
export type TeacherClassSpacesResult = z.infer<typeof teacherClassSpacesResultSchema>;
