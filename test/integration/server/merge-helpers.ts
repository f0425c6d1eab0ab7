/** Building a realistic merge batch from the demo's ground truth, and following a job to its end. */
import { expect } from 'vitest';
import { legacyGrantSchema, legacyRosterResponseSchema, mergeResponseSchema, rosterResponseSchema, type LegacyRosterResponse, type MergeBatch, type MergeResponse, type RosterResponse } from '../../../src-shared/api';
import { generateDemoSchools } from '../../../src-server/demo/academie';
import { DEFAULT_DEMO_SEED } from '../../../src-server/index';
import type { Client, TestServer } from './harness';

export interface Prepared {
  director: Client;
  grant: string;
  roster: RosterResponse;
  legacy: LegacyRosterResponse;
  truth: Array<{ oldId: string; newId: string }>;
  batch: MergeBatch;
}

export async function prepareMerge(t: TestServer, uai: string, seed = DEFAULT_DEMO_SEED): Promise<Prepared> {
  const director = await t.login(t.find((a) => a.year === 'new' && a.role === 'director' && a.school === uai));
  const old = t.find((a) => a.year === 'old' && a.role === 'director' && a.school === uai);
  const grant = legacyGrantSchema.parse((await director.post('/v1/legacy/verify', { login: old.login, password: old.password })).json).grant;
  const roster = rosterResponseSchema.parse((await director.get(`/v1/schools/${uai}/roster`)).json);
  const legacy = legacyRosterResponseSchema.parse((await director.get(`/v1/legacy/schools/${uai}/roster`, { headers: { 'x-legacy-grant': grant } })).json);
  const truth = generateDemoSchools(seed).find((s) => s.uai === uai)?.truth ?? [];
  const batch: MergeBatch = {
    baseVersions: { new: roster.version, old: legacy.version },
    schoolSpace: { apps: ['blog', 'media', 'calendar', 'liaison'] },
    classes: legacy.classes.map((c, i) =>
      i === legacy.classes.length - 1 && legacy.classes.length > 2
        ? { action: 'skip' as const, oldClassId: c.id }
        : { action: 'recover' as const, oldClassId: c.id, newClassId: roster.classes[i % roster.classes.length]?.id ?? '', apps: ['blog', 'media', 'calendar', 'homework', 'liaison'] },
    ),
    pupils: truth.map((p) => ({ oldPupilId: p.oldId, newPupilId: p.newId })),
    personalApps: ['messages', 'media', 'profile'],
  };
  return { director, grant, roster, legacy, truth, batch };
}

/** Reads the SSE stream until its `end` event; returns every progress state seen. */
export async function followEvents(t: TestServer, c: Client, mergeId: string): Promise<MergeResponse[]> {
  const res = await fetch(`${t.url}/v1/merges/${mergeId}/events`, { headers: { authorization: `Bearer ${c.token ?? ''}` } });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await res.text();
  const states: MergeResponse[] = [];
  let sawEnd = false;
  for (const block of text.split('\n\n')) {
    const event = /^event: (\w+)/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (!event || !data) continue;
    if (event === 'end') sawEnd = true;
    states.push(mergeResponseSchema.parse(JSON.parse(data)));
  }
  expect(sawEnd).toBe(true);
  return states;
}

export async function waitDone(c: Client, mergeId: string, timeoutMs = 30_000): Promise<MergeResponse> {
  const start = Date.now();
  for (;;) {
    const state = mergeResponseSchema.parse((await c.get(`/v1/merges/${mergeId}`)).json);
    if (state.status === 'done' || state.status === 'failed') return state;
    if (Date.now() - start > timeoutMs) throw new Error(`merge ${mergeId} not done: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A merged pupil's two parents, this year and last year. */
export interface Family { newParents: string[]; oldParents: Array<{ id: string; prenom: string }> }

/** The families of a merged school with two parents both years, by child; the new parents' ids sorted. */
export async function twoParentFamilies(t: TestServer, uai: string): Promise<Family[]> {
  const links = await t.db
    .selectFrom('accounts as oldChild')
    .innerJoin('parent_links as oldLink', 'oldLink.pupil_id', 'oldChild.id')
    .innerJoin('accounts as oldParent', 'oldParent.id', 'oldLink.parent_id')
    .innerJoin('parent_links as newLink', 'newLink.pupil_id', 'oldChild.merged_into')
    .select(['oldChild.id as child', 'oldParent.id as oldParent', 'oldParent.prenom as oldPrenom', 'newLink.parent_id as newParent'])
    .where('oldChild.school_uai', '=', uai)
    .where('oldChild.merged_into', 'is not', null)
    .orderBy('oldChild.id')
    .execute();
  const byChild = new Map<string, Family>();
  for (const l of links) {
    const f = byChild.get(l.child) ?? { newParents: [], oldParents: [] };
    if (!f.newParents.includes(l.newParent)) f.newParents.push(l.newParent);
    if (!f.oldParents.some((o) => o.id === l.oldParent)) f.oldParents.push({ id: l.oldParent, prenom: l.oldPrenom });
    byChild.set(l.child, f);
  }
  return [...byChild.values()].filter((f) => f.newParents.length === 2 && f.oldParents.length === 2).map((f) => ({ ...f, newParents: [...f.newParents].sort() }));
}
