/**
 * Operations of the diagnostic (src-shared/rpc/diagnostic.ts): export for support, and support's read-only replay.
 * Also `recordingErrors`: every error a school operation answers the user with is kept in that school's activity
 * (code, key, parameters), so the diagnostic lists the errors the user met, in order.
 */
import { AppError } from '../../../src-shared/errors';
import type { RpcMethodName } from '../../../src-shared/rpc';
import { activityError } from '../diagnostic/activity';
import type { Diagnostics } from '../diagnostic/service';
import type { CoreSession } from '../session';
import type { OperationTable } from './types';

type Names = 'diagnostic.prepare' | 'diagnostic.save' | 'diagnostic.open' | 'diagnostic.unlock' | 'diagnostic.current' | 'diagnostic.step' | 'diagnostic.close';

export function diagnosticOperations(diagnostics: Diagnostics): OperationTable<Names> {
  return {
    'diagnostic.prepare': ({ real }) => diagnostics.prepare(real),
    'diagnostic.save': ({ draftId, consent }) => diagnostics.save(draftId, consent),
    'diagnostic.open': ({ upload, part, parts, data }) => diagnostics.open(upload, part, parts, data),
    'diagnostic.unlock': ({ password }) => diagnostics.unlock(password),
    'diagnostic.current': () => diagnostics.current(),
    'diagnostic.step': ({ uai, index }) => diagnostics.step(uai, index),
    'diagnostic.close': () => {
      diagnostics.close();
      return { closed: true as const };
    },
  };
}

/** Downloads record their own failures (`pull-failed`), for one school or many. */
const SELF_RECORDED = new Set<string>(['school.pull', 'schools.pullMany']);

function schoolsOf(input: unknown): string[] {
  if (!input || typeof input !== 'object') return [];
  const { uai, uais } = input as { uai?: unknown; uais?: unknown };
  if (typeof uai === 'string') return [uai];
  if (Array.isArray(uais)) return uais.filter((u): u is string => typeof u === 'string').slice(0, 50);
  return [];
}

/** The same table; a school operation that fails leaves an `error` in the school's activity before it answers. */
export function recordingErrors(operations: OperationTable, session: CoreSession): OperationTable {
  const wrapped: Record<string, unknown> = { ...operations };
  for (const name of Object.keys(operations) as RpcMethodName[]) {
    if (SELF_RECORDED.has(name) || name.startsWith('diagnostic.')) continue;
    const operation = operations[name] as (input: unknown) => unknown;
    wrapped[name] = async (input: unknown) => {
      try {
        return await operation(input);
      } catch (err) {
        const ctx = err instanceof AppError ? session.currentOrNull() : null;
        if (ctx) for (const uai of schoolsOf(input)) ctx.activity.record(uai, 'error', { method: name, error: activityError(err) });
        throw err;
      }
    };
  }
  return wrapped as OperationTable;
}
