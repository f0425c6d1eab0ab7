/** The one migration set creates every table, can be undone, and a database from a newer version is refused. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../../src-server/db/connect';
import { down } from '../../../src-server/db/migrations/0001_initial';
import { down as down0002 } from '../../../src-server/db/migrations/0002_trust';
import { down as down0003 } from '../../../src-server/db/migrations/0003_letters';
import { down as down0004 } from '../../../src-server/db/migrations/0004_class_spaces';
import { down as down0005 } from '../../../src-server/db/migrations/0005_school_commune';
import { down as down0006 } from '../../../src-server/db/migrations/0006_accounts_merged_into';
import { down as down0007 } from '../../../src-server/db/migrations/0007_spaces_class';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'passerelle-mig-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migrations (SQLite)', () => {
  it('0001_initial, 0002_trust and 0003_letters create every table, are idempotent on reopen, and can be undone', async () => {
    const dir = freshDir();
    const first = await openDatabase({ dataDir: dir });
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(first.db);
    const names = tables.rows.map((r) => r.name);
    for (const t of ['accounts', 'classes', 'items', 'licences', 'mail_outbox', 'merge_ops', 'merge_steps', 'merges', 'pupil_credentials', 'roles', 'schools', 'spaces', 'sessions', 'refresh_tokens', 'one_time_codes', 'rate_limits', 'personal_claims', 'onde_pupils', 'credential_fetches']) expect(names).toContain(t);
    const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(first.db);
    expect(indexes.rows.map((r) => r.name)).toContain('accounts_merged_into');
    expect(indexes.rows.map((r) => r.name)).toContain('spaces_class');
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await down0007(again.db);
    await down0006(again.db);
    await down0005(again.db);
    await down0004(again.db);
    await down0003(again.db);
    await down0002(again.db);
    const cols = await sql<{ name: string }>`select name from pragma_table_info('accounts')`.execute(again.db);
    expect(cols.rows.map((r) => r.name)).not.toContain('security_version');
    await down(again.db);
    const left = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%'`.execute(again.db);
    expect(left.rows).toEqual([]);
    await again.close();
  });

  it('refuses a database migrated by a newer version of the server', async () => {
    const dir = freshDir();
    const db = await openDatabase({ dataDir: dir });
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(db.db);
    await db.close();
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/Migration/);
  });
});
