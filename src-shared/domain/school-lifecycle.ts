/**
 * A school's lifecycle, one rule book for every layer: which phase a school is in (from what the cache and the
 * outbox hold, and what the ENT says), what each phase allows, and which screen step it opens on. The core
 * refuses with it, the screens and the CLI ask it; nobody re-derives a phase.
 */

export const SCHOOL_PHASES = ['not-pulled', 'pulled', 'confirmed', 'sending', 'accepted', 'failed', 'merged', 'reconciled-elsewhere'] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

export const OUTBOX_STATES = ['frozen', 'accepted', 'done', 'failed', 'rejected', 'superseded'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What the phase is derived from: the school's latest outbox entry. */
export interface OutboxFacts {
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  mergeId: string | null;
}

/**
 * "The batch may have left": sent at least once (the ENT may have applied it even if no answer came back), or
 * accepted. From then on nothing may change it: no new decision, no new download, only sending and following.
 */
export function batchMayHaveLeft(entry: OutboxFacts | null | undefined): boolean {
  return !!entry && ((entry.state === 'frozen' && entry.attempts > 0) || entry.state === 'accepted');
}

export interface PhaseFacts {
  /** Both rosters are in the cache. */
  pulled: boolean;
  /** The school's rosters were wiped after our merge finished. */
  merged: boolean;
  entry: OutboxFacts | null;
  /** The ENT says a batch was accepted for this school that is not ours (null: none, or unknown). */
  acceptedElsewhere: boolean;
}

export function phaseOf(f: PhaseFacts): SchoolPhase {
  if (f.merged) return 'merged';
  const e = f.entry;
  const ours = e !== null && (e.state === 'accepted' || e.state === 'done' || e.state === 'failed' || batchMayHaveLeft(e));
  if ((f.acceptedElsewhere && !ours) || (e?.state === 'rejected' && e.lastError === 'conflict')) return 'reconciled-elsewhere';
  if (!f.pulled) return 'not-pulled';
  switch (e?.state) {
    case 'frozen':
      return e.attempts > 0 ? 'sending' : 'confirmed';
    case 'accepted':
      return 'accepted';
    case 'failed':
      return 'failed';
    default:
      return 'pulled';
  }
}

export type SchoolAction = 'pull' | 'decide' | 'confirm' | 'push' | 'follow' | 'letters' | 'receipt';

const ALLOWED: Record<SchoolPhase, readonly SchoolAction[]> = {
  'not-pulled': ['pull'],
  pulled: ['pull', 'decide', 'confirm'],
  confirmed: ['pull', 'decide', 'confirm', 'push', 'receipt'],
  sending: ['push', 'receipt'],
  accepted: ['follow', 'receipt'],
  failed: ['receipt'],
  merged: ['follow', 'letters', 'receipt'],
  'reconciled-elsewhere': ['letters', 'receipt'],
};

/** Whether the phase allows the action (the core refuses otherwise; the screens hide or disable it). */
export function allows(phase: SchoolPhase, action: SchoolAction): boolean {
  return ALLOWED[phase].includes(action);
}

/** Both rosters are in the cache and the decisions can be read (workspace, preview). */
export function hasWorkspace(phase: SchoolPhase): boolean {
  return phase === 'pulled' || phase === 'confirmed' || phase === 'sending';
}

/** The batch is frozen and not yet accepted: it waits to be sent (the core's background work sends it). */
export function awaitsSending(phase: SchoolPhase): boolean {
  return phase === 'confirmed' || phase === 'sending';
}

/** Something is left for the core's background work: sending the frozen batch or following the accepted merge. */
export function inFlight(phase: SchoolPhase): boolean {
  return awaitsSending(phase) || phase === 'accepted';
}

/** Nothing will change any more on this computer's side: merged, failed at the ENT, or reconciled by someone else. */
export function isSettled(phase: SchoolPhase): boolean {
  return phase === 'merged' || phase === 'failed' || phase === 'reconciled-elsewhere';
}

export const SCHOOL_STEPS = ['download', 'spaces', 'pupils', 'review', 'progress', 'letters'] as const;
export type SchoolStep = (typeof SCHOOL_STEPS)[number];

/** The step a school opens on in its phase. */
export function stepForPhase(phase: SchoolPhase): SchoolStep {
  switch (phase) {
    case 'not-pulled':
      return 'download';
    case 'pulled':
      return 'spaces';
    case 'confirmed':
    case 'sending':
    case 'reconciled-elsewhere':
      return 'review';
    default:
      return 'progress';
  }
}

/** Which steps can be opened in a phase (the others are shown, not clickable). */
export function stepReachable(step: SchoolStep, phase: SchoolPhase | undefined, hasWorkspace: boolean): boolean {
  if (!phase) return false;
  switch (step) {
    case 'download':
      return phase === 'not-pulled' || phase === 'pulled';
    case 'spaces':
    case 'pupils':
      return phase === 'pulled' && hasWorkspace;
    case 'review':
      return hasWorkspace && (phase === 'pulled' || phase === 'confirmed' || phase === 'sending' || phase === 'reconciled-elsewhere');
    case 'progress':
      return phase === 'accepted' || phase === 'failed' || phase === 'merged' || phase === 'sending';
    case 'letters':
      return allows(phase, 'letters');
  }
}
