/**
 * Account activation by academic e-mail, one-time codes, and support requests for substitute teachers not in the
 * ENT. Nobody can change a password by knowing an address: an account never activated receives its credentials
 * by mail; an account already in use (and last year's account, "forgot my old credentials") receives a one-time
 * code, and its password changes only when the code is used (`POST /v1/password-resets`).
 */
import { z } from 'zod';
import { uaiSchema, yearSchema } from './common';

export const activationRequestSchema = z.object({ email: z.string().min(3).max(254) }).strict();
export type ActivationRequest = z.infer<typeof activationRequestSchema>;
// Answer: acceptedResponseSchema (202), identical whether or not the account exists.
// Refusal: 400 `invalid-email` (alias `jdupont@…`, establishment address `ce.0131234X@…`, other form).

/** A one-time code as mailed (`ABCD-EFGH-JKLM`): 12 letters and digits, dashes and spaces ignored. */
export const oneTimeCodeSchema = z.string().min(12).max(40).regex(/^[A-Za-z0-9 -]+$/);
export const PASSWORD_MIN_LENGTH = 8;

export const passwordResetRequestSchema = z
  .object({
    code: oneTimeCodeSchema,
    /** The password chosen by the owner (8 to 200 characters). */
    newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(200),
  })
  .strict();
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

export const passwordResetResponseSchema = z.object({
  status: z.literal('changed'),
  /** The account's login, to sign in with the new password. */
  login: z.string(),
  year: yearSchema,
  message: z.string(),
});
export type PasswordResetResponse = z.infer<typeof passwordResetResponseSchema>;

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
