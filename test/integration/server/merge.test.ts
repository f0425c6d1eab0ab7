/** Merge batches: validation, 412, first-wins under concurrency, idempotency, the job, credentials, parents, teachers. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, mergeReceiptSchema, parentCandidatesResponseSchema, pupilCredentialsResponseSchema, schoolMergesResponseSchema, spacesResponseSchema, legacyRosterResponseSchema } from '../../../src-shared/api';
import { backends, SCHOOLS, startTestServer, type TestServer } from './harness';
import { followEvents, prepareMerge, waitDone } from './merge-helpers';

const key = () => randomUUID();

for (const backend of backends) {
  describe.skipIf(backend.skip)(`merge batches and the migration job (${backend.name})`, () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend, { workerChunkSize: 50 });
    });
    afterAll(async () => {
      await t?.stop();
    });

    it('requires an Idempotency-Key and returns every problem of an invalid batch at once (422)', async () => {
      const { director, grant, batch, legacy, roster } = await prepareMerge(t, SCHOOLS.primaire);
      const url = `/v1/schools/${SCHOOLS.primaire}/merges`;
      const noKey = await director.post(url, batch, { headers: { 'x-legacy-grant': grant } });
      expect(noKey.status).toBe(400);
      expect(noKey.json).toMatchObject({ error: { code: 'bad-request', problems: [{ path: expect.stringMatching(/idempotency-key/) }] } });
      const [p0, p1] = batch.pupils;
      const bad = {
        ...batch,
        classes: [
          { action: 'recover' as const, oldClassId: legacy.classes[1]?.id ?? '', newClassId: 'n-inconnue', apps: ['blog' as const, 'blog' as const] },
          { action: 'skip' as const, oldClassId: legacy.classes[0]?.id ?? '' },
          { action: 'skip' as const, oldClassId: legacy.classes[0]?.id ?? '' },
          { action: 'skip' as const, oldClassId: 'o-inconnue' },
        ],
        pupils: [
          { oldPupilId: p0?.oldPupilId ?? '', newPupilId: p0?.newPupilId ?? '' },
          { oldPupilId: p0?.oldPupilId ?? '', newPupilId: p1?.newPupilId ?? '' },
          { oldPupilId: p1?.oldPupilId ?? '', newPupilId: p1?.newPupilId ?? '' },
          { oldPupilId: p1?.oldPupilId ?? '', newPupilId: 'n-personne' },
        ],
      };
      const res = await director.post(url, bad, { headers: { 'idempotency-key': key(), 'x-legacy-grant': grant } });
      expect(res.status).toBe(422);
      const paths = apiErrorBodySchema.parse(res.json).error.problems?.map((p) => p.path) ?? [];
      expect(paths).toEqual(expect.arrayContaining(['classes.0.newClassId', 'classes.0.apps', 'classes.2.oldClassId', 'classes.3.oldClassId', 'pupils.1.oldPupilId', 'pupils.2.newPupilId', 'pupils.3.newPupilId']));
      // An old id nobody's grant covers (here: one that does not exist) is refused as not covered, before validation.
      const unknownOld = await director.post(url, { ...batch, pupils: [{ oldPupilId: 'o-personne', newPupilId: roster.pupils[0]?.id ?? '' }] }, { headers: { 'idempotency-key': key(), 'x-legacy-grant': grant } });
      expect(unknownOld.status).toBe(403);
      expect(apiErrorBodySchema.parse(unknownOld.json).error.problems?.map((p) => p.path)).toEqual(['pupils.0.oldPupilId']);
      // Without a grant, nothing of last year moves: refused before anything is read or written.
      const noGrant = await director.post(url, batch, { headers: { 'idempotency-key': key() } });
      expect(noGrant.status).toBe(403);
      expect(apiErrorBodySchema.parse(noGrant.json).error.code).toBe('forbidden');
      const malformed = await director.post(url, { ...batch, pupils: 'tous' }, { headers: { 'idempotency-key': key(), 'x-legacy-grant': grant } });
      expect(malformed.status).toBe(400);
    });

    it('refuses a batch built on a roster that changed since (412, with what changed)', async () => {
      const { director, grant, batch, roster } = await prepareMerge(t, SCHOOLS.primaire);
      const added = await director.post(`/v1/schools/${SCHOOLS.primaire}/roster/pupils`, { nom: "N'Diaye", prenom: 'Aïssatou', dateNaissance: '2019-03-14', sexe: 'F', niveau: 'CP', classId: roster.classes[3]?.id });
      expect(added.status).toBe(201);
      const res = await director.post(`/v1/schools/${SCHOOLS.primaire}/merges`, batch, { headers: { 'idempotency-key': key(), 'x-legacy-grant': grant } });
      expect(res.status).toBe(412);
      const body = apiErrorBodySchema.parse(res.json);
      expect(body.error.code).toBe('stale-roster');
      expect(body.error.details?.currentVersions?.new).not.toBe(batch.baseVersions.new);
      expect(body.error.details?.changes?.[0]?.description).toMatch(/Aïssatou N'DIAYE/);
    });

    it('accepts exactly one of two batches sent at once for the same school; the other gets 409 with when and by whom', async () => {
      const { director, grant, batch } = await prepareMerge(t, SCHOOLS.elementaire);
      const referent = await t.login(t.find((a) => a.year === 'new' && a.role === 'referent'));
      const url = `/v1/schools/${SCHOOLS.elementaire}/merges`;
      // Batches that move nothing of last year (credentials only) need no grant: they race with the director's.
      const other = { ...batch, schoolSpace: null, classes: [], pupils: [], personalApps: ['profile' as const] };
      const [a, b, ...more] = await Promise.all([
        director.post(url, batch, { headers: { 'idempotency-key': key(), 'x-legacy-grant': grant } }),
        referent.post(url, other, { headers: { 'idempotency-key': key() } }),
        director.post(url, other, { headers: { 'idempotency-key': key() } }),
        referent.post(url, { ...other, personalApps: [] }, { headers: { 'idempotency-key': key() } }),
      ]);
      if (!a || !b) throw new Error('missing answers');
      expect([a.status, b.status, ...more.map((r) => r.status)].filter((s) => s === 202)).toHaveLength(1);
      expect([a.status, b.status, ...more.map((r) => r.status)].filter((s) => s === 409)).toHaveLength(3);
      if (a.status !== 202 && b.status !== 202) return;
      const conflict = apiErrorBodySchema.parse((a.status === 409 ? a : b).json);
      expect(conflict.error.code).toBe('conflict');
      expect(conflict.error.details?.acceptedAt).toMatch(/^\d{4}-/);
      expect(['director', 'referent']).toContain(conflict.error.details?.acceptedByRole);
      expect(await t.db.selectFrom('merges').select('id').where('school_uai', '=', SCHOOLS.elementaire).execute()).toHaveLength(1);
      await waitDone(director, mergeReceiptSchema.parse((a.status === 202 ? a : b).json).id);
    });

    it('gives the same answer to the same batch sent twice at once with the same key', async () => {
      const { director, grant, batch } = await prepareMerge(t, SCHOOLS.primaire);
      const headers = { 'idempotency-key': key(), 'x-legacy-grant': grant };
      const url = `/v1/schools/${SCHOOLS.primaire}/merges`;
      const [a, b] = await Promise.all([director.post(url, batch, { headers }), director.post(url, batch, { headers })]);
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.text).toBe(b.text);
      expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].filter(Boolean)).toHaveLength(1);
      await waitDone(director, mergeReceiptSchema.parse(a.json).id);
    });

    it('applies the whole recovery once: same key and body → same answer, other body → 422, later batches → 409', async () => {
      const { director, grant, batch, legacy, roster, truth } = await prepareMerge(t, SCHOOLS.rural);
      const url = `/v1/schools/${SCHOOLS.rural}/merges`;
      const k = key();
      const headers = { 'idempotency-key': k, 'x-legacy-grant': grant };
      const first = await director.post(url, batch, { headers });
      expect(first.status).toBe(202);
      const receipt = mergeReceiptSchema.parse(first.json);
      const replay = await director.post(url, batch, { headers });
      expect(replay.status).toBe(202);
      expect(replay.text).toBe(first.text);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect((await director.post(url, { ...batch, personalApps: [] }, { headers })).status).toBe(422);
      expect((await director.post(url, batch, { headers: { ...headers, 'idempotency-key': key() } })).status).toBe(409);

      expect((await t.client().get(`/v1/merges/${receipt.id}/events`)).status).toBe(401);
      const otherDirector = await t.login(t.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.primaire));
      expect((await otherDirector.get(`/v1/merges/${receipt.id}`)).status).toBe(403);
      expect((await otherDirector.get(`/v1/merges/${receipt.id}/events`)).status).toBe(403);
      const states = await followEvents(t, director, receipt.id);
      const done = states[states.length - 1];
      expect(done?.status).toBe('done');
      for (const s of done?.steps ?? []) expect(s.done, s.name).toBe(s.total);

      // Counts: what was chosen moved to the new spaces, exactly once.
      const spaces = spacesResponseSchema.parse((await director.get(`/v1/schools/${SCHOOLS.rural}/spaces`)).json);
      const school = spaces.spaces.find((s) => s.kind === 'school');
      expect(school?.apps).toEqual({ blog: legacy.schoolSpace?.apps.blog, media: legacy.schoolSpace?.apps.media, calendar: legacy.schoolSpace?.apps.calendar, liaison: legacy.schoolSpace?.apps.liaison });
      const expectedBlog = legacy.classes.reduce((n, c) => n + (c.apps.blog ?? 0), 0);
      expect(spaces.spaces.filter((s) => s.kind === 'class').reduce((n, s) => n + (s.apps.blog ?? 0), 0)).toBe(expectedBlog);
      expect(spaces.spaces.reduce((n, s) => n + s.licences, 0)).toBe(legacy.classes.reduce((n, c) => n + c.licences, 0));
      const associated = new Set(truth.map((p) => p.oldId));
      const expectedMessages = legacy.pupils.filter((p) => associated.has(p.id)).reduce((n, p) => n + (p.personalData.messages ?? 0), 0);
      expect(spaces.pupilPersonalData.messages ?? 0).toBe(expectedMessages);
      expect(spaces.pupilPersonalData.profile).toBe(truth.length);
      const after = legacyRosterResponseSchema.parse((await director.get(`/v1/legacy/schools/${SCHOOLS.rural}/roster`, { headers: { 'x-legacy-grant': grant } })).json);
      expect(after.schoolSpace?.apps).toEqual({});

      // Credentials of new pupils without association: for every manager of the school, each fetch recorded,
      // sealed at rest, until a manager marks the letters printed.
      const creds = await director.get(`/v1/merges/${receipt.id}/credentials`);
      expect(creds.status).toBe(200);
      const list = pupilCredentialsResponseSchema.parse(creds.json).credentials;
      expect(list).toHaveLength(roster.pupils.length - truth.length);
      expect(new Set(list.map((c) => c.login)).size).toBe(list.length);
      expect((await t.client().post('/v1/auth/login', { login: list[0]?.login, password: list[0]?.password })).status).toBe(200);
      const stored = await t.db.selectFrom('pupil_credentials').select('password').where('merge_id', '=', receipt.id).execute();
      expect(stored.every((r) => r.password?.startsWith('s1.'))).toBe(true);
      expect(JSON.stringify(stored)).not.toContain(list[0]?.password ?? 'x');
      const referent = await t.login(t.find((a) => a.year === 'new' && a.role === 'referent'));
      const again = await referent.get(`/v1/merges/${receipt.id}/credentials`);
      expect(pupilCredentialsResponseSchema.parse(again.json).credentials).toEqual(list);
      expect((await otherDirector.get(`/v1/merges/${receipt.id}/credentials`)).status).toBe(403);
      const audit = await t.db.selectFrom('credential_fetches').selectAll().where('merge_id', '=', receipt.id).execute();
      expect(audit.map((a) => a.role).sort()).toEqual(['director', 'referent']);
      const status = schoolMergesResponseSchema.parse((await referent.get('/v1/schools/merges')).json).schools.find((x) => x.uai === SCHOOLS.rural);
      expect(status?.merge).toMatchObject({ id: receipt.id, status: 'done', acceptedByRole: 'director', credentialsAvailable: true, credentialsReleasedAt: null });
      expect(status?.merge?.acceptedByName).toMatch(/\S+ \S+/);
      expect((await otherDirector.post(`/v1/merges/${receipt.id}/credentials/printed`, {})).status).toBe(403);
      expect((await referent.post(`/v1/merges/${receipt.id}/credentials/printed`, {})).status).toBe(204);
      const gone = await director.get(`/v1/merges/${receipt.id}/credentials`);
      expect(gone.status).toBe(410);
      expect(apiErrorBodySchema.parse(gone.json).error.message).toMatch(/imprimées/);
      expect((await t.db.selectFrom('pupil_credentials').select('password').where('merge_id', '=', receipt.id).where('password', 'is not', null).execute())).toHaveLength(0);
      expect(schoolMergesResponseSchema.parse((await director.get('/v1/schools/merges')).json).schools.find((x) => x.uai === SCHOOLS.rural)?.merge?.credentialsAvailable).toBe(false);
      // An associated pupil keeps last year's login and password.
      const oldPupil = t.accounts.find((a) => a.year === 'old' && a.role === 'pupil' && a.school === SCHOOLS.rural);
      if (oldPupil) expect((await t.client().post('/v1/auth/login', { login: oldPupil.login, password: oldPupil.password })).status).toBe(200);
    });

    it('lets parents confirm or refuse their old account at login, and teachers link their own old account', async () => {
      const parents = t.accounts.filter((a) => a.year === 'new' && a.role === 'parent' && a.school === SCHOOLS.rural);
      const [p1, p2] = parents;
      if (!p1 || !p2) throw new Error('demo parents missing');
      const c1 = await t.login(p1);
      const cand = parentCandidatesResponseSchema.parse((await c1.get('/v1/parents/me/candidates')).json);
      expect(cand.decision).toBeNull();
      expect(cand.candidates.length).toBeGreaterThan(0);
      expect(cand.candidates[0]?.label).toMatch(/^Parent de .+ [A-ZÀ-Ý' -]+ — .+/);
      expect((await c1.post('/v1/parents/me/decision', { decision: 'confirm', candidateId: 'o-inconnu' })).status).toBe(422);
      const confirmed = await c1.post('/v1/parents/me/decision', { decision: 'confirm', candidateId: cand.candidates[0]?.id });
      expect(confirmed.status).toBe(200);
      expect(confirmed.json).toMatchObject({ decision: 'confirmed', moved: { profile: 1 } });
      expect((await c1.post('/v1/parents/me/decision', { decision: 'refuse' })).status).toBe(409);
      expect(parentCandidatesResponseSchema.parse((await c1.get('/v1/parents/me/candidates')).json)).toEqual({ candidates: [], decision: 'confirmed' });
      const c2 = await t.login(p2);
      expect((await c2.post('/v1/parents/me/decision', { decision: 'refuse' })).json).toEqual({ decision: 'refused', moved: {} });

      const newDirector = t.find((a) => a.year === 'new' && a.role === 'director' && a.school === SCHOOLS.rural);
      const oldSelf = t.find((a) => a.year === 'old' && a.role === 'director' && a.school === SCHOOLS.rural);
      const teacher = await t.login(newDirector);
      const oldParent = t.find((a) => a.year === 'old' && a.role === 'parent' && a.school === SCHOOLS.elementaire);
      expect((await teacher.post('/v1/teachers/me/link-old-account', { login: oldParent.login, password: oldParent.password })).status).toBe(403);
      expect((await teacher.post('/v1/teachers/me/link-old-account', { login: oldSelf.login, password: 'faux' })).status).toBe(401);
      const linked = await teacher.post('/v1/teachers/me/link-old-account', { login: oldSelf.login, password: oldSelf.password });
      expect(linked.status).toBe(200);
      expect(linked.json).toMatchObject({ decision: 'linked', moved: { profile: 1, messages: expect.any(Number) } });
      expect((await teacher.post('/v1/teachers/me/link-old-account', { login: oldSelf.login, password: oldSelf.password })).status).toBe(409);
    });
  });
}
