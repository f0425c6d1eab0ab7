import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { migration0001 } from '../../../../../src-main/core/cache/migrations/0001-initial';
import { migrate } from '../../../../../src-main/core/cache/migrations';

describe('migration 0001-initial', () => {
  it('creates the tables and sets user_version to 1', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [migration0001])).toBe(1);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((r) => r.name);
    expect(tables).toEqual(['journal', 'matchings', 'outbox', 'schools', 'secrets', 'snapshot_rows', 'snapshots']);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    // Idempotent: a second run does nothing.
    expect(migrate(db, [migration0001])).toBe(1);
    db.close();
  });

  it('cascades snapshot rows and keeps idempotency keys unique', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001]);
    const snap = db.prepare("INSERT INTO snapshots (uai, year, version, fetched_at, meta) VALUES ('0', 'new', 'v', 't', '{}')").run();
    db.prepare("INSERT INTO snapshot_rows VALUES (?, 'pupil', 'p1', '{}')").run(snap.lastInsertRowid);
    db.prepare('DELETE FROM snapshots').run();
    expect(db.prepare('SELECT count(*) AS n FROM snapshot_rows').get()).toEqual({ n: 0 });
    const insert = db.prepare(
      "INSERT INTO outbox (uai, idempotency_key, batch, roster_version, journal_seq, state, created_at, updated_at) VALUES ('0', 'k', '{}', 'v', 0, 'frozen', 't', 't')",
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.close();
  });
});
