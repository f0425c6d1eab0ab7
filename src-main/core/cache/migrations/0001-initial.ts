/**
 * 0001: snapshots of both rosters, matching results, the decision journal, the outbox and secrets.
 * Roster rows are stored one per record (pupil, class, teacher, app) so that wiping a school's personal
 * data after the merge is a plain DELETE and snapshot versions can be compared.
 */
import type { Migration } from './types';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE schools (
        uai TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        new_snapshot_id INTEGER,
        old_snapshot_id INTEGER,
        matching_id INTEGER,
        phase TEXT NOT NULL DEFAULT 'pulled',
        summary TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uai TEXT NOT NULL,
        year TEXT NOT NULL CHECK (year IN ('new', 'old')),
        version TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        meta TEXT NOT NULL
      );
      CREATE INDEX snapshots_by_school ON snapshots (uai, year, id);
      CREATE TABLE snapshot_rows (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, kind, record_id)
      ) WITHOUT ROWID;
      CREATE TABLE matchings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uai TEXT NOT NULL,
        new_snapshot_id INTEGER NOT NULL,
        old_snapshot_id INTEGER NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE journal (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        uai TEXT NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE INDEX journal_by_school ON journal (uai, seq);
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uai TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        batch TEXT NOT NULL,
        roster_version TEXT NOT NULL,
        journal_seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        merge_id TEXT,
        last_error TEXT,
        detail TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX outbox_by_school ON outbox (uai, id);
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
