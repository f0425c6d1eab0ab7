/**
 * The RPC router: the contract's method table → the core's operation table. Every input is parsed with the contract's schema,
 * every output checked before it leaves, every error turned into `{ ok:false, error:{code,message} }`
 * with a French message. Transports (Electron IPC, the browser host) only ever call `router.call`.
 */
import { AppError, problemsFromZod, toErrorShape } from '../../src-shared/errors';
import { isRpcMethodName, rpcMethods, type RpcResult } from '../../src-shared/rpc';
import type { OperationTable } from '../core';

export interface Router {
  call(method: unknown, input: unknown): Promise<RpcResult<unknown>>;
}

export interface RouterOptions {
  /** Told about unexpected (non-AppError) failures, for a local diagnostic log. Never shown to the user. */
  onUnexpectedError?: (method: string, err: unknown) => void;
}

/** Dispatches to the core's operation table (every method of the contract has one: see core/operations). */
export function createRouter(operations: OperationTable, options: RouterOptions = {}): Router {
  return {
    async call(method, input) {
      if (!isRpcMethodName(method)) {
        return { ok: false, error: new AppError('unknown-method').toShape() };
      }
      const spec = rpcMethods[method];
      const parsedInput = spec.input.safeParse(input ?? {});
      if (!parsedInput.success) {
        return {
          ok: false,
          error: new AppError('validation', 'Les paramètres de cette opération ne sont pas valides.', problemsFromZod(parsedInput.error)).toShape(),
        };
      }
      try {
        // The method name was checked above: its operation takes the input its own schema just parsed.
        const handler = operations[method] as (input: unknown) => Promise<unknown> | unknown;
        const value = await handler(parsedInput.data);
        const parsedOutput = spec.output.safeParse(value);
        if (!parsedOutput.success) {
          options.onUnexpectedError?.(method, new Error(`output of ${method} does not match its schema`));
          return { ok: false, error: toErrorShape(null) };
        }
        return { ok: true, value: parsedOutput.data };
      } catch (err) {
        if (!(err instanceof AppError)) options.onUnexpectedError?.(method, err);
        return { ok: false, error: toErrorShape(err) };
      }
    },
  };
}
