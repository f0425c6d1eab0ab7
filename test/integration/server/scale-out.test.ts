/**
 * Files and scale-out (findings 5 and 6): private file modes whatever existed before; on PostgreSQL, instances share
 * the signing key (a token of one works on the other) and refuse to start without it; merge jobs of different
 * schools run at the same time, within one instance and across two, and survive kill -9 of an instance with every
 * chunk applied once; ONDE sync of one pupil is idempotent under concurrency, on both databases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { legacyGrantSchema, mergeReceiptSchema, mergeResponseSchema, rosterResponseSchema, type MergeResponse } from '../../../src-shared/api';
import { startEntServer } from '../../../src-server/index';
import { openDatabase } from '../../../src-server/db/connect';
import { backends, Client, createPgDatabase, newSecret, PG_URL, SCHOOLS, startTestServer, type DemoAccount, type TestServer } from './harness';
import { prepareMerge, waitDone } from './merge-helpers';

const here = dirname(fileURLToPath(import.meta.url));
const mode = (path: string): number => statSync(path).mode & 0o777;
const progressOf = (m: MergeResponse): number => m.steps.reduce((n, s) => n + s.done, 0);

/** Polls two merges until both are done; counts the polls at which both had advanced since the previous one. */
async function watchTogether(c: Client, a: string, b: string): Promise<{ together: number; finals: MergeResponse[] }> {
  let last = [-1, -1];
  let together = 0;
  for (let i = 0; i < 1200; i++) {
    const states = await Promise.all([a, b].map(async (id) => mergeResponseSchema.parse((await c.get(`/v1/merges/${id}`)).json)));
    const now = states.map(progressOf);
    if (i > 0 && now.every((n, k) => n > (last[k] ?? 0)) && states.every((s) => s.status === 'running')) together++;
    last = now;
    if (states.every((s) => s.status === 'done' || s.status === 'failed')) return { together, finals: states };
    await new Promise((r) => setTimeout(r, 60));
  }
  throw new Error('merges did not finish');
}

async function submit(p: Awaited<ReturnType<typeof prepareMerge>>, uai: string): Promise<string> {
  const res = await p.director.post(`/v1/schools/${uai}/merges`, p.batch, { headers: { 'idempotency-key': randomUUID(), 'x-legacy-grant': p.grant } });
  expect(res.status).toBe(202);
  return mergeReceiptSchema.parse(res.json).id;
}

