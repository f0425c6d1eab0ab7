/**
 * RPC schemas of what each role does in the app after sign-in (src-shared/domain/roles.ts says who gets what):
 * the sections of the account, « Ma classe » (class choice), and one's own old data — prove the old account once
 * (the grant stays in the core, encrypted, never in the screens), then a teacher's old class spaces and one's
 * personal data (messages, media library, profile).
 */
import { z } from 'zod';
import { classChoicesResponseSchema, chooseClassResponseSchema, idSchema, uaiSchema } from '../api';
import { personalTransferResponseSchema } from '../api/parents';
import { personalDataResponseSchema, personalRecoverRequestSchema, teacherClassSpacesRequestSchema, teacherClassSpacesResponseSchema, teacherClassSpacesResultSchema } from '../api/staff';
import { ROLE_SECTIONS } from '../domain/roles';

const credentials = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();
const none = z.object({}).strict();

export const roleViewSchema = z.object({
  sections: z.array(z.enum(ROLE_SECTIONS)),
  home: z.enum(ROLE_SECTIONS),
  manages: z.boolean(),
  teaches: z.boolean(),
  /** A teacher whose class is not chosen yet. */
  mustChooseClass: z.boolean(),
  /** The account's classes this year, as a teacher. */
  classes: z.array(z.object({ id: idSchema, label: z.string(), schoolUai: uaiSchema })),
  schools: z.array(z.object({ uai: uaiSchema, name: z.string() })),
  /** Where parents and pupils go instead: the ENT's web portal, at the server's address. */
  portalUrl: z.string(),
  /** The ENT did not answer: the account as last seen online. */
  offline: z.boolean(),
});
export type RoleView = z.infer<typeof roleViewSchema>;

/** The old account proven in this app (its grant is kept by the core until it expires). */
export const provenOldAccountSchema = z.object({
  oldAccount: z.object({ login: z.string(), nom: z.string(), prenom: z.string() }),
  expiresAt: z.string(),
  /** Old class spaces where it taught. */
  classSpaces: z.array(z.object({ classId: idSchema, label: z.string(), schoolUai: uaiSchema })),
});
export type ProvenOldAccount = z.infer<typeof provenOldAccountSchema>;

export const oldDataStatusSchema = z.object({
  proven: provenOldAccountSchema.nullable(),
  personal: personalDataResponseSchema,
  /** Teachers only: what came into their classes, and their old class spaces once the old account is proven. */
  classSpaces: teacherClassSpacesResponseSchema.nullable(),
});
export type OldDataStatus = z.infer<typeof oldDataStatusSchema>;

export const rolesRpcMethods = {
  /** The account's sections after sign-in, from `GET /v1/me` (the last known account when offline). */
  'roles.view': { input: none, output: roleViewSchema },
  /** « Ma classe »: the school's classes with their first pupils, and the classes already the account's. */
  'myClass.choices': { input: none, output: classChoicesResponseSchema.extend({ current: z.array(idSchema) }) },
  'myClass.choose': { input: z.object({ classId: idSchema }).strict(), output: z.object({ chosen: chooseClassResponseSchema, view: roleViewSchema }) },
  /** Proves one's own old account (irreversible: its content will move); the credentials are sent once, never kept. */
  'oldData.prove': { input: credentials, output: provenOldAccountSchema },
  /** Another old account: the proof kept by the app is forgotten (nothing moved yet stays where it is). */
  'oldData.forget': { input: none, output: z.object({ forgotten: z.literal(true) }) },
  'oldData.status': { input: none, output: oldDataStatusSchema },
  /** A teacher's final answer for their old class spaces (needs the proven old account). */
  'oldData.recoverClassSpaces': { input: teacherClassSpacesRequestSchema, output: teacherClassSpacesResultSchema },
  /** Moves the chosen personal apps of the proven old account into this account (final). */
  'oldData.recoverPersonal': { input: personalRecoverRequestSchema, output: personalTransferResponseSchema },
} as const;
