/**
 * Versioned snapshots of a school's two rosters and the matching result computed on them. A pull writes both
 * snapshots, the matching and the school row in ONE transaction: a cut connection or a crash leaves the previous
 * pull intact, never half of a new one. Rows are stored one per record so the post-merge wipe is a DELETE.
 */
import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import {
  legacyRosterResponseSchema,
  rosterResponseSchema,
  type LegacyRosterResponse,
  type RosterResponse,
} from '../../../src-shared/api';
import { matchResultSchema, type MatchResult } from '../../../src-shared/domain/matching';
import { AppError } from '../../../src-shared/errors';
import { nowIso } from './database';
import { keyedError } from '../../../src-shared/messages';

export interface SchoolPull {
  uai: string;
  name: string;
  newRoster: RosterResponse;
  oldRoster: LegacyRosterResponse;
  matching: MatchResult;
}

export interface StoredSchool {
  uai: string;
  name: string;
  phase: SchoolPhase;
  newSnapshotId: number | null;
  oldSnapshotId: number | null;
  matchingId: number | null;
  /** What remains after the wipe (counts and dates only). */
  summary: unknown;
  updatedAt: string;
}

export type SchoolPhase = 'pulled' | 'merged';

export interface LoadedSchool {
  school: StoredSchool;
  newRoster: RosterResponse;
  oldRoster: LegacyRosterResponse;
  matching: MatchResult;
  pulledAt: string;
}

interface SchoolRow {
  uai: string;
  name: string;
  phase: string;
  new_snapshot_id: number | null;
  old_snapshot_id: number | null;
  matching_id: number | null;
  summary: string | null;
  updated_at: string;
}

type RowKind = 'class' | 'teacher' | 'pupil' | 'parent';
const newMetaSchema = rosterResponseSchema.pick({ uai: true, name: true, year: true, version: true });
const oldMetaSchema = legacyRosterResponseSchema.pick({ uai: true, name: true, year: true, version: true, schoolSpace: true });

export class SnapshotStore {
  private readonly insertSnapshot: Statement<[string, string, string, string, string]>;
  private readonly insertRow: Statement<[number | bigint, string, string, string]>;

  constructor(private readonly db: Database) {
    this.insertSnapshot = db.prepare('INSERT INTO snapshots (uai, year, version, fetched_at, meta) VALUES (?, ?, ?, ?, ?)');
    this.insertRow = db.prepare('INSERT INTO snapshot_rows (snapshot_id, kind, record_id, data) VALUES (?, ?, ?, ?)');
  }

