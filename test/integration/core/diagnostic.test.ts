/**
 * « Exporter un diagnostic » and support's replay, end to end through the core against the real server: a session
 * (download, decisions with undo and redo, confirmation, a sending while the ENT is down then a sending once it is
 * back), exported pseudonymised and encrypted, then inspected by the CLI as support would — with the ENT stopped.
 * The bundle holds no real name, birth date, login, password or token; the timeline has every journal entry in
 * order; the state replayed at the last step is the live one; the evidence keeps its kinds at every step.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli-run';
import { CACHE_FILE_NAME, openCache, type CacheDatabase } from '../../../src-main/core/cache/database';
import { KeyFileProvider } from '../../../src-main/core/cache/keys';
import { JournalStore } from '../../../src-main/core/journal/store';
import { assessPair, explainPair, nameFrequencies } from '../../../src-main/core/matching/score';
import { pupilFeatures } from '../../../src-main/core/matching/features';
import type { DiagnosticOverview, DiagnosticStep, RpcOutput } from '../../../src-shared/rpc';
import { makeCore, startTestServer, type TestCore, type TestServer } from './helpers';

const UAI = '0134567K';
let ent: TestServer;
let app: TestCore;
let dataRoot: string;
let out: string;
let cache: CacheDatabase;

beforeAll(async () => {
  ent = await startTestServer();
  dataRoot = mkdtempSync(join(tmpdir(), 'passerelle-diag-'));
  out = mkdtempSync(join(tmpdir(), 'passerelle-diag-out-'));
  // The CLI (support's inspect, the user's export) and the core share the user's data folder.
  vi.stubEnv('PASSERELLE_DATA_DIR', dataRoot);
  app = makeCore(ent.server.url, {}, dataRoot);
}, 60_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  cache?.close();
  await app?.cleanup();
  await ent?.close();
  rmSync(out, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli(argv);

/** Everything real that must never be in a pseudonymised bundle: people's names and dates, logins, passwords, tokens. */
interface Secrets {
  names: string[];
  dates: string[];
  literal: string[];
}
let secrets: Secrets;
let live: { workspace: RpcOutput<'school.workspace'>; status: RpcOutput<'school.status'> } | null = null;

const has = (text: string, name: string): boolean => new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').test(text);

