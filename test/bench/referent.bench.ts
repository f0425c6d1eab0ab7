/**
 * A referent's sitting at académie scale (`npm run bench -- referent`): the reference ENT (SQLite) with the demo
 * referent's `BENCH_SCHOOLS` (default 300, ≈ 90,000 pupils) extra schools, the core as every host builds it.
 * Measured, for the new many-school path:
 *   1. one proof + download of every school (schools.pullMany, 4 at a time) — target ≤ 60 s;
 *   2. deciding (accept-auto + every pair left confirmed per school; not a target: it is the referent's work);
 *   3. confirm + send of every school (schools.confirmMany + schools.pushMany until accepted) — target ≤ 60 s;
 *   4. time until every school is merged, and where the ENT's time goes (merge durations, generated passwords);
 * and the peer in the same run: the same schools one by one through the per-school path (school.pull; then
 * school.confirm + school.push, which follows each merge to its end, on the first `BENCH_PEER_SCHOOLS` schools —
 * default 20 — and extrapolated), on a copy of the same seeded ENT.
 * The board's and the queue's rendering in Chromium are measured by `npm run bench -- referent-ui`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createPasserelleApp, type PasserelleApp } from '../../src-main/app';
import { openDatabase } from '../../src-server/db/connect';
import { startEntServer, type RunningServer } from '../../src-server/index';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 300);
const PEER = Math.min(SCHOOLS, Number(process.env.BENCH_PEER_SCHOOLS ?? 20));
/** How long to wait for the last merge before reporting the merged share and its extrapolation. */
const MERGE_WAIT_MS = Number(process.env.BENCH_MERGE_WAIT_S ?? 1200) * 1000;
const accountSchema = z.object({ role: z.string(), year: z.string(), login: z.string(), password: z.string() });

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await work();
  return [out, performance.now() - t0];
}

async function start(dataDir: string): Promise<RunningServer> {
  return startEntServer({ port: 0, dataDir, demo: { seed: 2026, schools: SCHOOLS }, workerIntervalMs: 20 });
}

