/**
 * Work on many schools at once (an ENT referent's): the board, downloads / confirmations / sendings with bounded
 * concurrency, and downloads asked for but not finished, kept in the encrypted cache so they resume when the
 * server answers again — also after a restart. Each school stays its own batch; nothing here bypasses a school's
 * rules (its phase, its grant, its undecided pairs).
 */
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { BOARD_STATES, type Board, type BoardRow, type BoardState, type LegacyProof } from '../../../src-shared/rpc/referent';
import { undecidedOf } from '../batch/review';
import type { LegacyCredentials } from '../types';
import type { SchoolContext } from '../school/context';
import { acceptAuto } from '../school/decisions';
import { pull } from '../school/pulls';
import { knownName, listSchools } from '../school/reads';
import { confirm, send } from '../school/sending';

/** How many schools are downloaded or sent at the same time (each is a few requests; the ENT limits per client). */
export const MANY_CONCURRENCY = 4;

const PENDING_KEY = 'referent.pending-pulls';
const pendingSchema = z.object({ uais: z.array(z.string()) });

interface Running {
  progress: Map<string, { done: number; total: number; label?: string }>;
  errors: Map<string, string>;
  active: Set<string>;
}
const running = new WeakMap<SchoolContext, Running>();
function runningOf(ctx: SchoolContext): Running {
  let r = running.get(ctx);
  if (!r) {
    r = { progress: new Map(), errors: new Map(), active: new Set() };
    running.set(ctx, r);
    const state = r;
    // Each school's download reports `pull:<uai>` progress: kept for the board.
    ctx.events.on('progress', (p) => {
      const [kind, uai] = p.task.split(':');
      if (kind === 'pull' && uai && state.active.has(uai)) state.progress.set(uai, { done: p.done, total: p.total, ...(p.label ? { label: p.label } : {}) });
    });
  }
  return r;
}

/** Runs `work` over `items`, at most `limit` at a time, results in the items' order; never throws. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

const messageOf = (err: unknown): string => (err instanceof AppError ? err.message : "Une erreur inattendue s'est produite.");

/** One proof of the old account for every school it covers. */
export async function proveLegacy(ctx: SchoolContext, legacy: LegacyCredentials): Promise<LegacyProof> {
  const grant = await ctx.proveLegacy(legacy);
  const classSchools = new Map<string, number>();
  for (const c of grant.classSpaces) classSchools.set(c.schoolUai, (classSchools.get(c.schoolUai) ?? 0) + 1);
  for (const s of grant.schoolSpaces) ctx.events.emit('school.changed', { uai: s.schoolUai });
  return {
    oldAccount: { login: grant.oldAccount.login, nom: grant.oldAccount.nom, prenom: grant.oldAccount.prenom },
    expiresAt: grant.expiresAt,
    schools: grant.schoolSpaces.map((s) => ({ uai: s.schoolUai, name: s.name })),
    classSchools: [...classSchools].filter(([uai]) => !grant.schoolSpaces.some((s) => s.schoolUai === uai)).map(([uai, classes]) => ({ uai, classes })),
  };
}

export function pendingPulls(ctx: SchoolContext): string[] {
  return ctx.secrets.get(PENDING_KEY, pendingSchema)?.uais ?? [];
}

function setPending(ctx: SchoolContext, uais: readonly string[]): void {
  if (uais.length === 0) ctx.secrets.delete(PENDING_KEY);
  else ctx.secrets.set(PENDING_KEY, { uais: [...new Set(uais)] });
}

/**
 * Downloads the schools, `MANY_CONCURRENCY` at a time. The list is kept first: a network cut or a restart leaves
 * the rest pending (the board says so and the background work resumes them when the server answers). A school that
 * fails for another reason (no grant for it, reconciled elsewhere) is reported and dropped from the pending list.
 */
export async function pullMany(ctx: SchoolContext, uais: readonly string[], legacy: LegacyCredentials | null, concurrency = MANY_CONCURRENCY): Promise<Array<{ uai: string; ok: boolean; error: string | null }>> {
  if (legacy) await ctx.proveLegacy(legacy, uais);
  setPending(ctx, [...pendingPulls(ctx), ...uais]);
  const r = runningOf(ctx);
  let done = 0;
  const report = (): void => ctx.events.emit('progress', { task: 'pull-many', step: 'schools', done, total: uais.length, label: `Téléchargement des écoles : ${done} sur ${uais.length}` });
  report();
  const results = await mapBounded(uais, concurrency, async (uai) => {
    r.active.add(uai);
    r.errors.delete(uai);
    r.progress.set(uai, { done: 0, total: 1 });
    ctx.events.emit('school.changed', { uai });
    try {
      await pull(ctx, uai, null);
      setPending(ctx, pendingPulls(ctx).filter((u) => u !== uai));
      return { uai, ok: true, error: null };
    } catch (err) {
      const message = messageOf(err);
      r.errors.set(uai, message);
      // Offline: stays pending (resumed later). Anything else will not get better by itself.
      if (!(err instanceof AppError && err.code === 'offline')) setPending(ctx, pendingPulls(ctx).filter((u) => u !== uai));
      return { uai, ok: false, error: message };
    } finally {
      r.active.delete(uai);
      r.progress.delete(uai);
      done++;
      report();
      ctx.events.emit('school.changed', { uai });
    }
  });
  return results;
}

/** Downloads still pending (asked for, interrupted): resumed by the background work when the server answers. */
export async function resumePulls(ctx: SchoolContext): Promise<void> {
  const pending = pendingPulls(ctx).filter((uai) => !runningOf(ctx).active.has(uai));
  if (pending.length > 0) await pullMany(ctx, pending, null);
}