describe('file modes', () => {
  it('makes the data folder 0700 and the database and key files 0600 even when they existed with looser modes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'passerelle-modes-')), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'ent.sqlite'), '', { mode: 0o644 });
    chmodSync(join(dir, 'ent.sqlite'), 0o644);
    writeFileSync(join(dir, 'server-secret.key'), Buffer.alloc(32, 3).toString('base64'), { mode: 0o644 });
    chmodSync(join(dir, 'server-secret.key'), 0o644);
    const server = await startEntServer({ port: 0, dataDir: dir, demo: true });
    try {
      expect(mode(dir)).toBe(0o700);
      for (const f of ['ent.sqlite', 'ent.sqlite-wal', 'ent.sqlite-shm', 'server-secret.key', 'demo-accounts.json']) expect(mode(join(dir, f)), f).toBe(0o600);
    } finally {
      await server.close();
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

for (const backend of backends) {
  describe.skipIf(backend.skip)(`scale-out (${backend.name})`, () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it('applies two schools\' merges at the same time with two concurrent jobs in one instance', async () => {
      const t = await startTestServer(backend, { workerConcurrency: 2, workerChunkSize: 25, workerChunkDelayMs: 15, workerSliceMs: 60_000 });
      cleanups.push(() => t.stop());
      const [a, b] = [await prepareMerge(t, SCHOOLS.rural), await prepareMerge(t, SCHOOLS.elementaire)];
      const ids = [await submit(a, SCHOOLS.rural), await submit(b, SCHOOLS.elementaire)];
      const referent = await t.login(t.find((x) => x.year === 'new' && x.role === 'referent'));
      const { together, finals } = await watchTogether(referent, ids[0] ?? '', ids[1] ?? '');
      expect(together).toBeGreaterThanOrEqual(3);
      for (const f of finals) for (const s of f.steps) expect(s.done, s.name).toBe(s.total);
    }, 120_000);

    it('makes ONDE sync of one pupil an idempotent upsert: ten at once create one account; namesakes get distinct logins', async () => {
      const t = await startTestServer(backend);
      cleanups.push(() => t.stop());
      const director = await t.login(t.find((x) => x.year === 'new' && x.role === 'director' && x.school === SCHOOLS.rural));
      const roster = rosterResponseSchema.parse((await director.get(`/v1/schools/${SCHOOLS.rural}/roster`)).json);
      const pupil = { nom: 'Nguyễn', prenom: 'Thảo', dateNaissance: '2019-05-02', sexe: 'F', niveau: 'CP', classId: roster.classes[0]?.id };
      const same = await Promise.all(Array.from({ length: 10 }, () => director.post(`/v1/schools/${SCHOOLS.rural}/roster/pupils`, pupil)));
      expect(same.map((r) => r.status)).toEqual(Array(10).fill(201));
      const created = await t.db.selectFrom('accounts').select(['id', 'login']).where('nom', '=', 'Nguyễn').where('year', '=', 'new').execute();
      expect(created).toHaveLength(1);
      const twins = await Promise.all(Array.from({ length: 6 }, (_, i) => director.post(`/v1/schools/${SCHOOLS.rural}/roster/pupils`, { ...pupil, prenom: 'Léo', nom: 'Martin-Ange', dateNaissance: `2019-06-0${i + 1}` })));
      expect(twins.map((r) => r.status)).toEqual(Array(6).fill(201));
      const logins = await t.db.selectFrom('accounts').select('login').where('nom', '=', 'Martin-Ange').execute();
      expect(logins).toHaveLength(6);
      expect(new Set(logins.map((l) => l.login)).size).toBe(6);
    });
  });
}

describe.skipIf(!PG_URL)('several instances on one PostgreSQL', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  const dir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'passerelle-pg-'));
    cleanups.push(() => rmSync(d, { recursive: true, force: true }));
    return d;
  };

  it('refuses to start without a shared signing key', async () => {
    const pgDb = await createPgDatabase();
    cleanups.push(() => pgDb.drop());
    const saved = process.env.PASSERELLE_SERVER_SECRET;
    delete process.env.PASSERELLE_SERVER_SECRET;
    try {
      await expect(startEntServer({ port: 0, dataDir: dir(), databaseUrl: pgDb.url, demo: false })).rejects.toThrow(/PASSERELLE_SERVER_SECRET/);
    } finally {
      if (saved !== undefined) process.env.PASSERELLE_SERVER_SECRET = saved;
    }
  });

  it('shares tokens and grants between instances, and runs two schools\' jobs on two instances at the same time', async () => {
    const pgDb = await createPgDatabase();
    cleanups.push(() => pgDb.drop());
    const secret = newSecret();
    const common = { port: 0, databaseUrl: pgDb.url, secret, workerConcurrency: 1, workerChunkSize: 25, workerChunkDelayMs: 15, workerSliceMs: 60_000, workerIntervalMs: 50 };
    const aDir = dir();
    const a = await startEntServer({ ...common, dataDir: aDir });
    cleanups.push(() => a.close());
    const b = await startEntServer({ ...common, dataDir: dir() });
    cleanups.push(() => b.close());
    const accounts = (JSON.parse(readFileSync(join(aDir, 'demo-accounts.json'), 'utf8')) as { accounts: DemoAccount[] }).accounts;
    const find = (pred: (x: DemoAccount) => boolean) => accounts.find(pred) as DemoAccount;
    const director = find((x) => x.year === 'new' && x.role === 'director' && x.school === SCHOOLS.rural);
    const token = ((await new Client(a.url).post('/v1/auth/login', { login: director.login, password: director.password })).json as { accessToken: string }).accessToken;
    expect((await new Client(b.url, token).get('/v1/me')).status).toBe(200);
    const old = find((x) => x.year === 'old' && x.role === 'director' && x.school === SCHOOLS.rural);
    const grant = legacyGrantSchema.parse((await new Client(a.url, token).post('/v1/legacy/verify', { login: old.login, password: old.password })).json).grant;
    expect((await new Client(b.url, token).get(`/v1/legacy/schools/${SCHOOLS.rural}/roster`, { headers: { 'x-legacy-grant': grant } })).status).toBe(200);

    const shim = (url: string) => ({ url, accounts, find, login: async (x: DemoAccount) => new Client(url, ((await new Client(url).post('/v1/auth/login', { login: x.login, password: x.password })).json as { accessToken: string }).accessToken) }) as unknown as TestServer;
    const ids = [await submit(await prepareMerge(shim(a.url), SCHOOLS.rural), SCHOOLS.rural), await submit(await prepareMerge(shim(b.url), SCHOOLS.elementaire), SCHOOLS.elementaire)];
    const referent = await shim(a.url).login(find((x) => x.year === 'new' && x.role === 'referent'));
    const { together, finals } = await watchTogether(referent, ids[0] ?? '', ids[1] ?? '');
    // One job per instance: only two instances working at once can move both schools in the same interval.
    expect(together).toBeGreaterThanOrEqual(3);
    for (const f of finals) for (const s of f.steps) expect(s.done, s.name).toBe(s.total);
  }, 120_000);

  it('finishes both schools, each chunk once, when one of two instances is killed with SIGKILL mid-job', async () => {
    const pgDb = await createPgDatabase();
    cleanups.push(() => pgDb.drop());
    const secret = newSecret();
    const spawnServer = (dataDir: string): Promise<{ child: ChildProcess; url: string }> => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'fixtures', 'child-server.ts'), dataDir, pgDb.url, 'slow'], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, PASSERELLE_SERVER_SECRET: secret, PASSERELLE_TEST_JOBS: '2', PASSERELLE_TEST_RESCUE_MS: '1000' },
      });
      cleanups.push(() => void child.kill('SIGKILL'));
      return new Promise((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
        });
        child.on('exit', (code) => reject(new Error(`child exited early (${String(code)})`)));
      });
    };
    const aDir = dir();
    const a = await spawnServer(aDir);
    const accounts = (JSON.parse(readFileSync(join(aDir, 'demo-accounts.json'), 'utf8')) as { accounts: DemoAccount[] }).accounts;
    const find = (pred: (x: DemoAccount) => boolean) => accounts.find(pred) as DemoAccount;
    const shim = (url: string) => ({ url, accounts, find, login: async (x: DemoAccount) => new Client(url, ((await new Client(url).post('/v1/auth/login', { login: x.login, password: x.password })).json as { accessToken: string }).accessToken) }) as unknown as TestServer;
    const database = await openDatabase({ dataDir: dir(), databaseUrl: pgDb.url });
    cleanups.push(() => database.close());
    const itemsBefore = Number((await database.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    // Both schools accepted by instance A, which alone runs their jobs at first (B starts later).
    const ids = [await submit(await prepareMerge(shim(a.url), SCHOOLS.rural), SCHOOLS.rural), await submit(await prepareMerge(shim(a.url), SCHOOLS.elementaire), SCHOOLS.elementaire)];
    const b = await spawnServer(dir());
    const watcher = await shim(b.url).login(find((x) => x.year === 'new' && x.role === 'referent'));
    for (;;) {
      const states = await Promise.all(ids.map(async (id) => mergeResponseSchema.parse((await watcher.get(`/v1/merges/${id}`)).json)));
      if (states.every((s) => progressOf(s) >= 10)) break;
      await new Promise((r) => setTimeout(r, 30));
    }
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    for (const id of ids) {
      const final = await waitDone(watcher, id, 90_000);
      expect(final.status).toBe('done');
      for (const s of final.steps) expect(s.done, s.name).toBe(s.total);
    }
    const ops = await database.db.selectFrom('merge_ops').select(['done']).where('merge_id', 'in', ids).execute();
    expect(ops.every((o) => o.done === 1)).toBe(true);
    const creds = await database.db.selectFrom('pupil_credentials').select('account_id').where('merge_id', 'in', ids).execute();
    expect(new Set(creds.map((c) => c.account_id)).size).toBe(creds.length);
    const itemsAfter = Number((await database.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(itemsAfter).toBe(itemsBefore);
    b.child.kill('SIGTERM');
  }, 150_000);
});
