/**
 * After the merge, at their login, adults recover their OWN personal data — nobody else's, and each old account once:
 * - a parent confirms an old parent account the ENT recognises as theirs (same name, parent of the same child:
 *   see `src-server/services/personal-data.ts` for the rule), or proves another one with its old password, or refuses;
 * - a teacher links their old account by its old password, or by the academic e-mail both accounts share.
 * A director never moves another adult's data.
 */
import { z } from 'zod';
import { appCountsSchema, idSchema } from './common';

export const parentCandidatesResponseSchema = z.object({
  candidates: z.array(
    z.object({
      id: idSchema,
      /** e.g. "Parent de Léa DURAND — CM1 B". */
      label: z.string(),
    }),
  ),
  /** Set once the parent confirmed or refused: no more candidates are offered. */
  decision: z.enum(['confirmed', 'refused']).nullable(),
});
export type ParentCandidatesResponse = z.infer<typeof parentCandidatesResponseSchema>;

const oldCredentialsSchema = { login: z.string().min(1).max(200), password: z.string().min(1).max(200) };

export const parentDecisionRequestSchema = z.discriminatedUnion('decision', [
  /** One of the candidates offered (recognised by the ENT). */
  z.object({ decision: z.literal('confirm'), candidateId: idSchema }).strict(),
  /** Another old parent account, proven by its old login and password. */
  z.object({ decision: z.literal('prove'), ...oldCredentialsSchema }).strict(),
  z.object({ decision: z.literal('refuse') }).strict(),
]);
export type ParentDecisionRequest = z.infer<typeof parentDecisionRequestSchema>;

export const personalTransferResponseSchema = z.object({
  decision: z.enum(['confirmed', 'refused', 'linked']),
  /** Items moved to the new account, per personal app. */
  moved: appCountsSchema,
});
export type PersonalTransferResponse = z.infer<typeof personalTransferResponseSchema>;

/** A teacher's old account: by its old credentials, or the one with the same academic e-mail (`method: 'email'`). */
export const teacherLinkRequestSchema = z.union([
  z.object(oldCredentialsSchema).strict(),
  z.object({ method: z.literal('email') }).strict(),
]);
export type TeacherLinkRequest = z.infer<typeof teacherLinkRequestSchema>;

/** What the ENT knows of a teacher's old account before linking it. */
export const teacherOldAccountResponseSchema = z.object({
  /** The old staff account with the same academic e-mail, when there is exactly one, not yet linked. */
  byEmail: z.object({ id: idSchema, login: z.string(), nom: z.string(), prenom: z.string() }).nullable(),
  /** Set once an old account was linked (final). */
  decision: z.enum(['linked']).nullable(),
});
export type TeacherOldAccountResponse = z.infer<typeof teacherOldAccountResponseSchema>;
