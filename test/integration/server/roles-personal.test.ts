/**
 * A school adult's own personal data with the grant of their own old account (issue "every role has its screens"),
 * tried from the attacker's side over HTTP: no grant, another session's grant, a parent, a replay, another person
 * claiming an old account already taken, two new accounts claiming one old account at the same time. Every refusal
 * is checked to have moved nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, legacyGrantSchema, personalDataResponseSchema, personalTransferResponseSchema } from '../../../src-shared/api';
import { backends, SCHOOLS, startTestServer, type Client, type DemoAccount, type TestServer } from './harness';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`a school adult's own personal data (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(async () => {
      await t?.stop();
    });

    const account = (role: string, year: 'new' | 'old', school: string): DemoAccount => t.find((a) => a.role === role && a.year === year && a.school === school);
    const idOf = async (login: string) => (await t.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;
    /** Items per app of an account's personal space, straight from the database. */
    async function items(accountId: string): Promise<Record<string, number>> {
      const rows = await t.db
        .selectFrom('items')
        .innerJoin('spaces', 'spaces.id', 'items.space_id')
        .select(['items.app', (eb) => eb.fn.countAll<number>().as('n')])
        .where('spaces.owner_id', '=', accountId)
        .where('spaces.kind', '=', 'personal')
        .groupBy('items.app')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.app, Number(r.n)]));
    }
    async function prove(c: Client, old: { login: string; password: string }): Promise<string> {
      const res = await c.post('/v1/legacy/verify', { login: old.login, password: old.password });
      expect(res.status).toBe(200);
      return legacyGrantSchema.parse(res.json).grant;
    }
    const grantHeader = (grant: string) => ({ headers: { 'x-legacy-grant': grant } });

    it('moves only the apps a director chose from their proven old account, once; every other attempt moves nothing', async () => {
      const director = account('director', 'new', SCHOOLS.primaire);
      const old = account('director', 'old', SCHOOLS.primaire);
      const [newId, oldId] = [await idOf(director.login), await idOf(old.login)];
      const c = await t.login(director);
      const before = { mine: await items(newId), old: await items(oldId) };
      expect(before.old.messages).toBeGreaterThan(0);

      // Without a grant: what the account holds, nothing of the old one, and no move.
      const plain = personalDataResponseSchema.parse((await c.get('/v1/me/personal-data')).json);
      expect(plain).toEqual({ mine: before.mine, old: null, claim: null });
      const grantless = await c.post('/v1/me/personal-data', { apps: ['messages'] });
      expect(grantless.status).toBe(403);
      expect(apiErrorBodySchema.parse(grantless.json).error.message).toMatch(/ancien compte/);

      // Another session's grant (stolen, or of a previous sign-in) is refused: a grant dies with its session.
      const grant = await prove(c, old);
      const otherSession = await t.login(director);
      expect((await otherSession.post('/v1/me/personal-data', { apps: ['messages'] }, grantHeader(grant))).status).toBe(401);
      // Another adult with that grant: refused too.
      const referent = await t.login(t.find((a) => a.role === 'referent' && a.year === 'new'));
      expect((await referent.post('/v1/me/personal-data', { apps: ['messages'] }, grantHeader(grant))).status).toBe(401);
      // A parent has no adult school data here (and cannot obtain a grant).
      const parent = await t.login(account('parent', 'new', SCHOOLS.primaire));
      expect((await parent.get('/v1/me/personal-data')).status).toBe(403);
      expect((await parent.post('/v1/me/personal-data', { apps: ['messages'] }, grantHeader(grant))).status).toBe(401);
      // Nothing chosen, or an unknown app: 400 before anything.
      expect((await c.post('/v1/me/personal-data', { apps: [] }, grantHeader(grant))).status).toBe(400);
      expect((await c.post('/v1/me/personal-data', { apps: ['messages', 'blog'] }, grantHeader(grant))).status).toBe(400);
      expect({ mine: await items(newId), old: await items(oldId) }).toEqual(before);

      const view = personalDataResponseSchema.parse((await c.get('/v1/me/personal-data', grantHeader(grant))).json);
      expect(view.old).toMatchObject({ login: old.login, apps: before.old, taken: false });

      const moved = await c.post('/v1/me/personal-data', { apps: ['messages', 'profile'] }, grantHeader(grant));
      expect(moved.status).toBe(200);
      const transfer = personalTransferResponseSchema.parse(moved.json);
      expect(transfer).toEqual({ decision: 'linked', moved: { messages: before.old.messages, profile: before.old.profile } });
      const after = { mine: await items(newId), old: await items(oldId) };
      expect(after.mine.messages).toBe((before.mine.messages ?? 0) + (before.old.messages ?? 0));
      expect(after.old.messages ?? 0).toBe(0);
      // The media library was not chosen: it stays in the old account.
      expect(after.old.media ?? 0).toBe(before.old.media ?? 0);

      // Replay, or the other apps now: final, nothing moves.
      const replay = await c.post('/v1/me/personal-data', { apps: ['media'] }, grantHeader(grant));
      expect(replay.status).toBe(409);
      expect(apiErrorBodySchema.parse(replay.json).error.message).toMatch(/définitive/);
      expect({ mine: await items(newId), old: await items(oldId) }).toEqual(after);
      const done = personalDataResponseSchema.parse((await c.get('/v1/me/personal-data', grantHeader(grant))).json);
      expect(done.claim).toMatchObject({ oldLogin: old.login, apps: ['messages', 'profile'] });

      // Someone else who knows that old password cannot take what is left of it.
      const teacher = await t.login(t.find((a) => a.role === 'teacher' && a.year === 'new' && a.school === SCHOOLS.primaire && a.login !== director.login));
      const stolen = await prove(teacher, old);
      const taken = await teacher.post('/v1/me/personal-data', { apps: ['media'] }, grantHeader(stolen));
      expect(taken.status).toBe(409);
      expect(apiErrorBodySchema.parse(taken.json).error.message).toMatch(/déjà été récupérées/);
      expect(personalDataResponseSchema.parse((await teacher.get('/v1/me/personal-data', grantHeader(stolen))).json).old?.taken).toBe(true);
      expect({ mine: await items(newId), old: await items(oldId) }).toEqual(after);
    });

    it('gives an old account to one new account only when two claim it at the same moment, each with its own grant', async () => {
      const oldTeacher = t.find((a) => a.role === 'teacher' && a.year === 'old' && a.school === SCHOOLS.elementaire);
      const oldId = await idOf(oldTeacher.login);
      const claimants = t.accounts.filter((a) => a.role === 'teacher' && a.year === 'new' && a.school === SCHOOLS.elementaire).slice(0, 3);
      expect(claimants).toHaveLength(3);
      const clients = await Promise.all(claimants.map((a) => t.login(a)));
      const grants = await Promise.all(clients.map((c) => prove(c, oldTeacher)));
      const total = Object.values(await items(oldId)).reduce((a, b) => a + b, 0);
      const answers = await Promise.all(clients.map((c, i) => c.post('/v1/me/personal-data', { apps: ['messages', 'media', 'profile'] }, grantHeader(grants[i] ?? ''))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
      expect(await t.db.selectFrom('personal_claims').selectAll().where('old_account_id', '=', oldId).execute()).toHaveLength(1);
      const winner = answers.findIndex((a) => a.status === 200);
      const ids = await Promise.all(claimants.map((a) => idOf(a.login)));
      const moved = personalTransferResponseSchema.parse(answers[winner]?.json).moved;
      expect(Object.values(moved).reduce((a, b) => a + b, 0)).toBe(total);
      // The losers' own decision stays open: nothing was decided, nor moved, for them.
      for (const [i, id] of ids.entries()) {
        const row = await t.db.selectFrom('accounts').select('personal_decision').where('id', '=', id).executeTakeFirstOrThrow();
        expect(row.personal_decision).toBe(i === winner ? 'linked' : null);
      }
      expect(Object.values(await items(oldId)).reduce((a, b) => a + b, 0)).toBe(0);
    });
  });
}
