/**
 * Support's replay of a bundle: a school's session as one ordered timeline (downloads, each decision, undo and redo,
 * confirmations, sendings, the ENT's answers, errors), and the school as it stood at any step — the journal folded
 * up to that step with the shared rule book, the batch built by the core's own `buildBatch`, the review by name, the
 * phase from the lifecycle rule book. Pure: it reads the bundle and nothing else (no cache, no ENT).
 */
import { decisionLists } from '../../../src-shared/domain/decision-state';
import { phaseOf, type OutboxFacts } from '../../../src-shared/domain/school-lifecycle';
import type { DiagnosticOverview, DiagnosticStep, TimelineEntry } from '../../../src-shared/rpc/diagnostic';
import { keyedError } from '../../../src-shared/messages';
import { buildBatch, summarize } from '../batch';
import { reviewBatch } from '../batch/review';
import { schoolCounts } from '../school/reads';
import type { LoadedSchool } from '../cache/snapshots';
import type { Decision, JournalEvent } from '../journal/decisions';
import { fold } from '../journal/fold';
import type { Bundle, SchoolBundle } from './bundle';

type Draft = Omit<TimelineEntry, 'index'> & { order: number };

const blank = { decision: null, pairs: null, method: null, attempt: null, ok: null, retry: null, status: null, error: null } as const;

function pairsOf(d: Decision): number | null {
  switch (d.kind) {
    case 'accept-auto':
    case 'accept-pairs':
    case 'refuse-pairs':
      return d.pairs.length;
    case 'import':
      return d.accept.length + d.link.length + d.refuse.length;
    case 'accept':
    case 'link':
    case 'refuse':
    case 'unlink':
      return 1;
    default:
      return null;
  }
}

/** One school's session, oldest first. */
export function timeline(school: SchoolBundle): TimelineEntry[] {
  const drafts: Draft[] = [];
  school.journal.forEach((e, i) => {
    const kind = e.entry.kind === 'undo' ? 'undo' : e.entry.kind === 'redo' ? 'redo' : 'decision';
    drafts.push({ ...blank, at: e.at, uai: school.uai, kind, journalSeq: e.seq, order: i, decision: kind === 'decision' ? e.entry.kind : null, pairs: kind === 'decision' ? pairsOf(e.entry as Decision) : null });
  });
  const confirmed = new Set<string>();
  school.activity.forEach((a, i) => {
    if (a.kind === 'confirm' && a.data.idempotencyKey) confirmed.add(a.data.idempotencyKey);
    drafts.push({
      ...blank,
      at: a.at,
      uai: school.uai,
      kind: a.kind,
      journalSeq: a.journalSeq,
      order: 100_000 + i,
      method: a.data.method ?? null,
      attempt: a.data.attempt ?? null,
      ok: a.data.ok ?? null,
      retry: a.data.retry ?? null,
      status: a.data.status ?? null,
      error: a.data.error ?? null,
    });
  });
  // Batches confirmed before the activity was recorded: the outbox still says when.
  for (const row of school.outbox) {
    if (!confirmed.has(row.idempotencyKey)) drafts.push({ ...blank, at: row.createdAt, uai: school.uai, kind: 'confirm', journalSeq: row.journalSeq, order: 50_000 + row.id });
  }
  drafts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.journalSeq - b.journalSeq || a.order - b.order));
  return drafts.map(({ order: _order, ...entry }, index) => ({ ...entry, index }));
}

export function isError(e: TimelineEntry): boolean {
  return e.kind === 'pull-failed' || e.kind === 'error' || (e.kind === 'answer' && e.ok === false) || (e.kind === 'merge' && e.status === 'failed');
}

