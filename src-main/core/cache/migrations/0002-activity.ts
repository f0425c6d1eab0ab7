/**
 * 0002: what support needs to see of a session besides the decisions (the journal) and the batches (the outbox):
 * the downloads, each sending attempt and the ENT's answer to it, the merge's end, and every error the user met —
 * codes, message keys, parameters and ids only, never a token, a grant or a French message (src-main/core/diagnostic).
 */
import type { Migration } from './types';

export const migration0002: Migration = {
  version: 2,
  name: 'activity',
  up(db) {
    db.exec(`
      CREATE TABLE activity (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uai TEXT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        journal_seq INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL
      );
      CREATE INDEX activity_by_school ON activity (uai, id);
    `);
  },
};
