/**
 * Reference ENT server at académie scale (`npm run bench -- server`), SQLite and, with `PASSERELLE_TEST_PG_URL`,
 * PostgreSQL:
 * 1. 50 schools' merges sent at once, applied with 1, 2 and 4 concurrent jobs in one instance (and, on PostgreSQL,
 *    2 instances × 2 jobs): time until every school is merged, and the ratio to one job (the peer measured in the
 *    same run);
 * 2. 200 concurrent roster pulls while the 50 merges are sent at once: errors, p50 / p99 of both.
 * The schools are seeded once per backend and copied for each run (SQLite file copy, PostgreSQL template database).
 * Client and server share this machine's 2 cores: latencies include the client's work.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { availableParallelism } from 'node:os';
import { startEntServer, type RunningServer } from '../../src-server/index';
import { hashPassword } from '../../src-server/services/crypto';
import { openDatabase } from '../../src-server/db/connect';
import { writeRows } from '../../src-server/demo/seed';
import { buildBenchSchools, type BenchSchool } from '../../src-server/demo/bench-school';
import { legacyGrantSchema, legacyRosterResponseSchema, mergeReceiptSchema, mergeResponseSchema, rosterResponseSchema, tokenPairSchema, type MergeBatch } from '../../src-shared/api';

const PG_URL = process.env.PASSERELLE_TEST_PG_URL;
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 50);
const PUPILS = Number(process.env.BENCH_PUPILS ?? 120);
const SECRET = randomBytes(32).toString('base64');

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

async function admin<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

const pgUrl = (name: string): string => {
  const u = new URL(PG_URL ?? '');
  u.pathname = `/${name}`;
  return u.toString();
};

interface Seeded { kind: 'sqlite'; file: string } 
interface SeededPg { kind: 'postgres'; template: string }

/** One seeded copy of the académie: a SQLite file, or a PostgreSQL template database. */
async function seed(backend: 'sqlite' | 'postgres', rows: ReturnType<typeof buildBenchSchools>['rows']): Promise<Seeded | SeededPg> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-scale-seed-'));
    const db = await openDatabase({ dataDir: dir });
    await writeRows(db.db, rows);
    await db.close();
    return { kind: 'sqlite', file: join(dir, 'ent.sqlite') };
  }
  const template = `passerelle_scale_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${template}`));
  const db = await openDatabase({ dataDir: tmpdir(), databaseUrl: pgUrl(template) });
  await writeRows(db.db, rows);
  await db.close();
  return { kind: 'postgres', template };
}

/** A fresh copy of the seeded académie and `instances` servers on it. */
async function serve(seeded: Seeded | SeededPg, instances: number, jobs: number): Promise<{ servers: RunningServer[]; done(): Promise<void> }> {
  const dirs: string[] = [];
  let databaseUrl: string | undefined;
  let drop: (() => Promise<void>) | null = null;
  if (seeded.kind === 'postgres') {
    const name = `passerelle_scale_run_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${seeded.template}`));
    databaseUrl = pgUrl(name);
    drop = async () => {
      for (let i = 0; i < 20; i++) {
        if (await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name}`)).then(() => true, () => false)) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
  }
  const servers: RunningServer[] = [];
  for (let i = 0; i < instances; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-scale-'));
    dirs.push(dir);
    if (seeded.kind === 'sqlite') copyFileSync(seeded.file, join(dir, 'ent.sqlite'));
    servers.push(await startEntServer({ port: 0, dataDir: dir, demo: false, workerConcurrency: jobs, workerChunkSize: 2000, workerIntervalMs: 50, ...(databaseUrl ? { databaseUrl, secret: SECRET } : {}) }));
  }
  return {
    servers,
    async done() {
      for (const s of servers) await s.close();
      await drop?.();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

interface Ready { school: BenchSchool; auth: Record<string, string>; grant: string; batch: MergeBatch; base: string }

/** Signs in each director, proves the old account, pulls both rosters and builds the batch from the ground truth. */
async function prepare(base: (i: number) => string, schools: BenchSchool[]): Promise<Ready[]> {
  return Promise.all(schools.map(async (school, i) => {
    const url = base(i);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) => fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const tokens = tokenPairSchema.parse(await json(await post('/v1/auth/login', school.director.new)));
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    const grant = legacyGrantSchema.parse(await json(await post('/v1/legacy/verify', school.director.old, auth))).grant;
    const roster = rosterResponseSchema.parse(await json(await fetch(`${url}/v1/schools/${school.uai}/roster`, { headers: auth })));
    const legacy = legacyRosterResponseSchema.parse(await json(await fetch(`${url}/v1/legacy/schools/${school.uai}/roster`, { headers: { ...auth, 'x-legacy-grant': grant } })));
    const batch: MergeBatch = {
      baseVersions: { new: roster.version, old: legacy.version },
      schoolSpace: { apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] },
      classes: legacy.classes.map((c, k) => ({ action: 'recover' as const, oldClassId: c.id, newClassId: roster.classes[k % roster.classes.length]?.id ?? '', apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] })),
      pupils: school.school.truth.map((p) => ({ oldPupilId: p.oldId, newPupilId: p.newId })),
      personalApps: ['messages', 'media', 'profile'],
    };
    return { school, auth, grant, batch, base: url };
  }));
}

async function send(r: Ready): Promise<{ id: string; ms: number; ok: boolean }> {
  const t0 = performance.now();
  const res = await fetch(`${r.base}/v1/schools/${r.school.uai}/merges`, { method: 'POST', headers: { 'content-type': 'application/json', ...r.auth, 'x-legacy-grant': r.grant, 'idempotency-key': randomUUID() }, body: JSON.stringify(r.batch) });
  const ms = performance.now() - t0;
  if (res.status !== 202) return { id: '', ms, ok: false };
  return { id: mergeReceiptSchema.parse(await json(res)).id, ms, ok: true };
}

async function allDone(ready: Ready[], ids: string[]): Promise<number> {
  let failed = 0;
  await Promise.all(ids.map(async (id, i) => {
    const r = ready[i] as Ready;
    for (;;) {
      const state = mergeResponseSchema.parse(await json(await fetch(`${r.base}/v1/merges/${id}`, { headers: r.auth })));
      if (state.status === 'failed') failed++;
      if (state.status === 'done' || state.status === 'failed') return;
      await new Promise((res) => setTimeout(res, 200));
    }
  }));
  return failed;
}

async function mergeRun(seeded: Seeded | SeededPg, schools: BenchSchool[], instances: number, jobs: number): Promise<{ seconds: number; errors: number }> {
  const run = await serve(seeded, instances, jobs);
  try {
    const ready = await prepare((i) => run.servers[i % run.servers.length]?.url ?? '', schools);
    const t0 = performance.now();
    const sent = await Promise.all(ready.map(send));
    const failed = await allDone(ready, sent.map((s) => s.id));
    return { seconds: (performance.now() - t0) / 1000, errors: sent.filter((s) => !s.ok).length + failed };
  } finally {
    await run.done();
  }
}

async function mixedRun(seeded: Seeded | SeededPg, schools: BenchSchool[]): Promise<Record<string, string>> {
  const run = await serve(seeded, 1, 2);
  try {
    const base = run.servers[0]?.url ?? '';
    const ready = await prepare(() => base, schools);
    const pulls = Array.from({ length: 200 }, async (_, i) => {
      const r = ready[i % ready.length] as Ready;
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/schools/${r.school.uai}/roster`, { headers: r.auth });
      await res.arrayBuffer();
      return { ms: performance.now() - t0, ok: res.status === 200 };
    });
    const [pulled, sent] = await Promise.all([Promise.all(pulls), Promise.all(ready.map(send))]);
    const failed = await allDone(ready, sent.map((s) => s.id));
    const p = pulled.map((x) => x.ms).sort((a, b) => a - b);
    const m = sent.map((x) => x.ms).sort((a, b) => a - b);
    return {
      'pull p50/p99 (ms)': `${percentile(p, 50).toFixed(0)}/${percentile(p, 99).toFixed(0)}`,
      'merge accepted p50/p99 (ms)': `${percentile(m, 50).toFixed(0)}/${percentile(m, 99).toFixed(0)}`,
      errors: String(pulled.filter((x) => !x.ok).length + sent.filter((x) => !x.ok).length + failed),
    };
  } finally {
    await run.done();
  }
}

