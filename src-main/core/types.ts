/** The facade's public types: what the RPC router, the hosts and the CLI see of the core. */
import type { LegacyRosterResponse, MergeResponse, RosterResponse } from '../../src-shared/api';
import type { MatchResult } from '../../src-shared/domain/matching';
import type { BatchSummary, FlaggedDecision } from './batch';
import type { AppTarget } from './journal/decisions';
import type { LinkState } from './journal/fold';
import type { OutboxState } from './outbox/store';

export interface Account {
  login: string;
  nom: string;
  prenom: string;
  serverUrl: string;
  dataDir: string;
}

export interface SchoolListItem {
  uai: string;
  name: string;
  /** Roles of the signed-in account in this school. */
  roles: string[];
  pulled: boolean;
}

export interface LegacyCredentials {
  login: string;
  password: string;
}

/** `reconciled-elsewhere`: a 409 — someone else's batch was accepted first (details in `outbox.lastError`). */
export type SchoolPhase = 'not-pulled' | 'pulled' | 'confirmed' | 'sending' | 'accepted' | 'failed' | 'merged' | 'reconciled-elsewhere';

export interface SchoolStatus {
  uai: string;
  name: string;
  phase: SchoolPhase;
  pulledAt: string | null;
  rosterVersions: { new: string; old: string } | null;
  counts: {
    newPupils: number;
    oldPupils: number;
    proposalsAuto: number;
    proposalsReview: number;
    linked: number;
    /** `auto` proposals not linked yet (what accept-auto would add). */
    pendingAuto: number;
  } | null;
  canUndo: boolean;
  canRedo: boolean;
  lastSeq: number;
  flagged: FlaggedDecision[];
  outbox: { state: OutboxState; idempotencyKey: string; attempts: number; mergeId: string | null; lastError: string | null; conflictMessage: string | null } | null;
  /** Kept after the wipe: counts only. */
  mergedSummary: unknown;
  legacyGrantValid: boolean;
}

/** Everything the reconciliation screens show for one school (works offline). */
export interface Workspace {
  uai: string;
  newRoster: RosterResponse;
  oldRoster: LegacyRosterResponse;
  matching: MatchResult;
  links: LinkState[];
  classMap: Array<{ oldClassId: string; newClassId: string | null }>;
  apps: Array<{ target: AppTarget; appIds: string[] }>;
  /** Apps chosen for one old class alone (classes absent here follow the `class-spaces` choice). */
  classApps: Array<{ oldClassId: string; appIds: string[] }>;
  optedOut: string[];
  flagged: FlaggedDecision[];
  canUndo: boolean;
  canRedo: boolean;
}

export interface DecisionAck {
  seq: number;
  status: SchoolStatus;
}

export interface BatchPreview {
  summary: BatchSummary;
  problems: Array<{ path: string; message: string }>;
  flagged: FlaggedDecision[];
}

export interface Confirmation {
  idempotencyKey: string;
  summary: BatchSummary;
}

export type PushOutcome =
  | { outcome: 'done'; mergeId: string; merge: MergeResponse; summary: BatchSummary }
  | { outcome: 'failed'; mergeId: string; merge: MergeResponse }
  /** 412: the rosters changed; a new pull was made, decisions still valid kept, the others flagged: confirm again. */
  | { outcome: 'rebased'; preview: BatchPreview };
