/**
 * An operation is the implementation of one RPC method of the contract (src-shared/rpc): its input and output
 * types are the contract's zod types, never restated. Each area registers a table of them; the router dispatches
 * every host's calls (Electron, browser host, CLI) through the merged table, validating in and out.
 */
import type { z } from 'zod';
import type { RpcMethodName, RpcMethods, RpcOutput } from '../../../src-shared/rpc';

export type OperationInput<M extends RpcMethodName> = z.output<RpcMethods[M]['input']>;
export type Operation<M extends RpcMethodName> = (input: OperationInput<M>) => Promise<RpcOutput<M>> | RpcOutput<M>;
/** A table of operations keyed by the contract's method names (a subset for one area, all of them once merged). */
export type OperationTable<M extends RpcMethodName = RpcMethodName> = { [K in M]: Operation<K> };