const { rows, schools } = buildBenchSchools(SCHOOLS, PUPILS);
const pupils = schools.reduce((n, s) => n + s.school.new.pupils.length, 0);
const credentials = schools.reduce((n, s) => n + s.school.new.pupils.length - s.school.truth.length, 0);
process.stdout.write(`${SCHOOLS} schools, ${pupils} pupils this year, ${rows.items.length} items last year, ${credentials} new pupils to give generated credentials\n`);
// Where the time goes: every generated password is hashed with scrypt (2^14), on the same cores as everything else.
const h0 = performance.now();
await Promise.all(Array.from({ length: 16 }, () => hashPassword('mesure-du-cout')));
const hashesPerSecond = 16 / ((performance.now() - h0) / 1000);
process.stdout.write(`scrypt 2^14 on this machine (${availableParallelism()} cores, libuv pool): ${hashesPerSecond.toFixed(0)} hashes/s → ${(credentials / hashesPerSecond).toFixed(1)} s of hashing for the ${credentials} credentials, whatever the number of jobs\n`);
const table: Array<Record<string, string>> = [];
for (const backend of ['sqlite', 'postgres'] as const) {
  if (backend === 'postgres' && !PG_URL) {
    process.stdout.write('PostgreSQL: skipped (PASSERELLE_TEST_PG_URL not set)\n');
    continue;
  }
  const s0 = performance.now();
  const seeded = await seed(backend, rows);
  process.stdout.write(`${backend}: seeded in ${((performance.now() - s0) / 1000).toFixed(1)} s\n`);
  try {
    const runs: Array<[string, number, number]> = [['1 instance × 1 job', 1, 1], ['1 instance × 2 jobs', 1, 2], ['1 instance × 4 jobs', 1, 4]];
    if (backend === 'postgres') runs.push(['2 instances × 2 jobs', 2, 2]);
    let reference = 0;
    for (const [label, instances, jobs] of runs) {
      const r = await mergeRun(seeded, schools, instances, jobs);
      if (!reference) reference = r.seconds;
      table.push({ backend, run: `${SCHOOLS} merges, ${label}`, 'time (s)': r.seconds.toFixed(1), 'ratio to 1 job': (reference / r.seconds).toFixed(2), errors: String(r.errors) });
      process.stdout.write(`${backend} ${label}: ${r.seconds.toFixed(1)} s\n`);
    }
    table.push({ backend, run: `200 pulls + ${SCHOOLS} merges at once (1 × 2 jobs)`, ...(await mixedRun(seeded, schools)) });
  } finally {
    if (seeded.kind === 'postgres') await admin((c) => c.query(`DROP DATABASE IF EXISTS ${seeded.template}`));
    else rmSync(join(seeded.file, '..'), { recursive: true, force: true });
  }
}
console.table(table);
