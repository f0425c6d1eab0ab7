/** This year's roster of a school (`GET /v1/schools/{uai}/roster`), versioned by ETag. */
import { z } from 'zod';
import { appCountsSchema, idSchema, isoDateSchema, levelSchema, sexSchema, uaiSchema } from './common';

export const pupilRecordSchema = z.object({
  id: idSchema,
  nom: z.string(),
  prenom: z.string(),
  dateNaissance: isoDateSchema.nullable(),
  sexe: sexSchema.nullable(),
  niveau: levelSchema.nullable(),
  classId: idSchema.nullable(),
  classLabel: z.string(),
});

export const classRecordSchema = z.object({
  id: idSchema,
  label: z.string(),
  levels: z.array(levelSchema),
  teacherIds: z.array(idSchema),
});

export const teacherRecordSchema = z.object({
  id: idSchema,
  nom: z.string(),
  prenom: z.string(),
  email: z.string(),
});

export const parentRecordSchema = z.object({
  id: idSchema,
  nom: z.string(),
  prenom: z.string(),
  childIds: z.array(idSchema),
});

export const rosterResponseSchema = z.object({
  uai: uaiSchema,
  name: z.string(),
  year: z.literal('new'),
  /** Opaque version, also sent as the ETag header; send it back as `baseVersions.new` in a merge batch. */
  version: z.string(),
  classes: z.array(classRecordSchema),
  teachers: z.array(teacherRecordSchema),
  pupils: z.array(pupilRecordSchema),
  parents: z.array(parentRecordSchema),
});
export type RosterResponse = z.infer<typeof rosterResponseSchema>;

/** Teacher's first login: the school's new classes with their first three pupils. */
export const classChoicesResponseSchema = z.object({
  schoolUai: uaiSchema,
  classes: z.array(
    z.object({
      id: idSchema,
      label: z.string(),
      levels: z.array(levelSchema),
      firstPupils: z.array(z.object({ nom: z.string(), prenom: z.string() })).max(3),
      pupilCount: z.number().int().nonnegative(),
    }),
  ),
});
export type ClassChoicesResponse = z.infer<typeof classChoicesResponseSchema>;

export const chooseClassRequestSchema = z.object({ classId: idSchema }).strict();
export type ChooseClassRequest = z.infer<typeof chooseClassRequestSchema>;

export const chooseClassResponseSchema = z.object({ classId: idSchema, label: z.string() });
export type ChooseClassResponse = z.infer<typeof chooseClassResponseSchema>;

/** ONDE sync of one pupil (director or referent): adds a pupil to the new roster and changes its version. */
export const addPupilRequestSchema = z
  .object({
    nom: z.string().min(1).max(100),
    prenom: z.string().min(1).max(100),
    dateNaissance: isoDateSchema,
    sexe: sexSchema,
    niveau: levelSchema,
    classId: idSchema,
  })
  .strict();
export type AddPupilRequest = z.infer<typeof addPupilRequestSchema>;

/** The new spaces of a school and how many items each app holds (`GET /v1/schools/{uai}/spaces`). */
export const spaceSummarySchema = z.object({
  id: idSchema,
  kind: z.enum(['school', 'class']),
  classId: idSchema.nullable(),
  label: z.string(),
  apps: appCountsSchema,
  licences: z.number().int().nonnegative(),
});
export const spacesResponseSchema = z.object({
  uai: uaiSchema,
  spaces: z.array(spaceSummarySchema),
  /** Personal items held by this year's pupil accounts, per app. */
  pupilPersonalData: appCountsSchema,
});
export type SpacesResponse = z.infer<typeof spacesResponseSchema>;
