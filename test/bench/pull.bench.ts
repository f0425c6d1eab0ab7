/**
 * `npm run bench -- pull`: pull and cache a 450-pupil school, both years, from the real reference server over
 * loopback — target ≤ 1 s. The school is the server's benchmark school (450 pupils, three years of app data).
 * A pull = both rosters fetched and parsed, matching, both snapshots + proposals stored in one transaction.
 * Peer, same run: the same pull with each row stored by its own INSERT, no transaction (synchronous=FULL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEntServer } from '../../src-server/index';
import { openDatabase } from '../../src-server/db/connect';
import { writeRows } from '../../src-server/demo/seed';
import { BENCH_UAI, buildBenchSchool } from '../../src-server/demo/bench-school';
import { createPasserelleApp } from '../../src-main/app';
import { openCache } from '../../src-main/core/cache/database';
import { StaticKeyProvider } from '../../src-main/core/cache/keys';
import { EntClient } from '../../src-main/core/ent/client';
import { matchRosters } from '../../src-main/core/matching';
import { toYearRoster } from '../../src-main/core/pull';
import { MemoryTokenStore } from '../../src-main/core/secrets';

const RUNS = 7;
const PEER_RUNS = 3;
const TARGET_MS = 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const serverDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-ent-'));
const dataRoot = mkdtempSync(join(tmpdir(), 'passerelle-bench-core-'));
try {
  const { rows, director } = buildBenchSchool(450);
  const database = await openDatabase({ dataDir: serverDir });
  await writeRows(database.db, rows);
  await database.close();
  const server = await startEntServer({ port: 0, dataDir: serverDir, demo: false });
  try {
    // 1. The core's pull, as the app and the CLI run it.
    const core = createPasserelleApp({ host: 'cli', dataDir: dataRoot, serverUrl: server.url });
    await core.call('session.signIn', director.new);
    const pullTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await core.call('school.pull', { uai: BENCH_UAI, legacy: i === 0 ? director.old : null });
      pullTimes.push(performance.now() - started);
    }
    const status = await core.call('school.status', { uai: BENCH_UAI });
    await core.close();

    // 2. Same fetch, parse and matching; each row stored by its own INSERT (autocommit).
    const client = new EntClient({ serverUrl: server.url, tokens: new MemoryTokenStore() });
    await client.login(director.new.login, director.new.password);
    const grant = (await client.call('legacyVerify', { body: { login: director.old.login, password: director.old.password } })).grant;
    const peerCache = await openCache({ path: join(dataRoot, 'peer.sqlite'), keyProvider: new StaticKeyProvider(Buffer.alloc(32, 9)) });
    const insertSnapshot = peerCache.db.prepare("INSERT INTO snapshots (uai, year, version, fetched_at, meta) VALUES (?, ?, ?, datetime('now'), '{}')");
    const insertRow = peerCache.db.prepare('INSERT INTO snapshot_rows (snapshot_id, kind, record_id, data) VALUES (?, ?, ?, ?)');
    const peerTimes: number[] = [];
    let fetchMs = 0;
    let matchMs = 0;
    for (let i = 0; i < PEER_RUNS; i++) {
      const started = performance.now();
      const newRoster = await client.call('roster', { params: { uai: BENCH_UAI } });
      const oldRoster = await client.call('legacyRoster', { params: { uai: BENCH_UAI }, headers: { 'x-legacy-grant': grant } });
      fetchMs = performance.now() - started;
      const matchStarted = performance.now();
      matchRosters(toYearRoster(oldRoster), toYearRoster(newRoster));
      matchMs = performance.now() - matchStarted;
      for (const [year, roster] of [['new', newRoster], ['old', oldRoster]] as const) {
        const id = insertSnapshot.run(BENCH_UAI, year, roster.version).lastInsertRowid;
        for (const [kind, records] of [['class', roster.classes], ['teacher', roster.teachers], ['pupil', roster.pupils]] as const) {
          for (const record of records) insertRow.run(id, kind, record.id, JSON.stringify(record));
        }
      }
      peerTimes.push(performance.now() - started);
    }
    peerCache.close();

    const pullMedian = median(pullTimes);
    const peerMedian = median(peerTimes);
    const lines: Array<[string, string]> = [
      ['school', `${BENCH_UAI}: ${status.counts?.newPupils ?? 0} pupils this year, ${status.counts?.oldPupils ?? 0} last year`],
      [`core pull + cache, median of ${RUNS} (ms)`, pullMedian.toFixed(0)],
      ['  min / max (ms)', `${Math.min(...pullTimes).toFixed(0)} / ${Math.max(...pullTimes).toFixed(0)}`],
      ['  of which: both rosters fetched + parsed, one run (ms)', fetchMs.toFixed(0)],
      ['  of which: matching, one run (ms)', matchMs.toFixed(0)],
      [`peer: one INSERT per row, no transaction, median of ${PEER_RUNS} (ms)`, peerMedian.toFixed(0)],
      ['ratio to the 1 s target', `${(pullMedian / TARGET_MS).toFixed(2)} ${pullMedian <= TARGET_MS ? '(OK)' : '(OVER)'}`],
      ['peer / core', `${(peerMedian / pullMedian).toFixed(1)}×`],
    ];
    for (const [label, value] of lines) process.stdout.write(`${label.padEnd(64)} ${value}\n`);
    process.exitCode = pullMedian <= TARGET_MS ? 0 : 1;
  } finally {
    await server.close();
  }
} finally {
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(dataRoot, { recursive: true, force: true });
}
