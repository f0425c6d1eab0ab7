/**
 * A process holding the core is killed with SIGKILL while it sends 500 decisions as fast as it can.
 * After restart, every acknowledged decision is in the journal, the cache opens and passes integrity_check.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityOk, openCache } from '../../../src-main/core/cache/database';
import { KeyFileProvider } from '../../../src-main/core/cache/keys';
import { JournalStore } from '../../../src-main/core/journal/store';
import { makeCore, startTestServer, type TestServer } from './helpers';

const fixture = join(import.meta.dirname, 'fixtures', 'decide-fast.ts');
const UAI = '0131234X';
let ent: TestServer;
beforeAll(async () => {
  ent = await startTestServer();
});
afterAll(async () => {
  await ent.close();
});

function runAndKill(args: string[], killAfterAcks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const match = /^ack (\d+)$/.exec(line);
        if (!match) continue;
        acked.push(Number(match[1]));
        if (acked.length === killAfterAcks) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (${String(code)}): ${stderr}`));
      else resolve(acked);
    });
  });
}

describe('kill -9 during 500 decisions', () => {
  it('keeps every acknowledged decision and a sound cache', async () => {
    const { core, dataRoot, cleanup } = makeCore(ent.server.url);
    try {
      const director = ent.director(UAI);
      const account = await core.call('session.signIn', { login: director.login, password: director.password });
      await core.call('school.pull', { uai: UAI, legacy: director.legacy });
      await core.close();

      const acked = await runAndKill([dataRoot, ent.server.url, UAI, '500'], 200);
      expect(acked.length).toBeGreaterThanOrEqual(200);
      expect(acked.length).toBeLessThan(500);

      const cache = await openCache({ path: join(account.dataDir, 'cache.sqlite'), keyProvider: new KeyFileProvider(account.dataDir) });
      try {
        expect(integrityOk(cache.db)).toBe(true);
        const seqs = new Set(new JournalStore(cache.db).list(UAI).map((e) => e.seq));
        expect(acked.filter((seq) => !seqs.has(seq))).toEqual([]);
      } finally {
        cache.close();
      }
      // The core reopens on the same folder and derives its state from the journal.
      const again = makeCore(ent.server.url, {}, dataRoot);
      await again.core.call('session.restore', {});
      const status = await again.core.call('school.status', { uai: UAI });
      expect(status.lastSeq).toBeGreaterThanOrEqual(Math.max(...acked));
      expect(status.canUndo).toBe(true);
      await again.core.close();
    } finally {
      await cleanup();
    }
  });
});
