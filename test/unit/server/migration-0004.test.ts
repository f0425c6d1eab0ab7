/** 0004_class_spaces: merges accepted before it claim the class spaces they recover (and nothing else), and it can be undone. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/connect';
import { down as down0004 } from '../../../src-server/db/migrations/0004_class_spaces';
import { down as down0005 } from '../../../src-server/db/migrations/0005_school_commune';
import { down as down0006 } from '../../../src-server/db/migrations/0006_accounts_merged_into';
import { down as down0007 } from '../../../src-server/db/migrations/0007_spaces_class';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 0004_class_spaces (SQLite)', () => {
  it('claims, for a merge accepted before it, each class space the batch recovers, first merge first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-mig4-'));
    dirs.push(dir);
    const first = await openDatabase({ dataDir: dir });
    // Back to the schema of 0003 (the later migrations undone first), with two merges accepted then.
    await down0007(first.db);
    await down0006(first.db);
    await down0005(first.db);
    await down0004(first.db);
    await sql`delete from kysely_migration where name > '0003_letters'`.execute(first.db);
    const merge = (id: string, uai: string, at: string, classes: unknown[]) => ({
      id, school_uai: uai, idempotency_key: `key-${id}`, request_hash: 'h', batch: JSON.stringify({ classes }), accepted_at: at, accepted_by_role: 'director', accepted_by_account: 'n-1', status: 'done', finished_at: at,
    });
    await first.db.insertInto('merges').values([
      merge('m1', '0131234X', '2026-09-01T08:00:00.000Z', [
        { action: 'recover', oldClassId: 'o-c1', newClassId: 'n-c1', apps: ['blog', 'media'] },
        { action: 'skip', oldClassId: 'o-c2' },
      ]),
      merge('m2', '0134567K', '2026-09-02T08:00:00.000Z', [{ action: 'recover', oldClassId: 'o-c1', newClassId: 'n-c9', apps: [] }, { action: 'recover', oldClassId: 'o-c3', newClassId: 'n-c3', apps: ['homework'] }]),
    ]).execute();
    await first.db.insertInto('merges').values({ ...merge('m3', '0137890B', '2026-09-03T08:00:00.000Z', []), batch: 'pas du JSON' }).execute();
    await first.close();

    const again = await openDatabase({ dataDir: dir });
    const claims = await again.db.selectFrom('class_space_claims').selectAll().orderBy('old_class_id').execute();
    expect(claims.map((c) => [c.old_class_id, c.new_class_id, c.kind, c.merge_id, c.apps])).toEqual([
      ['o-c1', 'n-c1', 'school', 'm1', 'blog,media'],
      ['o-c3', 'n-c3', 'school', 'm2', 'homework'],
    ]);
    const cols = await sql<{ name: string }>`select name from pragma_table_info('personal_claims')`.execute(again.db);
    expect(cols.rows.map((r) => r.name)).toContain('apps');
    await down0004(again.db);
    const left = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name in ('class_space_claims', 'teacher_space_answers')`.execute(again.db);
    expect(left.rows).toEqual([]);
    await again.close();
  });
});
