/** Turns whatever an action threw into the French sentence shown to the director (never a stack trace). */
import { DEFAULT_MESSAGES } from '../../src-shared/errors';
import { RpcError } from '../api';

export interface ShownError {
  code: string;
  message: string;
  problems: Array<{ path: string; message: string }>;
}

export function shownError(err: unknown): ShownError {
  if (err instanceof RpcError) return { code: err.code, message: err.message, problems: err.problems ?? [] };
  return { code: 'internal', message: DEFAULT_MESSAGES.internal, problems: [] };
}

/**
 * Runs a store action with its busy marker set, clearing the previous error and notice; a failure becomes the
 * slice's French `error` and the action's result is then null.
 */
export async function runAction<T, B>(
  set: (partial: { busy?: B; error?: ShownError | null; notice?: string | null }) => void,
  busy: B,
  idle: B,
  action: () => Promise<T>,
): Promise<T | null> {
  set({ busy, error: null, notice: null });
  try {
    return await action();
  } catch (err) {
    set({ error: shownError(err) });
    return null;
  } finally {
    set({ busy: idle });
  }
}