function referentAccounts(dataDir: string): { now: { login: string; password: string }; old: { login: string; password: string } } {
  const accounts = z.object({ accounts: z.array(accountSchema) }).parse(JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8'))).accounts;
  const now = accounts.find((a) => a.role === 'referent' && a.year === 'new');
  const old = accounts.find((a) => a.role === 'referent' && a.year === 'old' && a.login === 'bgarnier');
  if (!now || !old) throw new Error('demo referent accounts missing');
  return { now: { login: now.login, password: now.password }, old: { login: old.login, password: old.password } };
}

function app(serverUrl: string): { core: PasserelleApp; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-ref-core-'));
  return { core: createPasserelleApp({ host: 'cli', dataDir: dir, serverUrl, background: false }), dir };
}

/** Every undecided pair of the school confirmed (the demo's proposals are true pairs): one decision per school. */
async function settle(core: PasserelleApp, uais: string[]): Promise<void> {
  await core.call('schools.acceptAutoMany', { uais });
  const { items } = await core.call('queue.list', { uais });
  const bySchool = new Map<string, Array<{ oldId: string; newId: string }>>();
  for (const i of items) if (i.kind === 'pair') bySchool.set(i.uai, [...(bySchool.get(i.uai) ?? []), { oldId: i.old.id, newId: i.new.id }]);
  for (const [uai, pairs] of bySchool) await core.call('school.decide', { uai, decision: { kind: 'accept-pairs', pairs } });
}

async function serverSide(dataDir: string): Promise<{ merges: number; p50: number; p99: number; span: number; credentials: number }> {
  const db = await openDatabase({ dataDir });
  try {
    const merges = await db.db.selectFrom('merges').select(['accepted_at', 'finished_at']).where('status', '=', 'done').execute();
    const durations = merges.map((m) => Date.parse(m.finished_at ?? m.accepted_at) - Date.parse(m.accepted_at)).sort((a, b) => a - b);
    const first = Math.min(...merges.map((m) => Date.parse(m.accepted_at)));
    const last = Math.max(...merges.map((m) => Date.parse(m.finished_at ?? m.accepted_at)));
    const credentials = Number((await db.db.selectFrom('pupil_credentials').select(db.db.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const at = (p: number) => durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))] ?? 0;
    return { merges: merges.length, p50: at(50), p99: at(99), span: last - first, credentials };
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const seedDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-ref-seed-'));
  const [, seedMs] = await timed(async () => {
    const s = await start(seedDir);
    await s.close();
  });
  const peerDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-ref-peer-'));
  cpSync(seedDir, peerDir, { recursive: true });
  const { now, old } = referentAccounts(seedDir);
  process.stdout.write(`ENT de référence (SQLite) : ${SCHOOLS} écoles de démonstration en plus pour la référente, créées en ${seconds(seedMs)}.\n`);

  // The many-school path.
  const server = await start(seedDir);
  const a = app(server.url);
  await a.core.call('session.signIn', now);
  const [proof, proveMs] = await timed(() => a.core.call('legacy.prove', old));
  const uais = proof.schools.map((s) => s.uai);
  const [pulled, pullMs] = await timed(() => a.core.call('schools.pullMany', { uais }));
  const pupils = (await a.core.call('schools.board', {})).totals.newPupils;
  const [, decideMs] = await timed(() => settle(a.core, uais));
  const [confirmed, confirmMs] = await timed(() => a.core.call('schools.confirmMany', { uais }));
  const [pushed, pushMs] = await timed(() => a.core.call('schools.pushMany', { uais }));
  const background = a.core.startBackground({ onlineIntervalMs: 500 });
  const [mergedCount, mergedMs] = await timed(async () => {
    const t0 = performance.now();
    for (;;) {
      const board = await a.core.call('schools.board', {});
      const settled = board.rows.filter((r) => uais.includes(r.uai) && (r.state === 'merged' || r.state === 'failed')).length;
      if (settled === uais.length || performance.now() - t0 > MERGE_WAIT_MS) return settled;
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
  await background.stop();
  await a.core.close();
  await server.close();
  const ent = await serverSide(seedDir);

  // The peer: the same schools one by one, per-school path, on a copy of the same ENT.
  const peerServer = await start(peerDir);
  const b = app(peerServer.url);
  await b.core.call('session.signIn', now);
  const [, peerPullMs] = await timed(async () => {
    let legacy: { login: string; password: string } | null = old;
    for (const uai of uais) {
      await b.core.call('school.pull', { uai, legacy });
      legacy = null;
    }
  });
  const subset = uais.slice(0, PEER);
  await settle(b.core, subset);
  const [, peerSendMs] = await timed(async () => {
    for (const uai of subset) {
      await b.core.call('school.confirm', { uai });
      await b.core.call('school.push', { uai });
    }
  });
  await b.core.close();
  await peerServer.close();

  const ok = (r: { ok: boolean }) => r.ok;
  const sendMany = confirmMs + pushMs;
  const peerSendAll = (peerSendMs / PEER) * uais.length;
  const rows: Array<[string, string, string, string]> = [
    ['preuve de l’ancien compte (une fois)', seconds(proveMs), '', ''],
    [`téléchargement de ${uais.length} écoles (${pupils} élèves)`, seconds(pullMs), seconds(peerPullMs), `${(peerPullMs / pullMs).toFixed(2)}×`],
    ['décisions (accept-auto + paires restantes)', seconds(decideMs), '', ''],
    ['confirmation + envoi (jusqu’à « accepté »)', seconds(sendMany), `${seconds(peerSendAll)} (extrapolé de ${PEER})`, `${(peerSendAll / sendMany).toFixed(2)}×`],
    ['  dont confirmation (lots construits et gelés)', seconds(confirmMs), '', ''],
    ['  dont envoi (jusqu’à « accepté » par l’ENT)', seconds(pushMs), '', ''],
    mergedCount === uais.length
      ? ['jusqu’à la dernière fusion terminée', seconds(mergedMs), '', '']
      : [`fusions : ${mergedCount}/${uais.length} en ${seconds(mergedMs)}`, `≈ ${seconds((mergedMs / Math.max(1, mergedCount)) * uais.length)} (extrapolé)`, '', ''],
  ];
  process.stdout.write(`\n${'étape'.padEnd(48)} ${'plusieurs écoles'.padStart(18)} ${'une par une'.padStart(28)} ${'rapport'.padStart(8)}\n`);
  for (const [label, many, one, ratio] of rows) process.stdout.write(`${label.padEnd(48)} ${many.padStart(18)} ${one.padStart(28)} ${ratio.padStart(8)}\n`);
  process.stdout.write(`\nRésultats : ${pulled.results.filter(ok).length}/${uais.length} téléchargées, ${confirmed.results.filter(ok).length} confirmées, ${pushed.results.filter(ok).length} envoyées.\n`);
  process.stdout.write(`Cibles : téléchargement ≤ 60 s → ${pullMs <= 60_000 ? 'tenu' : 'NON TENU'} ; confirmation + envoi ≤ 60 s → ${sendMany <= 60_000 ? 'tenu' : 'NON TENU'}.\n`);
  process.stdout.write(
    `Côté ENT : ${ent.merges} fusions, durée de chacune (acceptée → terminée) p50 ${seconds(ent.p50)}, p99 ${seconds(ent.p99)}, de la première acceptée à la dernière terminée ${seconds(ent.span)} ; ` +
      `${ent.credentials} identifiants générés pour les nouveaux élèves (scrypt N=2^14 chacun : c'est l'essentiel du temps de fusion sur ce poste à ${availableParallelism()} cœurs, voir npm run bench -- server).\n`,
  );
  for (const d of [seedDir, peerDir, a.dir, b.dir]) rmSync(d, { recursive: true, force: true });
}

await main();
