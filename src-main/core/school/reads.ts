/** Read models of a user's schools (work offline): the school list with the ENT's view, a school's status, its workspace. */
import type { MeResponse } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import { decisionLists } from '../../../src-shared/domain/decision-state';
import { buildBatch } from '../batch';
import { undecidedOf } from '../batch/review';
import type { LoadedSchool } from '../cache/snapshots';
import type { DecisionState } from '../journal/fold';
import type { SchoolListItem, SchoolStatus, Workspace } from '../types';
import type { SchoolContext } from './context';

/** Schools of the account: from the server when it answers, else the last known list; with who reconciled what. */
export async function listSchools(ctx: SchoolContext): Promise<SchoolListItem[]> {
  let me: MeResponse | null;
  try {
    me = await ctx.client.call('me', {});
    ctx.rememberAccount(me);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'offline') throw err;
    me = ctx.rememberedAccount();
    if (!me) throw err;
  }
  // Who reconciled what, from the ENT (kept for offline use): nobody starts a school that is done.
  const account = me;
  const managed = account.schools.filter((s) => account.roles.some((r) => r.schoolUai === s.uai && (r.role === 'director' || r.role === 'referent'))).map((s) => s.uai);
  if (managed.length > 0) await ctx.ent.refresh(managed);
  const pulled = new Set(ctx.snapshots.schools().filter((s) => s.newSnapshotId !== null).map((s) => s.uai));
  return account.schools.map((s) => ({ uai: s.uai, name: s.name, roles: account.roles.filter((r) => r.schoolUai === s.uai).map((r) => r.role), pulled: pulled.has(s.uai), ent: ctx.ent.of(s.uai) }));
}

export function schoolStatus(ctx: SchoolContext, uai: string): SchoolStatus {
  const school = ctx.snapshots.school(uai);
  const entry = ctx.outbox.latest(uai);
  const outbox = entry ? { state: entry.state, idempotencyKey: entry.idempotencyKey, attempts: entry.attempts, mergeId: entry.mergeId, lastError: entry.lastError, conflictMessage: entry.lastError === 'conflict' ? entry.detail : null } : null;
  const phase = ctx.phase(uai);
  const base = { uai, phase, outbox, legacyGrantValid: ctx.validGrant(uai) !== null, flagged: [], canUndo: false, canRedo: false, lastSeq: 0, ent: ctx.ent.of(uai) };
  if (!school) return { ...base, name: knownName(ctx, uai), pulledAt: null, rosterVersions: null, counts: null, mergedSummary: null };
  if (school.phase === 'merged') return { ...base, name: school.name, pulledAt: null, rosterVersions: null, counts: null, mergedSummary: school.summary };
  const loaded = ctx.loaded(uai);
  const state = ctx.state(uai);
  const built = buildBatch(loaded, state, ctx.grantClassIds(uai));
  return {
    ...base,
    name: school.name,
    pulledAt: loaded.pulledAt,
    rosterVersions: { new: loaded.newRoster.version, old: loaded.oldRoster.version },
    counts: schoolCounts(loaded, state),
    canUndo: state.canUndo,
    canRedo: state.canRedo,
    lastSeq: state.lastSeq,
    flagged: built.flagged,
    mergedSummary: null,
  };
}

/** A downloaded school's counts in its status: pupils, proposals, links, and what is left to decide. */
export function schoolCounts(loaded: LoadedSchool, state: DecisionState): NonNullable<SchoolStatus['counts']> {
  const auto = loaded.matching.pairs.filter((p) => p.status === 'auto');
  const undecided = undecidedOf(loaded, state);
  return {
    newPupils: loaded.newRoster.pupils.length,
    oldPupils: loaded.oldRoster.pupils.length,
    proposalsAuto: auto.length,
    proposalsReview: loaded.matching.pairs.length - auto.length,
    linked: state.links.size,
    pendingAuto: auto.filter((p) => state.links.get(p.new)?.oldId !== p.old).length,
    undecided: undecided.length,
    undecidedAuto: undecided.filter((p) => p.status === 'auto').length,
  };
}

export function allStatuses(ctx: SchoolContext): SchoolStatus[] {
  return ctx.snapshots.schools().map((s) => schoolStatus(ctx, s.uai));
}

export function workspace(ctx: SchoolContext, uai: string): Workspace {
  const loaded = ctx.loaded(uai);
  const state = ctx.state(uai);
  return {
    uai,
    newRoster: loaded.newRoster,
    oldRoster: loaded.oldRoster,
    matching: loaded.matching,
    ...decisionLists(state),
    flagged: buildBatch(loaded, state, ctx.grantClassIds(uai)).flagged,
    canUndo: state.canUndo,
    canRedo: state.canRedo,
  };
}

/** A school never downloaded here is named as the account last saw it (its UAI only when never seen). */
export function knownName(ctx: SchoolContext, uai: string): string {
  return ctx.rememberedAccount()?.schools.find((s) => s.uai === uai)?.name ?? uai;
}
