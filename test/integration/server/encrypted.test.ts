/** The SQLite file can be encrypted with a key kept in the data folder. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEntServer } from '../../../src-server/index';
import { openDatabase } from '../../../src-server/db/connect';

describe('encrypted SQLite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-enc-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stores nothing readable and reopens with the data folder key', async () => {
    const server = await startEntServer({ port: 0, dataDir, encryptDatabase: true });
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
    await server.close();
    const head = readFileSync(join(dataDir, 'ent-encrypted.sqlite')).subarray(0, 16).toString('latin1');
    expect(head).not.toContain('SQLite format');
    const db = await openDatabase({ dataDir, encrypt: true });
    const schools = await db.db.selectFrom('schools').select('uai').execute();
    expect(schools).toHaveLength(3);
    await db.close();
  });
});
