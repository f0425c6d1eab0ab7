/**
 * Rate limits that stop attackers, not owners (finding 3). Each "PC" is a client bound to its own loopback address
 * (127.0.0.2, 127.0.1.x…): the server sees as many clients. A stranger's failures lock the stranger's PC, never the
 * owner's; spraying from many addresses is throttled per account for unknown PCs only; a success resets its PC's
 * count; locks decay, survive a restart, and hold across instances (PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntServer, type RunningServer } from '../../../src-server/index';
import { DEFAULT_LIMITS, type LimitRules } from '../../../src-server/services/limits';
import { backends, Client, createPgDatabase, newSecret, SCHOOLS, startTestServer, type TestServer } from './harness';

/** The defaults, with a short lock-out per (account, PC) so that its end can be seen in a test. */
const LIMITS: Partial<LimitRules> = { loginPair: { ...DEFAULT_LIMITS.loginPair, lockS: 3 } };
const pc = (n: number, base = '127.0.1') => `${base}.${n}`;

for (const backend of backends) {
  describe.skipIf(backend.skip)(`rate limits (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend, { limits: LIMITS });
    });
    afterAll(async () => {
      await t?.stop();
    });
    const login = (address: string, who: { login: string; password: string }) => t.client(undefined, address).post('/v1/auth/login', { login: who.login, password: who.password });

    it("locks a stranger's PC after 10 failures, with Retry-After, while the owner signs in from theirs; the lock decays", async () => {
      const owner = t.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.rural);
      for (let i = 0; i < 10; i++) expect((await login('127.0.0.2', { login: owner.login, password: `faux-${i}` })).status).toBe(401);
      const locked = await login('127.0.0.2', owner);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await login('127.0.0.1', owner)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 3200));
      expect((await login('127.0.0.2', owner)).status).toBe(200);
    });

    it("resets a PC's count on success: a day of typos behind one school's address never locks anyone", async () => {
      const owner = t.find((a) => a.year === 'new' && a.role === 'teacher' && a.login === 'aurelie.jacquet');
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 9; i++) expect((await login('127.0.0.3', { login: owner.login, password: 'typo' })).status).toBe(401);
        expect((await login('127.0.0.3', owner)).status).toBe(200);
      }
    });

    it('throttles spraying one account from 30 addresses for unknown PCs, never for the PC the owner already used', async () => {
      const owner = t.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.primaire);
      expect((await login('127.0.0.4', owner)).status).toBe(200);
      const spray = await Promise.all(Array.from({ length: 30 }, (_, i) => (async () => {
        const statuses: number[] = [];
        for (let k = 0; k < 2; k++) statuses.push((await login(pc(i + 1), { login: owner.login, password: `devine-${i}-${k}` })).status);
        return statuses;
      })()));
      const flat = spray.flat();
      expect(flat.filter((s) => s === 401).length).toBeLessThanOrEqual(DEFAULT_LIMITS.loginAccount.failures);
      expect(flat.filter((s) => s === 429).length).toBeGreaterThan(0);
      // A new PC, even with the right password, waits; the owner's own PC does not.
      const unknownPc = await login(pc(99), owner);
      expect(unknownPc.status).toBe(429);
      expect(Number(unknownPc.headers.get('retry-after'))).toBeGreaterThan(60);
      expect((await login('127.0.0.4', owner)).status).toBe(200);
    });

    it("limits last year's credentials per (old account, caller, PC): a stranger's guesses never lock the owner out", async () => {
      const oldDirector = t.find((a) => a.year === 'old' && a.role === 'director' && a.school === SCHOOLS.elementaire);
      const referent = t.find((a) => a.year === 'new' && a.role === 'referent');
      const attacker = await t.login(referent, '127.0.0.5');
      for (let i = 0; i < 5; i++) expect((await attacker.post('/v1/legacy/verify', { login: oldDirector.login, password: `faux-${i}` })).status).toBe(401);
      const locked = await attacker.post('/v1/legacy/verify', { login: oldDirector.login, password: oldDirector.password });
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
      const owner = await t.login(t.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.elementaire), '127.0.0.6');
      expect((await owner.post('/v1/legacy/verify', { login: oldDirector.login, password: oldDirector.password })).status).toBe(200);
    });
  });

  describe.skipIf(backend.skip)(`rate limits live in the database (${backend.name})`, () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it(backend.name === 'sqlite' ? 'keeps a lock over a restart' : 'keeps a lock over a restart and shares it between two instances', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-limits-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const pgDb = backend.name === 'postgres' ? await createPgDatabase() : null;
      if (pgDb) cleanups.push(() => pgDb.drop());
      const secret = pgDb ? newSecret() : undefined;
      const start = (dir: string): Promise<RunningServer> => startEntServer({ port: 0, dataDir: dir, ...(pgDb ? { databaseUrl: pgDb.url } : {}), ...(secret ? { secret } : {}), workerIntervalMs: 50 });
      let first = await start(dataDir);
      const { accounts } = JSON.parse((await import('node:fs')).readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as { accounts: Array<{ role: string; year: string; login: string; password: string; school: string }> };
      const owner = accounts.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.rural);
      if (!owner) throw new Error('demo director missing');
      const stranger = (url: string) => new Client(url, undefined, '127.0.0.7');
      for (let i = 0; i < 10; i++) await stranger(first.url).post('/v1/auth/login', { login: owner.login, password: 'faux' });
      expect((await stranger(first.url).post('/v1/auth/login', { login: owner.login, password: owner.password })).status).toBe(429);
      if (pgDb) {
        const otherDir = mkdtempSync(join(tmpdir(), 'passerelle-limits-b-'));
        cleanups.push(() => rmSync(otherDir, { recursive: true, force: true }));
        const second = await start(otherDir);
        cleanups.push(() => second.close());
        expect((await stranger(second.url).post('/v1/auth/login', { login: owner.login, password: owner.password })).status).toBe(429);
      }
      await first.close();
      first = await start(dataDir);
      cleanups.push(() => first.close());
      expect((await stranger(first.url).post('/v1/auth/login', { login: owner.login, password: owner.password })).status).toBe(429);
      expect((await new Client(first.url).post('/v1/auth/login', { login: owner.login, password: owner.password })).status).toBe(200);
    });
  });
}