describe('a session, exported for support and replayed', () => {
  it('makes a session: download, decisions with undo and redo, confirmation, a failed then a successful sending', async () => {
    const c = app.core;
    const d = ent.director(UAI);
    await c.call('session.signIn', { login: d.login, password: d.password });
    await c.call('school.pull', { uai: UAI, legacy: d.legacy });
    await c.call('school.acceptAuto', { uai: UAI });
    const preview = await c.call('school.preview', { uai: UAI });
    const [first, second, ...rest] = preview.review.undecided;
    if (!first || !second) throw new Error('the demo school should have pairs to check');
    await c.call('school.decide', { uai: UAI, decision: { kind: 'refuse', oldId: first.old.id, newId: first.new.id } });
    await c.call('school.decide', { uai: UAI, decision: { kind: 'accept', oldId: second.old.id, newId: second.new.id } });
    await c.call('school.undo', { uai: UAI });
    await c.call('school.undo', { uai: UAI });
    await c.call('school.redo', { uai: UAI });
    await c.call('school.decide', { uai: UAI, decision: { kind: 'accept', oldId: second.old.id, newId: second.new.id } });
    if (rest.length) await c.call('school.decide', { uai: UAI, decision: { kind: 'accept-pairs', pairs: rest.map((u) => ({ oldId: u.old.id, newId: u.new.id })) } });
    await c.call('school.decide', { uai: UAI, decision: { kind: 'choose-apps', target: 'personal', appIds: ['messages', 'profile'] } });
    // An error the user meets (a confirmation refused while something is undecided is not possible here: a bad decision).
    await expect(c.call('school.decide', { uai: UAI, decision: { kind: 'link', oldId: 'inconnu', newId: 'inconnu' } })).rejects.toMatchObject({ code: 'validation' });
    await c.call('school.confirm', { uai: UAI });

    // The ENT stops: the sending fails (retried, then offline); it comes back on the same port and data: sent.
    const port = Number(new URL(ent.server.url).port);
    await ent.server.close();
    await expect(c.call('school.push', { uai: UAI })).rejects.toMatchObject({ code: 'offline' });
    const restarted = await startTestServer({ port, dataDir: ent.server.dataDir });
    ent = { ...restarted, close: async () => { await restarted.close(); rmSync(ent.server.dataDir, { recursive: true, force: true }); } };
    const sent = await c.call('schools.pushMany', { uais: [UAI] });
    expect(sent.results[0]).toMatchObject({ uai: UAI, ok: true });

    const workspace = await c.call('school.workspace', { uai: UAI });
    const status = await c.call('school.status', { uai: UAI });
    expect(status.phase).toBe('accepted');
    live = { workspace, status };

    // What must not leave: every person's name and birth date, the accounts used, the tokens and the grant in the cache.
    const user = app.core.session.account();
    if (!user) throw new Error('signed in');
    cache = await openCache({ path: join(user.dataDir, CACHE_FILE_NAME), keyProvider: new KeyFileProvider(user.dataDir) });
    const stored = cache.db.prepare<[], { name: string; value: string }>("SELECT name, value FROM secrets WHERE name IN ('ent.tokens') OR name LIKE 'legacy.grant.%'").all();
    const tokens = stored.flatMap((r) => Object.values(JSON.parse(r.value) as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.length > 20));
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    const people = [...workspace.newRoster.pupils, ...workspace.oldRoster.pupils, ...workspace.newRoster.teachers, ...workspace.oldRoster.teachers, ...workspace.newRoster.parents];
    secrets = {
      names: [...new Set(people.flatMap((p) => [p.nom.trim(), p.prenom.trim(), `${p.prenom} ${p.nom}`]).filter((n) => n.length >= 2))],
      dates: [...new Set([...workspace.newRoster.pupils, ...workspace.oldRoster.pupils].map((p) => p.dateNaissance).filter((x): x is string => x !== null))],
      literal: [d.login, d.password, d.legacy.login, d.legacy.password, ...tokens, ...workspace.newRoster.teachers.map((t) => t.email)],
    };
    expect(secrets.names.length).toBeGreaterThan(300);
  }, 120_000);

  it('exports a pseudonymised bundle through the CLI: the summary first, then no real name, date, login, password or token in its bytes', async () => {
    const file = join(out, 'diagnostic.json');
    const run = await cli('diagnostic', 'export', '--out', file, '--oui', '--server', ent.server.url);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/pseudonymisé/);
    expect(run.out).toContain(`${UAI}  École élémentaire Jean-Jaurès`);
    expect(run.out).toMatch(/Jamais dedans : aucun mot de passe/);
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    for (const literal of secrets.literal) expect(text.includes(literal), `secret ${literal.slice(0, 6)}…`).toBe(false);
    for (const date of secrets.dates) expect(text.includes(date), `birth date ${date}`).toBe(false);
    const leaked = secrets.names.filter((n) => has(text, n));
    expect(leaked).toEqual([]);
    expect(text).not.toMatch(/"(accessToken|refreshToken|grant|password)"/);
  });

  let overview: DiagnosticOverview;
  it('is inspected by support with the ENT stopped: the same journal entries in the same order, the errors met in order', async () => {
    await ent.server.close();
    const run = await cli('diagnostic', 'inspect', join(out, 'diagnostic.json'), '--json');
    expect(run.code, run.err).toBe(0);
    overview = JSON.parse(run.out) as DiagnosticOverview;
    const school = overview.schools.find((s) => s.uai === UAI);
    if (!school) throw new Error('school missing from the bundle');
    const journal = new JournalStore(cache.db).list(UAI);
    const replayed = school.timeline.filter((e) => e.kind === 'decision' || e.kind === 'undo' || e.kind === 'redo');
    expect(replayed).toHaveLength(journal.length);
    expect(replayed.map((e) => (e.kind === 'decision' ? e.decision : e.kind))).toEqual(journal.map((e) => e.entry.kind));
    expect(replayed.map((e) => e.journalSeq)).toEqual(journal.map((e) => e.seq));
    // The session in order: download, decisions, confirmation, failed sendings, the error shown, then accepted.
    const kinds = school.timeline.map((e) => e.kind);
    expect(kinds[0]).toBe('pull');
    expect(kinds.indexOf('confirm')).toBeGreaterThan(kinds.lastIndexOf('decision'));
    const answers = school.timeline.filter((e) => e.kind === 'answer');
    expect(answers.at(-1)).toMatchObject({ ok: true });
    expect(answers.filter((a) => a.ok === false).every((a) => a.error?.code === 'offline')).toBe(true);
    expect(answers.filter((a) => a.ok === false).length).toBeGreaterThanOrEqual(2);
    expect(overview.errors.map((e) => [e.kind, e.error?.code])).toEqual(
      expect.arrayContaining([['error', 'validation'], ['error', 'offline']]),
    );
    const errorKinds = overview.errors.filter((e) => e.kind === 'error').map((e) => [e.method, e.error?.code, e.error?.key]);
    expect(errorKinds).toEqual([['school.decide', 'validation', 'decision.unknown-ids'], ['school.push', 'offline', 'ent.offline']]);
    expect(run.out).not.toContain(secrets.literal[1]!);
  });

  it('replays the last step as the live state: the same links, decisions and counts', async () => {
    const school = overview.schools.find((s) => s.uai === UAI)!;
    const last = school.timeline.length - 1;
    const run = await cli('diagnostic', 'inspect', join(out, 'diagnostic.json'), '--ecole', UAI, '--etape', String(last), '--json');
    expect(run.code, run.err).toBe(0);
    const step = JSON.parse(run.out) as DiagnosticStep;
    const ws = live!.workspace;
    const status = live!.status;
    const replayed = step.workspace!;
    // Ids are hashed with a secret support never sees: compare by position in the rosters (kept in order).
    const index = (list: Array<{ id: string }>) => new Map(list.map((x, i) => [x.id, i]));
    const pos = (w: typeof replayed) => ({ n: index(w.newRoster.pupils), o: index(w.oldRoster.pupils), nc: index(w.newRoster.classes), oc: index(w.oldRoster.classes) });
    const shape = (w: typeof replayed) => {
      const p = pos(w);
      return {
        links: w.links.map((l) => `${p.o.get(l.oldId)}>${p.n.get(l.newId)}:${l.origin}`).sort(),
        refused: w.refused.map((r) => `${p.o.get(r.oldId)}>${p.n.get(r.newId)}`).sort(),
        optedOut: w.optedOut.map((id) => p.o.get(id)).sort(),
        classMap: w.classMap.map((m) => `${p.oc.get(m.oldClassId)}>${m.newClassId === null ? '-' : p.nc.get(m.newClassId)}`).sort(),
        apps: w.apps,
      };
    };
    expect(shape(replayed)).toEqual(shape(ws));
    expect(step.status.counts).toEqual(status.counts);
    expect(step.status.phase).toBe(status.phase);
    expect(step.batch?.pupils.length).toBe(ws.links.length);
  });

  it('keeps the evidence kinds at every step, and the made-up names show the same kinds of difference', async () => {
    const school = overview.schools.find((s) => s.uai === UAI)!;
    const ws = live!.workspace;
    const liveKinds = ws.matching.pairs.map((p) => p.evidence.map((e) => e.kind));
    await app.core.call('diagnostic.open', { upload: 'integration-test', part: 0, parts: 1, data: readFileSync(join(out, 'diagnostic.json'), 'utf8') });
    for (const entry of school.timeline) {
      const step = await app.core.call('diagnostic.step', { uai: UAI, index: entry.index });
      expect(step.workspace!.matching.pairs.map((p) => p.evidence.map((e) => e.kind)), `step ${entry.index}`).toEqual(liveKinds);
    }
    // The engine itself, on the made-up rosters: the name and date kinds of each pair, against the live evidence.
    const step = await app.core.call('diagnostic.step', { uai: UAI, index: 0 });
    const fake = step.workspace!;
    const freq = nameFrequencies([]);
    let same = 0;
    let total = 0;
    const missed: string[] = [];
    fake.matching.pairs.forEach((pair, i) => {
      const o = fake.oldRoster.pupils.find((p) => p.id === pair.old);
      const n = fake.newRoster.pupils.find((p) => p.id === pair.new);
      if (!o || !n) throw new Error('pair without its pupils');
      const again = explainPair(pupilFeatures(o), pupilFeatures(n), assessPair(pupilFeatures(o), pupilFeatures(n), freq));
      for (const field of ['nom', 'prenom', 'dateNaissance'] as const) {
        const want = liveKinds[i]![ws.matching.pairs[i]!.evidence.findIndex((e) => e.field === field)];
        const got = again.find((e) => e.field === field)?.kind;
        total++;
        if (want === got) same++;
        else missed.push(`${field}:${want}→${got}`);
      }
    });
    // Nicknames of the engine's table have no made-up equivalent; anything else is kept but for a rare made-up word
    // no derivation fits (about 1 bundle in 75 loses one typo): every loss is counted in the bundle's own figures
    // (`kinds`, shown to the user before saving), never passed off as kept.
    const kinds = overview.kinds;
    if (!kinds) throw new Error('a pseudonymised bundle counts its kinds');
    expect(kinds.total).toBeGreaterThan(0);
    expect(missed.length, missed.join(', ')).toBeLessThanOrEqual(kinds.total - kinds.kept);
    expect(missed.filter((m) => !/^prenom:(nickname|other-first-name|variant)/.test(m)).length, missed.join(', ')).toBeLessThanOrEqual(Math.ceil(total * 0.01));
    expect(same / total).toBeGreaterThan(0.95);
    await app.core.call('diagnostic.close', {});
  });

  it('puts real data in the file only after the typed consent, encrypted with a password given once', async () => {
    // The server is down: exporting needs none.
    const { draftId } = await app.core.call('diagnostic.prepare', { real: true });
    await expect(app.core.call('diagnostic.save', { draftId, consent: 'oui' })).rejects.toMatchObject({ code: 'validation', key: 'diagnostic.consent' });
    const saved = await app.core.call('diagnostic.save', { draftId, consent: 'données réelles' });
    expect(saved.password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){5}$/);
    expect(saved.fileName).toMatch(/-chiffre\.json$/);
    const envelope = JSON.parse(saved.text) as { format: string; kdf: { name: string }; cipher: { name: string } };
    expect(envelope).toMatchObject({ format: 'passerelle-diagnostic-chiffre', kdf: { name: 'scrypt' }, cipher: { name: 'aes-256-gcm' } });
    for (const name of secrets.names.slice(0, 200)) expect(has(saved.text, name), name).toBe(false);
    const file = join(out, saved.fileName);
    writeFileSync(file, saved.text);
    const wrong = await cli('diagnostic', 'inspect', file, '--mot-de-passe', 'pas-le-bon');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Mot de passe incorrect/);
    const right = await cli('diagnostic', 'inspect', file, '--mot-de-passe', saved.password!, '--ecole', UAI, '--etape', '0', '--json');
    expect(right.code, right.err).toBe(0);
    const step = JSON.parse(right.out) as DiagnosticStep;
    const ws = live!.workspace;
    expect(step.workspace!.newRoster.pupils.map((p) => p.nom)).toEqual(ws.newRoster.pupils.map((p) => p.nom));
    // A tampered envelope (a parameter changed) does not open.
    const tampered = join(out, 'tampered.json');
    writeFileSync(tampered, saved.text.replace('"N": 32768', '"N": 16384'));
    expect((await cli('diagnostic', 'inspect', tampered, '--mot-de-passe', saved.password!)).code).toBe(1);
  }, 60_000);

  it('the CLI writes its log in the data folder, without any password or pupil name', () => {
    const dir = join(dataRoot, 'logs');
    const files = readdirSync(dir).filter((f) => /^cli\.\d{4}-\d{2}-\d{2}\.\d+\.log$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const text = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(text).toMatch(/"msg":"cli.command"/);
    expect(text).toMatch(/"command":"diagnostic"/);
    for (const literal of secrets.literal) expect(text.includes(literal)).toBe(false);
    expect(secrets.names.filter((n) => has(text, n))).toEqual([]);
    expect(secrets.dates.filter((d) => text.includes(d))).toEqual([]);
  });
});
