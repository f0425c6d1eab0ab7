/**
 * The outbox table: a confirmed batch is frozen here, with its Idempotency-Key, before the first byte is sent.
 * States: frozen (confirmed, no answer yet; possibly sent) → accepted (merge id known) → done | failed;
 * or rejected (409/422: the server applied nothing) or superseded (412 or a new decision before any attempt).
 */
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { mergeBatchSchema, type MergeBatch } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import { nowIso } from '../cache/database';

import { OUTBOX_STATES, type OutboxState } from '../../../src-shared/domain/school-lifecycle';
import { keyedError } from '../../../src-shared/messages';
export { OUTBOX_STATES, type OutboxState };

export interface OutboxEntry {
  id: number;
  uai: string;
  idempotencyKey: string;
  batch: MergeBatch;
  rosterVersion: string;
  journalSeq: number;
  state: OutboxState;
  attempts: number;
  mergeId: string | null;
  lastError: string | null;
  /** French explanation kept for the director (e.g. who reconciled the school and when, after a 409). */
  detail: string | null;
  createdAt: string;
  updatedAt: string;
}

interface OutboxRow {
  id: number;
  uai: string;
  idempotency_key: string;
  batch: string;
  roster_version: string;
  journal_seq: number;
  state: string;
  attempts: number;
  merge_id: string | null;
  last_error: string | null;
  detail: string | null;
  created_at: string;
  updated_at: string;
}

const ACTIVE = "state IN ('frozen', 'accepted')";

export class OutboxStore {
  constructor(private readonly db: Database) {}

  /**
   * Freezes a batch with a fresh key. A previous frozen row never attempted is superseded; one that may have
   * reached the server is kept (it will be retried with its own key) and the new confirmation is refused.
   */
  freeze(uai: string, batch: MergeBatch, journalSeq: number): OutboxEntry {
    const frozen = mergeBatchSchema.parse(batch);
    const id = this.db.transaction((): number | bigint => {
      const active = this.active(uai);
      if (active && (active.attempts > 0 || active.state === 'accepted')) {
        throw keyedError('conflict', 'school.sending-running', "Un lot de cette école est déjà en cours d'envoi. Terminez l'envoi (commande push) avant de confirmer de nouveau.");
      }
      if (active) this.setState(active.id, 'superseded', null);
      const at = nowIso();
      return this.db
        .prepare(
          `INSERT INTO outbox (uai, idempotency_key, batch, roster_version, journal_seq, state, attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'frozen', 0, ?, ?)`,
        )
        .run(uai, randomUUID(), JSON.stringify(frozen), `${frozen.baseVersions.new}|${frozen.baseVersions.old}`, journalSeq, at, at).lastInsertRowid;
    }).immediate();
    const entry = this.byId(Number(id));
    if (!entry) throw new AppError('internal');
    return entry;
  }

  /** The row being sent or followed for this school, if any. */
  active(uai: string): OutboxEntry | null {
    const row = this.db.prepare<[string], OutboxRow>(`SELECT * FROM outbox WHERE uai = ? AND ${ACTIVE} ORDER BY id DESC LIMIT 1`).get(uai);
    return row ? toEntry(row) : null;
  }

  latest(uai: string): OutboxEntry | null {
    const row = this.db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE uai = ? ORDER BY id DESC LIMIT 1').get(uai);
    return row ? toEntry(row) : null;
  }

  /** Every batch of the school, oldest first, each with its batch or null once the merge wiped it (support's diagnostic). */
  history(uai: string): Array<Omit<OutboxEntry, 'batch'> & { batch: MergeBatch | null }> {
    return this.db
      .prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE uai = ? ORDER BY id')
      .all(uai)
      .map((row) => {
        const batch = batchOf(row);
        return { ...toEntry(row, batch), batch };
      });
  }

  byId(id: number): OutboxEntry | null {
    const row = this.db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?').get(id);
    return row ? toEntry(row) : null;
  }

  /** Counted before the request leaves: after a crash, attempts > 0 means "maybe sent, retry with the same key". */
  recordAttempt(id: number): void {
    this.db.prepare('UPDATE outbox SET attempts = attempts + 1, updated_at = ? WHERE id = ?').run(nowIso(), id);
  }

  recordError(id: number, message: string): void {
    this.db.prepare('UPDATE outbox SET last_error = ?, updated_at = ? WHERE id = ?').run(message, nowIso(), id);
  }

  markAccepted(id: number, mergeId: string): void {
    this.db.prepare("UPDATE outbox SET state = 'accepted', merge_id = ?, last_error = NULL, updated_at = ? WHERE id = ?").run(mergeId, nowIso(), id);
  }

  setState(id: number, state: OutboxState, lastError: string | null, detail: string | null = null): void {
    this.db.prepare('UPDATE outbox SET state = ?, last_error = ?, detail = ?, updated_at = ? WHERE id = ?').run(state, lastError, detail, nowIso(), id);
  }

  /** After the merge: the frozen batch (ids of pupils) is replaced by an empty object; the row stays as a receipt. */
  wipeBatches(uai: string): void {
    this.db.prepare("UPDATE outbox SET batch = '{}', updated_at = ? WHERE uai = ?").run(nowIso(), uai);
  }
}

/** The row's batch, or null once the merge wiped it. */
function batchOf(row: OutboxRow): MergeBatch | null {
  const batch = mergeBatchSchema.safeParse(JSON.parse(row.batch));
  return batch.success ? batch.data : null;
}

function toEntry(row: OutboxRow, batch = batchOf(row)): OutboxEntry {
  return {
    id: row.id,
    uai: row.uai,
    idempotencyKey: row.idempotency_key,
    // A wiped receipt has no batch any more; callers only read it for active rows.
    batch: batch ?? { baseVersions: { new: '-', old: '-' }, schoolSpace: null, classes: [], pupils: [], personalApps: [] },
    rosterVersion: row.roster_version,
    journalSeq: row.journal_seq,
    state: z.enum(OUTBOX_STATES).parse(row.state),
    attempts: row.attempts,
    mergeId: row.merge_id,
    lastError: row.last_error,
    detail: row.detail,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
