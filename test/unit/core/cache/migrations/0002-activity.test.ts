import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { migration0001 } from '../../../../../src-main/core/cache/migrations/0001-initial';
import { migration0002 } from '../../../../../src-main/core/cache/migrations/0002-activity';
import { migrate, MIGRATIONS } from '../../../../../src-main/core/cache/migrations';

describe('migration 0002-activity', () => {
  it('adds the activity table to a version-1 cache, keeping what it held, and reads back in order per school', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [migration0001])).toBe(1);
    db.prepare("INSERT INTO journal (uai, at, kind, payload) VALUES ('0134567K', 't', 'accept', '{}')").run();
    expect(migrate(db, MIGRATIONS)).toBe(2);
    expect(MIGRATIONS.indexOf(migration0002)).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM journal').get()).toEqual({ n: 1 });
    const insert = db.prepare('INSERT INTO activity (uai, at, kind, data) VALUES (?, ?, ?, ?)');
    insert.run('0134567K', '2026-09-01T08:00:00Z', 'pull', '{}');
    insert.run(null, '2026-09-01T08:00:01Z', 'error', '{"error":{"code":"offline"}}');
    insert.run('0134567K', '2026-09-01T08:00:02Z', 'confirm', '{}');
    const rows = db.prepare<[string], { kind: string; journal_seq: number }>('SELECT kind, journal_seq FROM activity WHERE uai = ? ORDER BY id').all('0134567K');
    expect(rows).toEqual([
      { kind: 'pull', journal_seq: 0 },
      { kind: 'confirm', journal_seq: 0 },
    ]);
    expect(() => db.prepare("INSERT INTO activity (uai, at, kind) VALUES ('x', 't', 'pull')").run()).toThrow(/NOT NULL/);
    // Idempotent.
    expect(migrate(db, MIGRATIONS)).toBe(2);
    db.close();
  });
});
