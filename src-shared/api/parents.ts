/**
 * After the merge, at their login, parents confirm which old parent account was theirs (or refuse), and teachers
 * link their own old personal account with their old credentials: a director never moves another adult's data.
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

export const parentDecisionRequestSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('confirm'), candidateId: idSchema }).strict(),
  z.object({ decision: z.literal('refuse') }).strict(),
]);
export type ParentDecisionRequest = z.infer<typeof parentDecisionRequestSchema>;

export const personalTransferResponseSchema = z.object({
  decision: z.enum(['confirmed', 'refused', 'linked']),
  /** Items moved to the new account, per personal app. */
  moved: appCountsSchema,
});
export type PersonalTransferResponse = z.infer<typeof personalTransferResponseSchema>;

export const teacherLinkRequestSchema = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();
export type TeacherLinkRequest = z.infer<typeof teacherLinkRequestSchema>;
