/** Whether the ENT server answers: shared by `app.info`, `app.checkServer`, `app.setServer` and the `server.status` event. */
import { z } from 'zod';

export const serverStatusSchema = z.object({
  url: z.string(),
  reachable: z.boolean(),
  name: z.string().optional(),
  version: z.string().optional(),
  latencyMs: z.number().nonnegative().optional(),
});
export type ServerStatus = z.infer<typeof serverStatusSchema>;
