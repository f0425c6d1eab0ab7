/**
 * RPC schemas of what a director does around the reconciliation itself: activate the new account, ask for
 * help (substitute teacher), recover forgotten old credentials, point the app at another ENT server, and,
 * once the merge is done, the generated credentials of new pupils (printed as letters).
 */
import { z } from 'zod';
import { acceptedResponseSchema, uaiSchema } from '../api';
import { passwordResetRequestSchema, passwordResetResponseSchema, supportRequestResponseSchema, supportRequestSchema } from '../api/activation';
import { serverStatusSchema } from './server-status';

const email = z.object({ email: z.string().trim().min(3).max(254) }).strict();

export const pupilCredentialSchema = z.object({
  pupilId: z.string(),
  nom: z.string(),
  prenom: z.string(),
  classLabel: z.string(),
  login: z.string(),
  password: z.string(),
});
export type PupilCredential = z.infer<typeof pupilCredentialSchema>;

/** The letters' content: kept encrypted on this computer until the director says they are printed. */
export const credentialLettersSchema = z.object({
  uai: z.string(),
  schoolName: z.string(),
  /** Where pupils sign in (the ENT's address). */
  signInUrl: z.string(),
  fetchedAt: z.string(),
  credentials: z.array(pupilCredentialSchema),
});
export type CredentialLetters = z.infer<typeof credentialLettersSchema>;

const school = z.object({ uai: uaiSchema }).strict();

export const accountRpcMethods = {
  /** `POST /v1/activation`: the same answer whether the account exists or not; 400 `invalid-email` otherwise. A never-activated account gets its credentials by mail, an account in use a one-time code. */
  'account.activate': { input: email, output: acceptedResponseSchema },
  /** `POST /v1/support-requests`: a substitute teacher absent from the ENT asks for access. */
  'account.supportRequest': { input: supportRequestSchema, output: supportRequestResponseSchema },
  /** `POST /v1/legacy/forgot`: "Je ne connais plus mes anciennes informations" (login and a one-time code by mail). */
  'legacy.forgot': { input: email, output: acceptedResponseSchema },
  /** `POST /v1/password-resets`: "J'ai reçu un code": the mailed one-time code and the new password chosen. */
  'account.useCode': { input: passwordResetRequestSchema, output: passwordResetResponseSchema },
  /** Settings: another ENT server address (http or https). Signs the current user out of this app (not of the ENT). */
  'app.setServer': { input: z.object({ url: z.string().trim().min(1).max(500) }).strict(), output: serverStatusSchema },
  /** After the merge: the generated credentials (fetched from the ENT once, then kept encrypted until forgotten). */
  'school.credentials': { input: school, output: credentialLettersSchema },
  /** The letters are printed: the credentials are erased from this computer. */
  'school.forgetCredentials': { input: school, output: z.object({ forgotten: z.literal(true) }) },
  /** Electron only: the letters as a PDF (printToPDF), saved where the director chooses. */
  'letters.savePdf': { input: school, output: z.object({ path: z.string() }) },
} as const;
