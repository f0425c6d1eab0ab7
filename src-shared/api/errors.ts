/**
 * The API's error envelope: every non-2xx JSON answer of the ENT API is `{ error: { code, message, problems?, details? } }`.
 * `details` carries the machine-readable facts of a 409 (who reconciled, when) or a 412 (what changed).
 */
import { z } from 'zod';
import { appErrorShape } from '../errors';

export const rosterChangeSchema = z.object({
  year: z.enum(['new', 'old']),
  version: z.string(),
  description: z.string(),
});
export type RosterChange = z.infer<typeof rosterChangeSchema>;

export const errorDetailsSchema = z.object({
  /** 409: when the first batch for this school was accepted (ISO date-time). */
  acceptedAt: z.string().optional(),
  /** 409: role of the account that sent the accepted batch. */
  acceptedByRole: z.enum(['director', 'referent']).optional(),
  /** 409: name of the person who sent the accepted batch. */
  acceptedByName: z.string().optional(),
  mergeId: z.string().optional(),
  /** 412: current versions and the changes since the base versions sent. */
  currentVersions: z.object({ new: z.string(), old: z.string() }).optional(),
  changes: z.array(rosterChangeSchema).optional(),
  /** 429: seconds before a new attempt is allowed. */
  retryAfterSeconds: z.number().int().optional(),
});
export type ErrorDetails = z.infer<typeof errorDetailsSchema>;

export const apiErrorBodySchema = z.object({
  error: appErrorShape.extend({ details: errorDetailsSchema.optional() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
