/**
 * Sending a frozen batch and following its merge job. The attempt is counted in SQLite before each request;
 * transport failures and 5xx are retried with backoff under the SAME Idempotency-Key, so the server applies
 * the batch at most once whatever the network does.
 */
import { IDEMPOTENCY_KEY_HEADER, LEGACY_GRANT_HEADER, type MergeReceipt, type MergeResponse } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import type { EntClient } from '../ent/client';
import { conflictWording, EntError } from '../ent/errors';
import type { CoreEmitter } from '../events';
import type { OutboxEntry, OutboxStore } from './store';
import { activityError, type ActivityData, type ActivityKind } from '../diagnostic/activity';

export interface SendDependencies {
  client: EntClient;
  outbox: OutboxStore;
  events: CoreEmitter;
  retryDelaysMs: readonly number[];
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Each attempt and the ENT's answer to it, kept for support (the school's activity). */
  record?: (uai: string, kind: ActivityKind, data: ActivityData) => void;
}

export type SendResult = { kind: 'accepted'; receipt: MergeReceipt } | { kind: 'stale'; error: EntError };

const RETRYABLE = new Set(['offline', 'server', 'rate-limited']);

export async function sendFrozen(deps: SendDependencies, entry: OutboxEntry, grant: string | null): Promise<SendResult> {
  const task = `push:${entry.uai}`;
  for (let attempt = 0; ; attempt++) {
    deps.outbox.recordAttempt(entry.id);
    deps.record?.(entry.uai, 'send', { attempt: attempt + 1, idempotencyKey: entry.idempotencyKey });
    deps.events.emit('progress', { task, step: 'send', done: 0, total: 1, label: attempt === 0 ? 'Envoi du lot' : `Nouvel essai d'envoi (${attempt + 1})` });
    try {
      const receipt = await deps.client.call('postMerge', { params: { uai: entry.uai }, body: entry.batch, headers: { [IDEMPOTENCY_KEY_HEADER]: entry.idempotencyKey, ...(grant ? { [LEGACY_GRANT_HEADER]: grant } : {}) } });
      deps.outbox.markAccepted(entry.id, receipt.id);
      deps.record?.(entry.uai, 'answer', { ok: true, attempt: attempt + 1, idempotencyKey: entry.idempotencyKey, mergeId: receipt.id, status: 'accepted' });
      deps.events.emit('progress', { task, step: 'send', done: 1, total: 1, label: "Lot accepté par l'ENT" });
      return { kind: 'accepted', receipt };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const delay = deps.retryDelaysMs[attempt];
      deps.record?.(entry.uai, 'answer', { ok: false, attempt: attempt + 1, idempotencyKey: entry.idempotencyKey, error: activityError(err), retry: RETRYABLE.has(err.code) && delay !== undefined });
      if (RETRYABLE.has(err.code) && delay !== undefined) {
        deps.outbox.recordError(entry.id, err.code);
        await deps.sleep(delay);
        continue;
      }
      if (err.code === 'conflict') {
        const details = err instanceof EntError ? err.details : undefined;
        const wording = conflictWording(details);
        deps.outbox.setState(entry.id, 'rejected', 'conflict', wording.message);
        throw new EntError('conflict', wording.message, { status: 409, ...(details ? { details } : {}), key: wording.key, params: wording.params });
      }
      if (err.code === 'stale-roster' && err instanceof EntError) {
        deps.outbox.setState(entry.id, 'superseded', 'stale-roster');
        return { kind: 'stale', error: err };
      }
      if (err.code === 'validation' || err.code === 'bad-request') {
        deps.outbox.setState(entry.id, 'rejected', err.code);
        throw err;
      }
      // offline after every retry, unauthorized, forbidden…: the row stays frozen and will be retried with its key.
      deps.outbox.recordError(entry.id, err.code);
      throw err;
    }
  }
}

/**
 * Follows the merge job to "done" or "failed": the SSE stream first, polling `GET /v1/merges/{id}` when the
 * stream is unavailable or breaks (with backoff on network errors). One progress event per visible change.
 */
export async function followMerge(deps: SendDependencies, uai: string, mergeId: string): Promise<MergeResponse> {
  let lastKey = '';
  const report = (merge: MergeResponse): void => {
    const total = merge.steps.reduce((sum, s) => sum + s.total, 0);
    const done = merge.steps.reduce((sum, s) => sum + Math.min(s.done, s.total), 0);
    const running = merge.steps.find((s) => s.status === 'running') ?? merge.steps.find((s) => s.status === 'pending');
    const key = `${merge.status}:${done}:${running?.name ?? ''}`;
    if (key === lastKey) return;
    lastKey = key;
    const label = merge.status === 'done' ? 'Fusion terminée' : merge.status === 'failed' ? 'La fusion a échoué' : (running?.label ?? 'Fusion en cours');
    deps.events.emit('progress', { task: `merge:${uai}`, step: merge.status === 'done' || merge.status === 'failed' ? merge.status : (running?.name ?? merge.status), done, total, label });
  };
  try {
    return await deps.client.followMergeEvents(mergeId, report);
  } catch (err) {
    if (!(err instanceof AppError) || !RETRYABLE.has(err.code)) throw err;
  }
  let failures = 0;
  for (;;) {
    let merge: MergeResponse;
    try {
      merge = await deps.client.call('merge', { params: { id: mergeId } });
      failures = 0;
    } catch (err) {
      const delay = deps.retryDelaysMs[failures];
      if (err instanceof AppError && RETRYABLE.has(err.code) && delay !== undefined) {
        failures++;
        await deps.sleep(delay);
        continue;
      }
      throw err;
    }
    report(merge);
    if (merge.status === 'done' || merge.status === 'failed') return merge;
    await deps.sleep(deps.pollIntervalMs);
  }
}
