/** Turns whatever an action threw into the sentence shown to the director, in the screen's language (never a stack trace). */
import { RpcError } from '../api';
import { useLocale } from '../i18n';
import { wordError } from '../i18n/errors';

export interface ShownError {
  code: string;
  message: string;
  problems: Array<{ path: string; message: string }>;
}

export function shownError(err: unknown): ShownError {
  const locale = useLocale.getState().locale;
  if (err instanceof RpcError) return { code: err.code, message: wordError(locale, err), problems: err.problems ?? [] };
  return { code: 'internal', message: wordError(locale, { code: 'internal', message: '' }), problems: [] };
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
