/** Small shared pieces of the ENT HTTP contract: ids, dates, roles, apps. Plain strings, ISO dates. */
import { z } from 'zod';
import { LEVELS } from '../domain/roster';

export const idSchema = z.string().min(1).max(200);
/** UAI code of a school: 7 digits and a letter (`0131234X`). */
export const uaiSchema = z.string().regex(/^\d{7}[A-Z]$/);
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const isoDateTimeSchema = z.string().min(10).max(40);
export const levelSchema = z.enum(LEVELS);
export const sexSchema = z.enum(['F', 'M']);
export const yearSchema = z.enum(['new', 'old']);

export const ROLES = ['director', 'referent', 'teacher', 'pupil', 'parent'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Apps of a school or class space. */
export const SPACE_APPS = ['blog', 'media', 'calendar', 'homework', 'liaison'] as const;
export const spaceAppSchema = z.enum(SPACE_APPS);
export type SpaceApp = z.infer<typeof spaceAppSchema>;

/** Apps of a user's personal data. */
export const PERSONAL_APPS = ['messages', 'media', 'profile'] as const;
export const personalAppSchema = z.enum(PERSONAL_APPS);
export type PersonalApp = z.infer<typeof personalAppSchema>;

/** How many items each app holds in a space. */
export const appCountsSchema = z.record(z.string(), z.number().int().nonnegative());
export type AppCounts = z.infer<typeof appCountsSchema>;

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  name: z.string(),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Generic "accepted" answer (activation, forgot credentials, support request): identical whatever the account. */
export const acceptedResponseSchema = z.object({
  status: z.literal('accepted'),
  message: z.string(),
});
export type AcceptedResponse = z.infer<typeof acceptedResponseSchema>;