  /** Stores one pull atomically; older snapshots of the school are dropped in the same transaction. */
  savePull(pull: SchoolPull): StoredSchool {
    const at = nowIso();
    const write = this.db.transaction((): void => {
      const { uai } = pull;
      const { classes: nc, teachers: nt, pupils: np, parents, ...newMeta } = pull.newRoster;
      const newId = this.insertSnapshot.run(uai, 'new', newMeta.version, at, JSON.stringify(newMeta)).lastInsertRowid;
      this.insertRows(newId, 'class', nc);
      this.insertRows(newId, 'teacher', nt);
      this.insertRows(newId, 'pupil', np);
      this.insertRows(newId, 'parent', parents);
      const { classes: oc, teachers: ot, pupils: op, ...oldMeta } = pull.oldRoster;
      const oldId = this.insertSnapshot.run(uai, 'old', oldMeta.version, at, JSON.stringify(oldMeta)).lastInsertRowid;
      this.insertRows(oldId, 'class', oc);
      this.insertRows(oldId, 'teacher', ot);
      this.insertRows(oldId, 'pupil', op);
      const matchingId = this.db
        .prepare('INSERT INTO matchings (uai, new_snapshot_id, old_snapshot_id, result, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(uai, newId, oldId, JSON.stringify(pull.matching), at).lastInsertRowid;
      this.db
        .prepare(
          `INSERT INTO schools (uai, name, new_snapshot_id, old_snapshot_id, matching_id, phase, summary, updated_at)
           VALUES (?, ?, ?, ?, ?, 'pulled', NULL, ?)
           ON CONFLICT (uai) DO UPDATE SET name = excluded.name, new_snapshot_id = excluded.new_snapshot_id,
             old_snapshot_id = excluded.old_snapshot_id, matching_id = excluded.matching_id, phase = 'pulled',
             summary = NULL, updated_at = excluded.updated_at`,
        )
        .run(uai, pull.name, newId, oldId, matchingId, at);
      this.db.prepare('DELETE FROM snapshots WHERE uai = ? AND id NOT IN (?, ?)').run(uai, newId, oldId);
      this.db.prepare('DELETE FROM matchings WHERE uai = ? AND id <> ?').run(uai, matchingId);
    });
    write.immediate();
    const school = this.school(pull.uai);
    if (!school) throw new AppError('internal');
    return school;
  }

  private insertRows(snapshotId: number | bigint, kind: RowKind, records: ReadonlyArray<{ id: string }>): void {
    for (const record of records) this.insertRow.run(snapshotId, kind, record.id, JSON.stringify(record));
  }

  schools(): StoredSchool[] {
    return this.db.prepare<[], SchoolRow>('SELECT * FROM schools ORDER BY name').all().map(toSchool);
  }

  school(uai: string): StoredSchool | null {
    const row = this.db.prepare<[string], SchoolRow>('SELECT * FROM schools WHERE uai = ?').get(uai);
    return row ? toSchool(row) : null;
  }

  /** The school's current snapshots and matching, or null when it was never pulled (or was wiped). */
  load(uai: string): LoadedSchool | null {
    const school = this.school(uai);
    if (!school || school.newSnapshotId === null || school.oldSnapshotId === null || school.matchingId === null) return null;
    const newSnap = this.snapshotRow(school.newSnapshotId);
    const oldSnap = this.snapshotRow(school.oldSnapshotId);
    const matchingRow = this.db.prepare<[number], { result: string }>('SELECT result FROM matchings WHERE id = ?').get(school.matchingId);
    if (!newSnap || !oldSnap || !matchingRow) throw corrupted();
    const rows = (id: number, kind: RowKind): unknown[] =>
      this.db
        .prepare<[number, string], { data: string }>('SELECT data FROM snapshot_rows WHERE snapshot_id = ? AND kind = ?')
        .all(id, kind)
        .map((r) => JSON.parse(r.data) as unknown);
    const newRoster = rosterResponseSchema.safeParse({
      ...newMetaSchema.parse(JSON.parse(newSnap.meta)),
      classes: rows(school.newSnapshotId, 'class'),
      teachers: rows(school.newSnapshotId, 'teacher'),
      pupils: rows(school.newSnapshotId, 'pupil'),
      parents: rows(school.newSnapshotId, 'parent'),
    });
    const oldRoster = legacyRosterResponseSchema.safeParse({
      ...oldMetaSchema.parse(JSON.parse(oldSnap.meta)),
      classes: rows(school.oldSnapshotId, 'class'),
      teachers: rows(school.oldSnapshotId, 'teacher'),
      pupils: rows(school.oldSnapshotId, 'pupil'),
    });
    const matching = matchResultSchema.safeParse(JSON.parse(matchingRow.result));
    if (!newRoster.success || !oldRoster.success || !matching.success) throw corrupted();
    return { school, newRoster: newRoster.data, oldRoster: oldRoster.data, matching: matching.data, pulledAt: newSnap.fetched_at };
  }

  /** After the merge: every roster row and matching of the school is deleted; only the summary stays. */
  wipe(uai: string, summary: unknown): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM snapshots WHERE uai = ?').run(uai);
      this.db.prepare('DELETE FROM matchings WHERE uai = ?').run(uai);
      this.db.prepare('DELETE FROM journal WHERE uai = ?').run(uai);
      this.db
        .prepare("UPDATE schools SET phase = 'merged', new_snapshot_id = NULL, old_snapshot_id = NULL, matching_id = NULL, summary = ?, updated_at = ? WHERE uai = ?")
        .run(JSON.stringify(summary), nowIso(), uai);
    }).immediate();
  }

  private snapshotRow(id: number): { meta: string; fetched_at: string } | undefined {
    return this.db.prepare<[number], { meta: string; fetched_at: string }>('SELECT meta, fetched_at FROM snapshots WHERE id = ?').get(id);
  }
}

function toSchool(row: SchoolRow): StoredSchool {
  return {
    uai: row.uai,
    name: row.name,
    phase: z.enum(['pulled', 'merged']).catch('pulled').parse(row.phase),
    newSnapshotId: row.new_snapshot_id,
    oldSnapshotId: row.old_snapshot_id,
    matchingId: row.matching_id,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as unknown),
    updatedAt: row.updated_at,
  };
}

function corrupted(): AppError {
  return keyedError('internal', 'cache.rosters-unreadable', "Les listes enregistrées de cette école sont illisibles. Téléchargez-les de nouveau.");
}
