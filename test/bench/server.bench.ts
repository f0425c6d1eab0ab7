/**
 * Reference ENT server benchmark (`npm run bench -- server`), on SQLite and, when `PASSERELLE_TEST_PG_URL` is set,
 * PostgreSQL:
 * 1. applying the merge of a 450-pupil school with three years of data (~2,000 blog posts, ~10,000 media items,
 *    ~50,000 messages), from the accepted batch to the job's end — target ≤ 10 s (the procedure promises < 10 min);
 * 2. 200 concurrent roster pulls (p50 / p99), full (≈ 470 pupils, their parents) and conditional (304).
 * The HTTP client runs in the same process as the server (2 cores here): latencies include the client's work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { startEntServer } from '../../src-server/index';
import { openDatabase } from '../../src-server/db/connect';
import { writeRows } from '../../src-server/demo/seed';
import { BENCH_UAI, buildBenchSchool } from '../../src-server/demo/bench-school';
import { legacyGrantSchema, legacyRosterResponseSchema, mergeReceiptSchema, mergeResponseSchema, rosterResponseSchema, tokenPairSchema, type MergeBatch } from '../../src-shared/api';

const PG_URL = process.env.PASSERELLE_TEST_PG_URL;

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(backend: 'sqlite' | 'postgres'): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
  let dropPg: (() => Promise<void>) | null = null;
  let databaseUrl: string | undefined;
  if (backend === 'postgres' && PG_URL) {
    const name = `passerelle_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropPg = async () => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        const ok = await c.query(`DROP DATABASE IF EXISTS ${name}`).then(() => true, () => false);
        await c.end();
        if (ok) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
  }
  try {
    const { rows, school, director } = buildBenchSchool(450);
    const seedStart = performance.now();
    const database = await openDatabase({ dataDir, databaseUrl });
    await writeRows(database.db, rows);
    await database.close();
    const seedMs = performance.now() - seedStart;
    const server = await startEntServer({ port: 0, dataDir, ...(databaseUrl ? { databaseUrl } : {}), demo: false, workerChunkSize: 2000, workerIntervalMs: 20 });
    try {
      const base = server.url;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const tokens = tokenPairSchema.parse(await json(await post('/v1/auth/login', director.new)));
      const auth = { authorization: `Bearer ${tokens.accessToken}` };
      const grant = legacyGrantSchema.parse(await json(await post('/v1/legacy/verify', director.old, auth))).grant;
      const roster = rosterResponseSchema.parse(await json(await fetch(`${base}/v1/schools/${BENCH_UAI}/roster`, { headers: auth })));
      const legacy = legacyRosterResponseSchema.parse(await json(await fetch(`${base}/v1/legacy/schools/${BENCH_UAI}/roster`, { headers: { ...auth, 'x-legacy-grant': grant } })));
      const batch: MergeBatch = {
        baseVersions: { new: roster.version, old: legacy.version },
        schoolSpace: { apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] },
        classes: legacy.classes.map((c, i) => ({ action: 'recover' as const, oldClassId: c.id, newClassId: roster.classes[i % roster.classes.length]?.id ?? '', apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] })),
        pupils: school.truth.map((p) => ({ oldPupilId: p.oldId, newPupilId: p.newId })),
        personalApps: ['messages', 'media', 'profile'],
      };
      const t0 = performance.now();
      const accepted = await post(`/v1/schools/${BENCH_UAI}/merges`, batch, { ...auth, 'x-legacy-grant': grant, 'idempotency-key': randomUUID() });
      const acceptMs = performance.now() - t0;
      if (accepted.status !== 202) throw new Error(`merge refused: ${accepted.status} ${await accepted.text()}`);
      const id = mergeReceiptSchema.parse(await json(accepted)).id;
      const stepDone = new Map<string, number>();
      let state = mergeResponseSchema.parse(await json(await fetch(`${base}/v1/merges/${id}`, { headers: auth })));
      while (state.status !== 'done' && state.status !== 'failed') {
        await new Promise((r) => setTimeout(r, 25));
        state = mergeResponseSchema.parse(await json(await fetch(`${base}/v1/merges/${id}`, { headers: auth })));
        for (const s of state.steps) if (s.status === 'done' && !stepDone.has(s.name)) stepDone.set(s.name, performance.now() - t0);
      }
      const mergeMs = performance.now() - t0;
      let previous = 0;
      const stepTimes = state.steps
        .map((s) => {
          const at = stepDone.get(s.name) ?? mergeMs;
          const took = Math.max(0, at - previous);
          previous = Math.max(previous, at);
          return `${s.name} ${s.total} in ${(took / 1000).toFixed(1)}s`;
        })
        .join(', ');
      process.stdout.write(`${backend}: ${stepTimes}\n`);
      const moved = state.steps.reduce((n, s) => n + s.total, 0);

      const pulls = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const s = performance.now();
          const res = await fetch(`${base}/v1/schools/${BENCH_UAI}/roster`, { headers: auth });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`roster pull ${res.status}`);
          return performance.now() - s;
        }),
      );
      pulls.sort((a, b) => a - b);
      const etag = (await fetch(`${base}/v1/schools/${BENCH_UAI}/roster`, { headers: auth })).headers.get('etag') ?? '';
      const conditional = await Promise.all(
        Array.from({ length: 200 }, async () => {
          const s = performance.now();
          const res = await fetch(`${base}/v1/schools/${BENCH_UAI}/roster`, { headers: { ...auth, 'if-none-match': etag } });
          await res.arrayBuffer();
          if (res.status !== 304) throw new Error(`conditional roster pull ${res.status}`);
          return performance.now() - s;
        }),
      );
      conditional.sort((a, b) => a - b);
      return {
        backend,
        'seed (s)': (seedMs / 1000).toFixed(1),
        'items in DB': String(rows.items.length),
        'pupils new/old/associated': `${school.new.pupils.length}/${school.old.pupils.length}/${school.truth.length}`,
        'batch accepted (ms)': acceptMs.toFixed(0),
        'merge applied (s)': (mergeMs / 1000).toFixed(2),
        'units moved': String(moved),
        status: state.status,
        'roster pull p50 (ms)': percentile(pulls, 50).toFixed(0),
        'roster pull p99 (ms)': percentile(pulls, 99).toFixed(0),
        '304 pull p50/p99 (ms)': `${percentile(conditional, 50).toFixed(0)}/${percentile(conditional, 99).toFixed(0)}`,
      };
    } finally {
      await server.close();
    }
  } finally {
    await dropPg?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const results: Array<Record<string, string>> = [];
results.push(await run('sqlite'));
if (PG_URL) results.push(await run('postgres'));
else process.stdout.write('PostgreSQL: skipped (PASSERELLE_TEST_PG_URL not set)\n');
console.table(results);
const slow = results.filter((r) => Number(r['merge applied (s)']) > 10);
process.stdout.write(slow.length ? `Target missed (> 10 s): ${slow.map((r) => r.backend).join(', ')}\n` : 'Target met: every merge applied in ≤ 10 s.\n');
