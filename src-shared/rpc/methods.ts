/**
 * The app's RPC contract: one table, method name → { input, output } zod schemas.
 * The renderer calls these names; the router in src-main/rpc validates both directions;
 * the Electron preload and the browser host refuse any name not in this table.
 */
import { z } from 'zod';
import { appErrorShape } from '../errors';
import { accountRpcMethods } from './account';
import { coreRpcMethods } from './core';
import { diagnosticRpcMethods } from './diagnostic';
import { referentRpcMethods } from './referent';
import { rolesRpcMethods } from './roles';
import { serverStatusSchema } from './server-status';

export { serverStatusSchema, type ServerStatus } from './server-status';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  /** Where this host writes its logs (`<data folder>/logs`), null when it keeps none. */
  logsDir: z.string().nullable(),
  server: serverStatusSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const noInput = z.object({}).strict();

export const rpcMethods = {
  /** What this app is, where it keeps its data, which ENT server it talks to and whether that server answers. */
  'app.info': { input: noInput, output: appInfoSchema },
  /** Checks the ENT server again (emits `server.status`). */
  'app.checkServer': { input: noInput, output: serverStatusSchema },
  ...coreRpcMethods,
  ...accountRpcMethods,
  ...referentRpcMethods,
  ...rolesRpcMethods,
  ...diagnosticRpcMethods,
} as const;

export type RpcMethods = typeof rpcMethods;
export type RpcMethodName = keyof RpcMethods;
export type RpcInput<M extends RpcMethodName> = z.input<RpcMethods[M]['input']>;
export type RpcOutput<M extends RpcMethodName> = z.output<RpcMethods[M]['output']>;

export const RPC_METHOD_NAMES = Object.keys(rpcMethods) as RpcMethodName[];

export function isRpcMethodName(name: unknown): name is RpcMethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(rpcMethods, name);
}

/** What every transport carries back: a value, or a French error. Never a stack trace. */
export const rpcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorShape }),
]);
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof appErrorShape> };
