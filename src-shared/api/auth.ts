/** Sign-in, token refresh, sign-out, and the signed-in account (`GET /v1/me`). */
import { z } from 'zod';
import { idSchema, roleSchema, uaiSchema, yearSchema } from './common';

export const loginRequestSchema = z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(200) }).strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(500) }).strict();
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const logoutRequestSchema = z.object({ refreshToken: z.string().min(10).max(500) }).strict();
export type LogoutRequest = z.infer<typeof logoutRequestSchema>;

export const roleGrantSchema = z.object({
  role: roleSchema,
  schoolUai: uaiSchema,
  classId: idSchema.nullable(),
});
export type RoleGrant = z.infer<typeof roleGrantSchema>;

export const meResponseSchema = z.object({
  id: idSchema,
  login: z.string(),
  nom: z.string(),
  prenom: z.string(),
  email: z.string().nullable(),
  year: yearSchema,
  roles: z.array(roleGrantSchema),
  /** `commune`: the school's town, when the ENT knows it (searching a referent's board by town). */
  schools: z.array(z.object({ uai: uaiSchema, name: z.string(), commune: z.string().nullable().optional() })),
  classes: z.array(z.object({ id: idSchema, label: z.string(), schoolUai: uaiSchema })),
  /** Teacher whose class is not chosen yet: show the first-login class choice. */
  mustChooseClass: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