export function overview(bundle: Bundle): DiagnosticOverview {
  const schools = bundle.schools.map((s) => {
    const line = timeline(s);
    return { uai: s.uai, name: s.name, phase: s.phase, replayable: s.rosters !== null, newPupils: s.rosters?.new.pupils.length ?? 0, oldPupils: s.rosters?.old.pupils.length ?? 0, timeline: line };
  });
  const errors = schools.flatMap((s) => s.timeline.filter(isError)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const logs = bundle.logs
    .flatMap((f) => f.lines)
    .map((l) => ({ time: String(l.time ?? ''), level: levelName(l.level), host: String(l.host ?? ''), event: String(l.msg ?? '') }))
    .slice(-500);
  return {
    createdAt: bundle.createdAt,
    pseudonymised: bundle.pseudonymised,
    app: { name: bundle.app.name, version: bundle.app.version, host: bundle.app.host, platform: bundle.app.platform, release: bundle.app.release, arch: bundle.app.arch, node: bundle.app.node, electron: bundle.app.electron, serverUrl: bundle.app.serverUrl },
    account: bundle.account ? { roles: bundle.account.roles } : null,
    schools,
    errors,
    logs,
    kinds: bundle.kinds,
  };
}

function levelName(level: unknown): string {
  const names: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
  return typeof level === 'number' ? (names[level] ?? String(level)) : String(level ?? '');
}

/** The outbox row and the phase as they stood after `entries` (the lifecycle rule book decides the phase). */
function sendingState(school: SchoolBundle, entries: readonly TimelineEntry[]): { entry: (OutboxFacts & { idempotencyKey: string }) | null; merged: boolean; elsewhere: boolean } {
  type Row = OutboxFacts & { idempotencyKey: string };
  let entry = null as Row | null;
  let merged = false;
  let elsewhere = false;
  const keys = school.outbox.map((r) => r.idempotencyKey);
  let confirms = 0;
  for (const e of entries) {
    switch (e.kind) {
      case 'confirm':
        entry = { state: 'frozen', attempts: 0, lastError: null, mergeId: null, idempotencyKey: keys[confirms] ?? '' };
        confirms++;
        break;
      case 'decision':
      case 'undo':
      case 'redo':
        if (entry?.state === 'frozen' && entry.attempts === 0) entry = { ...entry, state: 'superseded', lastError: 'new-decision' };
        break;
      case 'send':
        if (entry) entry = { ...entry, attempts: entry.attempts + 1 };
        break;
      case 'answer':
        if (!entry) break;
        if (e.ok) entry = { ...entry, state: 'accepted', lastError: null, mergeId: school.outbox[confirms - 1]?.mergeId ?? 'accepted' };
        else if (e.error?.code === 'conflict') {
          entry = { ...entry, state: 'rejected', lastError: 'conflict' };
          elsewhere = true;
        } else if (e.error?.code === 'validation' || e.error?.code === 'bad-request') entry = { ...entry, state: 'rejected', lastError: e.error.code };
        else if (e.error?.code === 'stale-roster') entry = { ...entry, state: 'superseded', lastError: 'stale-roster' };
        else entry = { ...entry, lastError: e.error?.code ?? null };
        break;
      case 'merge':
        if (e.status === 'done') merged = true;
        if (entry) entry = { ...entry, state: e.status === 'done' ? 'done' : 'failed' };
        break;
      default:
        break;
    }
  }
  return { entry, merged, elsewhere };
}

/** The decision a journal entry applies, undoes or redoes (undo and redo name the decision they move). */
function decisionAt(journal: readonly JournalEvent[], seq: number): Decision | null {
  const applied: Decision[] = [];
  const redoable: Decision[] = [];
  for (const e of journal) {
    let moved: Decision | null;
    if (e.entry.kind === 'undo') {
      moved = applied.pop() ?? null;
      if (moved) redoable.push(moved);
    } else if (e.entry.kind === 'redo') {
      moved = redoable.pop() ?? null;
      if (moved) applied.push(moved);
    } else {
      moved = e.entry;
      applied.push(e.entry);
      redoable.length = 0;
    }
    if (e.seq === seq) return moved;
  }
  return null;
}

function focusOf(decision: Decision | null, school: SchoolBundle): DiagnosticStep['focus'] {
  const newIds: string[] = [];
  const oldIds: string[] = [];
  let oldClassId: string | null = null;
  if (decision) {
    switch (decision.kind) {
      case 'accept':
      case 'link':
      case 'refuse':
        newIds.push(decision.newId);
        oldIds.push(decision.oldId);
        break;
      case 'unlink':
        newIds.push(decision.newId);
        break;
      case 'opt-out':
        oldIds.push(decision.oldId);
        break;
      case 'accept-auto':
      case 'accept-pairs':
      case 'refuse-pairs':
        for (const p of decision.pairs) {
          newIds.push(p.newId);
          oldIds.push(p.oldId);
        }
        break;
      case 'import':
        for (const p of [...decision.accept, ...decision.link, ...decision.refuse]) {
          newIds.push(p.newId);
          oldIds.push(p.oldId);
        }
        break;
      case 'map-class':
      case 'class-apps':
        oldClassId = decision.oldClassId;
        break;
      case 'choose-apps':
        break;
    }
  }
  const first = newIds[0];
  const classId = first ? (school.rosters?.new.pupils.find((p) => p.id === first)?.classId ?? null) : oldClassId;
  return { newIds, oldIds, classId };
}

export function loadedOf(school: SchoolBundle): LoadedSchool | null {
  if (!school.rosters) return null;
  return {
    school: { uai: school.uai, name: school.name, phase: 'pulled', newSnapshotId: 1, oldSnapshotId: 2, matchingId: 1, summary: null, updatedAt: school.pulledAt ?? '' },
    newRoster: school.rosters.new,
    oldRoster: school.rosters.old,
    matching: school.rosters.matching,
    pulledAt: school.pulledAt ?? '',
  };
}

/** The school at step `index` of its timeline, with the screens' data as the core built them then. */
export function stepOf(bundle: Bundle, uai: string, index: number): DiagnosticStep {
  const school = bundle.schools.find((s) => s.uai === uai);
  if (!school) throw keyedError('not-found', 'diagnostic.no-school', "Ce diagnostic ne contient pas l'école {uai}.", { uai });
  const line = timeline(school);
  const entry = line[index];
  if (!entry) throw keyedError('not-found', 'diagnostic.no-step', "Ce diagnostic n'a pas d'étape {index} pour cette école.", { index });
  const upTo = line.slice(0, index + 1);
  const journal: JournalEvent[] = school.journal.filter((e) => e.seq <= entry.journalSeq).map((e) => ({ ...e, uai }));
  const state = fold(journal);
  const sending = sendingState(school, upTo);
  const loaded = loadedOf(school);
  const phase = phaseOf({ pulled: loaded !== null, merged: sending.merged || school.rosters === null, entry: sending.entry, acceptedElsewhere: sending.elsewhere });
  const grant = new Set(school.grantClassIds);
  const built = loaded ? buildBatch(loaded, state, grant) : null;
  const summary = loaded && built ? summarize(loaded, built, state.optedOut.size) : null;
  const row = sending.entry;
  const status: DiagnosticStep['status'] = {
    uai,
    name: school.name,
    phase,
    pulledAt: school.pulledAt,
    rosterVersions: loaded ? { new: loaded.newRoster.version, old: loaded.oldRoster.version } : null,
    counts: loaded ? schoolCounts(loaded, state) : null,
    canUndo: state.canUndo,
    canRedo: state.canRedo,
    lastSeq: state.lastSeq,
    flagged: built?.flagged ?? [],
    outbox: row ? { state: row.state, idempotencyKey: row.idempotencyKey, attempts: row.attempts, mergeId: row.mergeId, lastError: row.lastError, conflictMessage: null } : null,
    mergedSummary: school.rosters === null ? school.mergedSummary : null,
    legacyGrantValid: false,
    ent: school.ent,
  };
  const decision = entry.kind === 'decision' || entry.kind === 'undo' || entry.kind === 'redo' ? decisionAt(journal, entry.journalSeq) : null;
  return {
    uai,
    index,
    entry,
    status,
    workspace:
      loaded && built
        ? { uai, newRoster: loaded.newRoster, oldRoster: loaded.oldRoster, matching: loaded.matching, ...decisionLists(state), flagged: built.flagged, canUndo: state.canUndo, canRedo: state.canRedo }
        : null,
    preview: loaded && built && summary ? { summary, problems: built.problems, flagged: built.flagged, review: reviewBatch(loaded, state, built, grant) } : null,
    batch: built?.batch ?? null,
    focus: focusOf(decision, school),
    errors: upTo.filter(isError),
  };
}
