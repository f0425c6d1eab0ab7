/**
 * Events pushed from the main process to the renderer (progress and status). Same rule as methods:
 * one table, zod payloads, unknown names refused by every transport.
 */
import { z } from 'zod';
import { serverStatusSchema } from './server-status';

export const progressPayloadSchema = z.object({
  /** What is progressing, e.g. "pull:0131234X" or "merge:<id>". */
  task: z.string(),
  step: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Short French label for the UI. */
  label: z.string().optional(),
});
export type ProgressPayload = z.infer<typeof progressPayloadSchema>;

export const rpcEvents = {
  progress: progressPayloadSchema,
  /** A school's cached state changed (pull, decision, confirmation, sending, merge done): refetch its status. */
  'school.changed': z.object({ uai: z.string() }),
  'server.status': serverStatusSchema,
} as const;

export type RpcEvents = typeof rpcEvents;
export type RpcEventName = keyof RpcEvents;
export type RpcEventPayload<E extends RpcEventName> = z.output<RpcEvents[E]>;

export const RPC_EVENT_NAMES = Object.keys(rpcEvents) as RpcEventName[];

export function isRpcEventName(name: unknown): name is RpcEventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(rpcEvents, name);
}
