/**
 * What happened to a school besides its decisions, for support: each download, confirmation, sending attempt and
 * the ENT's answer to it, the merge's end, and each error the user met — kept in the user's encrypted cache (table
 * `activity`, migration 0002) with codes, message keys, parameters, counts and ids, never a token, a grant, a
 * password or a formatted French message. Each entry is also one log line (the host's logger, redaction list on).
 */
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import type { CoreLogger } from '../log';

export const ACTIVITY_KINDS = ['pull', 'pull-failed', 'confirm', 'send', 'answer', 'merge', 'error'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** An error as support needs it: what the user's screen worded it from (code, key, parameters), and the HTTP status. */
export const activityErrorSchema = z.object({
  code: z.string(),
  key: z.string().optional(),
  params: paramsSchema.optional(),
  status: z.number().int().optional(),
  /** How many problems came with it (their texts may name pupils: not kept). */
  problems: z.number().int().optional(),
});
export type ActivityError = z.infer<typeof activityErrorSchema>;

export const activityDataSchema = z.object({
  /** The operation the user ran (`school.push`…), for `error`. */
  method: z.string().optional(),
  error: activityErrorSchema.optional(),
  ok: z.boolean().optional(),
  /** Sending: which attempt (1, 2…); whether the core tries again by itself after this answer. */
  attempt: z.number().int().optional(),
  retry: z.boolean().optional(),
  idempotencyKey: z.string().optional(),
  mergeId: z.string().optional(),
  /** Merge end: done or failed. */
  status: z.string().optional(),
  /** Download: the roster versions and sizes. */
  versions: z.object({ new: z.string(), old: z.string() }).optional(),
  counts: z.record(z.string(), z.number()).optional(),
  ms: z.number().optional(),
});
export type ActivityData = z.infer<typeof activityDataSchema>;

export interface ActivityEntry {
  id: number;
  uai: string | null;
  at: string;
  kind: ActivityKind;
  /** The school's last journal entry when it happened: where it sits among the decisions. */
  journalSeq: number;
  data: ActivityData;
}

interface ActivityRow {
  id: number;
  uai: string | null;
  at: string;
  kind: string;
  journal_seq: number;
  data: string;
}

/** Entries kept per school (the oldest go first). */
export const ACTIVITY_KEPT = 5000;

/** An error as the activity keeps it: an AppError's code, key, parameters, status and number of problems. */
export function activityError(err: unknown): ActivityError {
  if (!(err instanceof AppError)) return { code: 'internal' };
  const status = (err as AppError & { status?: unknown }).status;
  return {
    code: err.code,
    ...(err.key ? { key: err.key } : {}),
    ...(err.key && err.params ? { params: err.params } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(err.problems?.length ? { problems: err.problems.length } : {}),
  };
}

export class ActivityStore {
  private readonly insert: Statement<[string | null, string, string, number, string]>;
  private readonly lastSeq: Statement<[string], { seq: number | null }>;
  private readonly prune: Statement<[string, string, number]>;

  constructor(private readonly db: Database, private readonly log: CoreLogger, private readonly now: () => number) {
    this.insert = db.prepare('INSERT INTO activity (uai, at, kind, journal_seq, data) VALUES (?, ?, ?, ?, ?)');
    this.lastSeq = db.prepare<[string], { seq: number | null }>('SELECT max(seq) AS seq FROM journal WHERE uai = ?');
    this.prune = db.prepare('DELETE FROM activity WHERE uai = ? AND id <= (SELECT id FROM activity WHERE uai = ? ORDER BY id DESC LIMIT 1 OFFSET ?)');
  }

  /** Never throws: support's record must not break the operation it observes. */
  record(uai: string | null, kind: ActivityKind, data: ActivityData = {}): void {
    const failed = kind === 'pull-failed' || kind === 'error' || (kind === 'answer' && data.ok === false) || (kind === 'merge' && data.status === 'failed');
    if (failed) this.log.warn({ uai, ...data }, `activity.${kind}`);
    else this.log.info({ uai, ...data }, `activity.${kind}`);
    try {
      const journalSeq = uai ? (this.lastSeq.get(uai)?.seq ?? 0) : 0;
      this.insert.run(uai, new Date(this.now()).toISOString(), kind, journalSeq, JSON.stringify(activityDataSchema.parse(data)));
      if (uai) this.prune.run(uai, uai, ACTIVITY_KEPT);
    } catch (err) {
      this.log.error({ err }, 'activity.not-recorded');
    }
  }

  /** A school's entries (or every entry with `null`), oldest first. */
  list(uai?: string | null): ActivityEntry[] {
    const rows =
      uai === undefined
        ? this.db.prepare<[], ActivityRow>('SELECT * FROM activity ORDER BY id').all()
        : uai === null
          ? this.db.prepare<[], ActivityRow>('SELECT * FROM activity WHERE uai IS NULL ORDER BY id').all()
          : this.db.prepare<[string], ActivityRow>('SELECT * FROM activity WHERE uai = ? ORDER BY id').all(uai);
    return rows.flatMap((row) => {
      const kind = z.enum(ACTIVITY_KINDS).safeParse(row.kind);
      const data = activityDataSchema.safeParse(JSON.parse(row.data));
      return kind.success && data.success ? [{ id: row.id, uai: row.uai, at: row.at, kind: kind.data, journalSeq: row.journal_seq, data: data.data }] : [];
    });
  }
}
