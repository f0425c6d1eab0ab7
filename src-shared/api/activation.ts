/** Account activation by academic e-mail, and support requests for substitute teachers not in the ENT. */
import { z } from 'zod';
import { uaiSchema } from './common';

export const activationRequestSchema = z.object({ email: z.string().min(3).max(254) }).strict();
export type ActivationRequest = z.infer<typeof activationRequestSchema>;
// Answer: acceptedResponseSchema (202), identical whether or not the account exists.
// Refusal: 400 `invalid-email` (alias `jdupont@…`, establishment address `ce.0131234X@…`, other form).

export const supportRequestSchema = z
  .object({
    nom: z.string().min(1).max(100),
    prenom: z.string().min(1).max(100),
    /** Professional (academic) address `prenom.nom@ac-<académie>.fr`; other forms → 400 `invalid-email`. */
    email: z.string().email().max(254),
    schoolUai: uaiSchema,
    classe: z.string().min(1).max(100),
    message: z.string().max(2000).optional(),
  })
  .strict();
export type SupportRequest = z.infer<typeof supportRequestSchema>;

export const supportRequestResponseSchema = z.object({
  id: z.string(),
  status: z.literal('received'),
  message: z.string(),
});
export type SupportRequestResponse = z.infer<typeof supportRequestResponseSchema>;