export async function acceptAutoMany(ctx: SchoolContext, uais: readonly string[]): Promise<Array<{ uai: string; ok: boolean; error: string | null; accepted: number }>> {
  return uais.map((uai) => {
    try {
      return { uai, ok: true, error: null, accepted: acceptAuto(ctx, uai).accepted };
    } catch (err) {
      return { uai, ok: false, error: messageOf(err), accepted: 0 };
    }
  });
}

export function confirmMany(ctx: SchoolContext, uais: readonly string[]): Array<{ uai: string; ok: boolean; error: string | null; summary: ReturnType<typeof confirm>['summary'] | null }> {
  return uais.map((uai) => {
    try {
      return { uai, ok: true, error: null, summary: confirm(ctx, uai).summary };
    } catch (err) {
      return { uai, ok: false, error: messageOf(err), summary: null };
    }
  });
}

/** Sends the confirmed batches until the ENT accepted each (the background work follows the merges). */
export async function pushMany(ctx: SchoolContext, uais: readonly string[], legacy: LegacyCredentials | null, concurrency = MANY_CONCURRENCY): Promise<Array<{ uai: string; ok: boolean; error: string | null; outcome: string | null }>> {
  if (legacy) await ctx.proveLegacy(legacy, uais);
  return mapBounded(uais, concurrency, async (uai) => {
    try {
      return { uai, ok: true, error: null, outcome: await send(ctx, uai, null) };
    } catch (err) {
      return { uai, ok: false, error: messageOf(err), outcome: null };
    }
  });
}

function stateOf(ctx: SchoolContext, uai: string, r: Running, undecided: number | null): BoardState {
  if (r.active.has(uai)) return 'pulling';
  const phase = ctx.phase(uai);
  switch (phase) {
    case 'not-pulled':
      return r.errors.has(uai) ? 'pull-failed' : pendingPulls(ctx).includes(uai) ? 'pulling' : 'not-pulled';
    case 'pulled':
      return undecided ? 'to-review' : 'ready';
    case 'confirmed':
      return 'confirmed';
    case 'sending':
      return 'sending';
    case 'accepted':
      return 'merging';
    case 'failed':
      return 'failed';
    case 'merged':
      return 'merged';
    case 'reconciled-elsewhere': {
      if (ctx.outbox.latest(uai)?.lastError === 'conflict') return 'conflict';
      const ent = ctx.ent.of(uai);
      return ent && ent.status !== 'done' && ent.status !== 'failed' ? 'merging' : ent?.status === 'failed' ? 'failed' : 'merged';
    }
  }
}

/** One school's line of the board, from the cache (counts only for a downloaded school). */
export function boardRow(ctx: SchoolContext, uai: string, name: string, commune: string | null): BoardRow {
  const r = runningOf(ctx);
  let counts: BoardRow['counts'] = null;
  const stored = ctx.snapshots.school(uai);
  if (stored && stored.phase !== 'merged' && !r.active.has(uai)) {
    const loaded = ctx.loaded(uai);
    const state = ctx.state(uai);
    const undecided = undecidedOf(loaded, state);
    const pendingNew = new Set(undecided.map((p) => p.new));
    const pendingOld = new Set(undecided.map((p) => p.old));
    const linkedOld = new Set([...state.links.values()].map((l) => l.oldId));
    counts = {
      newPupils: loaded.newRoster.pupils.length,
      oldPupils: loaded.oldRoster.pupils.length,
      linked: state.links.size,
      undecided: undecided.length,
      unmatchedNew: loaded.newRoster.pupils.filter((p) => !state.links.has(p.id) && !pendingNew.has(p.id)).length,
      unmatchedOld: loaded.oldRoster.pupils.filter((p) => !linkedOld.has(p.id) && !pendingOld.has(p.id)).length,
    };
  }
  const ent = ctx.ent.of(uai);
  const phase = ctx.phase(uai);
  const merging = ent && (ent.status === 'accepted' || ent.status === 'running') ? { done: ent.progress.done, total: ent.progress.total } : null;
  return {
    uai,
    name: stored?.name ?? name,
    commune,
    state: stateOf(ctx, uai, r, counts?.undecided ?? null),
    phase,
    covered: ctx.validGrant(uai) !== null,
    counts,
    progress: r.progress.get(uai) ?? merging,
    error: r.errors.get(uai) ?? null,
    ent,
  };
}

/** The board: every school of the account the user manages (director or referent), with totals. */
export async function board(ctx: SchoolContext, refresh: boolean): Promise<Board> {
  const account = refresh ? null : ctx.rememberedAccount();
  const schools = account
    ? account.schools.filter((s) => account.roles.some((role) => role.schoolUai === s.uai && (role.role === 'director' || role.role === 'referent'))).map((s) => ({ uai: s.uai, name: s.name, commune: s.commune ?? null }))
    : (await listSchools(ctx)).filter((s) => s.roles.includes('director') || s.roles.includes('referent')).map((s) => ({ uai: s.uai, name: s.name, commune: communeOf(ctx, s.uai) }));
  const rows = schools.map((s) => boardRow(ctx, s.uai, s.name || knownName(ctx, s.uai), s.commune));
  const byState = Object.fromEntries(BOARD_STATES.map((s) => [s, 0])) as Record<BoardState, number>;
  for (const row of rows) byState[row.state] += 1;
  return {
    rows,
    totals: { schools: rows.length, byState, newPupils: rows.reduce((n, row) => n + (row.counts?.newPupils ?? 0), 0), undecided: rows.reduce((n, row) => n + (row.counts?.undecided ?? 0), 0) },
    pendingPulls: pendingPulls(ctx),
  };
}

function communeOf(ctx: SchoolContext, uai: string): string | null {
  return ctx.rememberedAccount()?.schools.find((s) => s.uai === uai)?.commune ?? null;
}
