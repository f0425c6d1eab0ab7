/** A worker killed (SIGKILL) mid-job resumes on restart and applies every chunk exactly once. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeReceiptSchema, mergeResponseSchema, spacesResponseSchema } from '../../../src-shared/api';
import { openDatabase, type Database } from '../../../src-server/db/connect';
import { backends, Client, createPgDatabase, newSecret, SCHOOLS, type DemoAccount, type TestServer } from './harness';
import { prepareMerge, waitDone } from './merge-helpers';

const here = dirname(fileURLToPath(import.meta.url));

// Every instance of one PostgreSQL deployment shares the signing key (the restarted server verifies the old tokens).
const SECRET = newSecret();

function spawnServer(dataDir: string, dbUrl: string | undefined, fast = false): Promise<{ child: ChildProcess; url: string }> {
  const args = [join(here, 'fixtures', 'child-server.ts'), dataDir, dbUrl ?? '-', fast ? 'fast' : 'slow'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PASSERELLE_SERVER_SECRET: dbUrl ? SECRET : '' } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.on('exit', (code) => reject(new Error(`child exited early (${String(code)})`)));
  });
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`merge worker killed mid-job (${backend.name})`, () => {
    const cleanups: Array<() => Promise<void> | void> = [];
    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it('continues after kill -9 and a restart, applying each chunk exactly once', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-crash-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const pgDb = backend.name === 'postgres' ? await createPgDatabase() : null;
      if (pgDb) cleanups.push(() => pgDb.drop());
      let running = await spawnServer(dataDir, pgDb?.url);
      cleanups.push(() => void running.child.kill('SIGKILL'));
      const database: Database = await openDatabase({ dataDir, ...(pgDb ? { databaseUrl: pgDb.url } : {}) });
      cleanups.push(() => database.close());
      const accounts = (JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as { accounts: DemoAccount[] }).accounts;
      const shim = {
        url: running.url,
        accounts,
        find: (pred: (a: DemoAccount) => boolean) => accounts.find(pred) as DemoAccount,
        login: async (a: DemoAccount) => {
          const res = await new Client(shim.url).post('/v1/auth/login', { login: a.login, password: a.password });
          return new Client(shim.url, (res.json as { accessToken: string }).accessToken);
        },
      } as unknown as TestServer;
      const uai = SCHOOLS.rural;
      const { director, grant, batch, legacy, roster, truth } = await prepareMerge(shim, uai);
      const itemsBefore = Number((await database.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const accepted = await director.post(`/v1/schools/${uai}/merges`, batch, { headers: { 'idempotency-key': randomUUID(), 'x-legacy-grant': grant } });
      expect(accepted.status).toBe(202);
      const mergeId = mergeReceiptSchema.parse(accepted.json).id;

      // Let the job apply some chunks, then kill the process without any chance to clean up.
      for (;;) {
        const state = mergeResponseSchema.parse((await director.get(`/v1/merges/${mergeId}`)).json);
        const done = state.steps.reduce((n, s) => n + s.done, 0);
        if (done >= 20) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      running.child.kill('SIGKILL');
      await new Promise((r) => running.child.once('exit', r));
      const mid = await database.db.selectFrom('merges').select('status').where('id', '=', mergeId).executeTakeFirstOrThrow();
      expect(mid.status).toBe('running');
      const stepsMid = await database.db.selectFrom('merge_steps').selectAll().where('merge_id', '=', mergeId).execute();
      expect(stepsMid.some((s) => Number(s.done) < Number(s.total))).toBe(true);

      // Restart on the same data folder (with big chunks now): the job resumes by itself.
      running = await spawnServer(dataDir, pgDb?.url, true);
      (shim as { url: string }).url = running.url;
      const again = await shim.login(accounts.find((a) => a.year === 'new' && a.role === 'director' && a.school === uai) as DemoAccount);
      const final = await waitDone(new Client(running.url, again.token), mergeId, 60_000);
      expect(final.status).toBe('done');
      for (const s of final.steps) expect(s.done, s.name).toBe(s.total);

      const c = new Client(running.url, again.token);
      const spaces = spacesResponseSchema.parse((await c.get(`/v1/schools/${uai}/spaces`)).json);
      expect(spaces.spaces.find((s) => s.kind === 'school')?.apps.blog).toBe(legacy.schoolSpace?.apps.blog);
      const classBlog = spaces.spaces.filter((s) => s.kind === 'class').reduce((n, s) => n + (s.apps.homework ?? 0), 0);
      expect(classBlog).toBe(legacy.classes.reduce((n, k) => n + (k.apps.homework ?? 0), 0));
      expect(spaces.pupilPersonalData.profile).toBe(truth.length);
      const itemsAfter = Number((await database.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(itemsAfter).toBe(itemsBefore);
      const creds = await database.db.selectFrom('pupil_credentials').select('account_id').where('merge_id', '=', mergeId).execute();
      expect(creds).toHaveLength(roster.pupils.length - truth.length);
      const ops = await database.db.selectFrom('merge_ops').select('done').where('merge_id', '=', mergeId).execute();
      expect(ops.every((o) => o.done === 1)).toBe(true);
      running.child.kill('SIGTERM');
      await new Promise((r) => running.child.once('exit', r));
    }, 90_000);
  });
}
