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
