/**
 * Everything the core does for one signed-in user, over that user's encrypted cache and ENT client.
 * Decisions are journaled synchronously (committed before the promise resolves); reading works offline.
 */
import { z } from 'zod';
import { meResponseSchema, movesOldData, type MeResponse } from '../../src-shared/api';
import { AppError } from '../../src-shared/errors';
import { buildBatch, summarize, type BatchSummary, type BuiltBatch } from './batch';
import { ReceiptStore } from './batch/receipt';
import { reviewBatch, undecidedOf } from './batch/review';
import { EntSchoolStatus } from './ent-status';
import type { CacheDatabase } from './cache/database';
import { SnapshotStore, type LoadedSchool } from './cache/snapshots';
import type { EntClient } from './ent/client';
import type { CoreEmitter } from './events';
import { decisionSchema, type Decision, type JournalEntry } from './journal/decisions';
import { checkDecision, type RosterIds } from './journal/check';
import { decisionLists } from '../../src-shared/domain/decision-state';
import { fold, type DecisionState } from './journal/fold';
import { JournalStore } from './journal/store';
import { OutboxStore } from './outbox/store';
import { followMerge, sendFrozen, type SendDependencies } from './outbox/send';
import { pullSchool, type Matcher } from './pull';
import { credentialLetters, forgetCredentialLetters, storedLetters } from './letters';
import { CacheSecretStore } from './secrets';
import type { CredentialLetters } from '../../src-shared/rpc/account';
import type { BatchPreview, BatchReceipt, Confirmation, DecisionAck, LegacyCredentials, PushOutcome, SchoolListItem, SchoolPhase, SchoolStatus, Workspace } from './types';

const storedGrantSchema = z.object({ grant: z.string(), expiresAt: z.string(), classIds: z.array(z.string()).default([]) });
const ME_KEY = 'ent.me';
const grantKey = (uai: string): string => `legacy.grant.${uai}`;

export interface UserCoreOptions {
  cache: CacheDatabase;
  client: EntClient;
  events: CoreEmitter;
  matcher: Matcher;
  retryDelaysMs: readonly number[];
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export class UserCore {
  readonly snapshots: SnapshotStore;
  readonly journal: JournalStore;
  readonly outbox: OutboxStore;
  private readonly secrets: CacheSecretStore;
  private readonly receipts: ReceiptStore;
  private readonly ent: EntSchoolStatus;
  /** Snapshots parsed once per pull: decisions are answered without re-reading the rosters. */
  private readonly loadedByUai = new Map<string, LoadedSchool>();
  private readonly idsByUai = new Map<string, RosterIds>();
  /** One network operation (pull, push, follow) per school at a time: a second call shares the first. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly o: UserCoreOptions) {
    this.snapshots = new SnapshotStore(o.cache.db);
    this.journal = new JournalStore(o.cache.db);
    this.outbox = new OutboxStore(o.cache.db);
    this.secrets = new CacheSecretStore(o.cache.db);
    this.receipts = new ReceiptStore(this.secrets);
    this.ent = new EntSchoolStatus(o.client, this.secrets, o.now);
  }

  rememberAccount(me: MeResponse): void {
    this.secrets.set(ME_KEY, me);
  }

  /** The account as last seen online (for a restore without network). */
  rememberedAccount(): MeResponse | null {
    return this.secrets.get(ME_KEY, meResponseSchema);
  }

  /** Schools of the account: from the server when it answers, else the last known list. */
  async listSchools(): Promise<SchoolListItem[]> {
    let me: MeResponse | null;
    try {
      me = await this.o.client.call('me', {});
      this.rememberAccount(me);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'offline') throw err;
      me = this.secrets.get(ME_KEY, meResponseSchema);
      if (!me) throw err;
    }
    // Who reconciled what, from the ENT (kept for offline use): nobody starts a school that is done.
    const managed = me.schools.filter((s) => me.roles.some((r) => r.schoolUai === s.uai && (r.role === 'director' || r.role === 'referent'))).map((s) => s.uai);
    if (managed.length > 0) await this.ent.refresh(managed);
    const pulled = new Set(this.snapshots.schools().filter((s) => s.newSnapshotId !== null).map((s) => s.uai));
    return me.schools.map((s) => ({ uai: s.uai, name: s.name, roles: me.roles.filter((r) => r.schoolUai === s.uai).map((r) => r.role), pulled: pulled.has(s.uai), ent: this.ent.of(s.uai) }));
  }

  /** Whether a pull, a sending or a credentials download is running (the user's cache must stay open). */
  busy(): boolean {
    return this.inFlight.size > 0;
  }

  private exclusive<T>(uai: string, operation: string, run: () => Promise<T>): Promise<T> {
    const key = `${operation}:${uai}`;
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    for (const other of this.inFlight.keys()) {
      if (other.endsWith(`:${uai}`)) return Promise.reject(new AppError('conflict', 'Une autre opération est en cours pour cette école. Attendez sa fin puis réessayez.'));
    }
    const promise = run().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  pull(uai: string, legacy: LegacyCredentials | null): Promise<SchoolStatus> {
    return this.exclusive(uai, 'pull', () => this.pullNow(uai, legacy));
  }

  private async pullNow(uai: string, legacy: LegacyCredentials | null): Promise<SchoolStatus> {
    const active = this.outbox.active(uai);
    if (active && (active.attempts > 0 || active.state === 'accepted')) {
      throw new AppError('conflict', "Le lot de cette école a déjà été envoyé : terminez l'envoi (push) au lieu de retélécharger.");
    }
    // A school the ENT already reconciled (from this account or another) has nothing left to download.
    await this.ent.refresh([uai]);
    if (!this.outbox.latest(uai)?.mergeId) this.ent.assertOpen(uai);
    const grant = await this.legacyGrant(uai, legacy);
    try {
      await pullSchool({ client: this.o.client, snapshots: this.snapshots, matcher: this.o.matcher, events: this.o.events }, uai, grant);
    } finally {
      // Decisions answered during the download used the previous snapshots; the next call reloads.
      this.forget(uai);
    }
    // A confirmation covers the rosters it saw: after a new pull, confirm again.
    const confirmed = this.outbox.active(uai);
    if (confirmed && confirmed.state === 'frozen' && confirmed.attempts === 0) this.outbox.setState(confirmed.id, 'superseded', 'new-pull');
    return this.status(uai);
  }

  /** Sends the old credentials once for a grant (kept, encrypted, until it expires), or reuses a valid grant. */
  private async legacyGrant(uai: string, legacy: LegacyCredentials | null): Promise<string> {
    if (legacy) {
      const grant = await this.o.client.call('legacyVerify', { body: { login: legacy.login, password: legacy.password } });
      this.secrets.set(grantKey(uai), { grant: grant.grant, expiresAt: grant.expiresAt, classIds: grant.classSpaces.filter((c) => c.schoolUai === uai).map((c) => c.classId) });
      return grant.grant;
    }
    const stored = this.validGrant(uai);
    if (!stored) {
      throw new AppError('unauthorized', "Il faut les identifiants de l'an dernier (ancien compte ENT de directeur ou de référent) pour télécharger l'ancienne liste de cette école.");
    }
    return stored;
  }

  private validGrant(uai: string): string | null {
    const stored = this.secrets.get(grantKey(uai), storedGrantSchema);
    if (!stored) return null;
    const expires = Date.parse(stored.expiresAt);
    return Number.isFinite(expires) && expires - 30_000 > this.o.now() ? stored.grant : null;
  }

  private forget(uai: string): void {
    this.loadedByUai.delete(uai);
    this.idsByUai.delete(uai);
  }

  private grantClassIds(uai: string): Set<string> {
    return new Set(this.secrets.get(grantKey(uai), storedGrantSchema)?.classIds ?? []);
  }

  private loaded(uai: string): LoadedSchool {
    const cached = this.loadedByUai.get(uai);
    if (cached) return cached;
    const school = this.snapshots.load(uai);
    if (!school) {
      const known = this.snapshots.school(uai);
      if (known?.phase === 'merged') throw new AppError('conflict', 'Cette école a déjà été rapprochée ; ses données personnelles ont été effacées de cet ordinateur.');
      throw new AppError('not-found', "Cette école n'a pas encore été téléchargée. Téléchargez ses listes d'abord (commande pull).");
    }
    this.loadedByUai.set(uai, school);
    return school;
  }

  private rosterIds(uai: string): RosterIds {
    const cached = this.idsByUai.get(uai);
    if (cached) return cached;
    const { newRoster, oldRoster } = this.loaded(uai);
    const ids: RosterIds = {
      newPupils: new Set(newRoster.pupils.map((p) => p.id)),
      oldPupils: new Set(oldRoster.pupils.map((p) => p.id)),
      newClasses: new Set(newRoster.classes.map((c) => c.id)),
      oldClasses: new Set(oldRoster.classes.map((c) => c.id)),
    };
    this.idsByUai.set(uai, ids);
    return ids;
  }

  private state(uai: string): DecisionState {
    return fold(this.journal.list(uai));
  }

  status(uai: string): SchoolStatus {
    const school = this.snapshots.school(uai);
    const entry = this.outbox.latest(uai);
    const outbox = entry ? { state: entry.state, idempotencyKey: entry.idempotencyKey, attempts: entry.attempts, mergeId: entry.mergeId, lastError: entry.lastError, conflictMessage: entry.lastError === 'conflict' ? entry.detail : null } : null;
    const ent = this.ent.of(uai);
    const base = { uai, outbox, legacyGrantValid: this.validGrant(uai) !== null, flagged: [], canUndo: false, canRedo: false, lastSeq: 0, ent };
    // Reconciled from another account (the ENT says so, and no batch of ours was accepted): nothing to do here but the letters.
    const elsewhere = ent !== null && ent.id !== entry?.mergeId;
    if (!school) return { ...base, name: uai, phase: elsewhere ? 'reconciled-elsewhere' : 'not-pulled', pulledAt: null, rosterVersions: null, counts: null, mergedSummary: null };
    if (school.phase === 'merged') return { ...base, name: school.name, phase: 'merged', pulledAt: null, rosterVersions: null, counts: null, mergedSummary: school.summary };
    const loaded = this.loaded(uai);
    const state = this.state(uai);
    const built = buildBatch(loaded, state, this.grantClassIds(uai));
    const auto = loaded.matching.pairs.filter((p) => p.status === 'auto');
    const undecided = undecidedOf(loaded, state);
    return {
      ...base,
      name: school.name,
      phase: elsewhere && !(entry && (entry.state === 'accepted' || entry.state === 'done')) ? 'reconciled-elsewhere' : phaseOf(entry),
      pulledAt: loaded.pulledAt,
      rosterVersions: { new: loaded.newRoster.version, old: loaded.oldRoster.version },
      counts: {
        newPupils: loaded.newRoster.pupils.length,
        oldPupils: loaded.oldRoster.pupils.length,
        proposalsAuto: auto.length,
        proposalsReview: loaded.matching.pairs.length - auto.length,
        linked: state.links.size,
        pendingAuto: auto.filter((p) => state.links.get(p.new)?.oldId !== p.old).length,
        undecided: undecided.length,
        undecidedAuto: undecided.filter((p) => p.status === 'auto').length,
      },
      canUndo: state.canUndo,
      canRedo: state.canRedo,
      lastSeq: state.lastSeq,
      flagged: built.flagged,
      mergedSummary: null,
    };
  }

  allStatuses(): SchoolStatus[] {
    return this.snapshots.schools().map((s) => this.status(s.uai));
  }

  workspace(uai: string): Workspace {
    const loaded = this.loaded(uai);
    const state = this.state(uai);
    return {
      uai,
      newRoster: loaded.newRoster,
      oldRoster: loaded.oldRoster,
      matching: loaded.matching,
      ...decisionLists(state),
      flagged: buildBatch(loaded, state, this.grantClassIds(uai)).flagged,
      canUndo: state.canUndo,
      canRedo: state.canRedo,
    };
  }

  /** Journals one decision; resolves only once the row is committed. */
  decide(uai: string, decision: Decision): DecisionAck {
    const parsed = decisionSchema.safeParse(decision);
    if (!parsed.success) throw new AppError('validation', "Cette décision n'est pas valide.");
    const problems = checkDecision(parsed.data, this.rosterIds(uai));
    if (problems.length > 0) throw new AppError('validation', 'Cette décision ne correspond pas aux listes téléchargées. Retéléchargez les listes si elles ont changé.', problems);
    return this.append(uai, parsed.data);
  }

  undo(uai: string): DecisionAck {
    this.loaded(uai);
    return this.append(uai, { kind: 'undo' });
  }

  redo(uai: string): DecisionAck {
    this.loaded(uai);
    return this.append(uai, { kind: 'redo' });
  }

  /** Accepts every `auto` proposal whose two accounts are not linked yet, as one undoable decision. */
  acceptAuto(uai: string): DecisionAck & { accepted: number } {
    const loaded = this.loaded(uai);
    const state = this.state(uai);
    const linkedOld = new Set([...state.links.values()].map((l) => l.oldId));
    const pairs = loaded.matching.pairs
      .filter((p) => p.status === 'auto' && !state.links.has(p.new) && !linkedOld.has(p.old))
      .map((p) => ({ oldId: p.old, newId: p.new }));
    // Nothing left to accept: no empty event that an undo would then have to skip.
    if (pairs.length === 0) return { seq: state.lastSeq, status: this.status(uai), accepted: 0 };
    return { ...this.append(uai, { kind: 'accept-auto', pairs }), accepted: pairs.length };
  }

  private append(uai: string, entry: JournalEntry): DecisionAck {
    const active = this.outbox.active(uai);
    if (active && (active.attempts > 0 || active.state === 'accepted')) {
      throw new AppError('conflict', "Le lot de cette école est déjà parti vers l'ENT : les décisions ne peuvent plus changer.");
    }
    const event = this.journal.append(uai, entry);
    // A confirmation covers the decisions it saw: a new decision asks for confirmation again.
    if (active) this.outbox.setState(active.id, 'superseded', 'new-decision');
    this.o.events.emit('school.changed', { uai });
    return { seq: event.seq, status: this.status(uai) };
  }

  private built(uai: string): { loaded: LoadedSchool; state: DecisionState; built: BuiltBatch; summary: BatchSummary } {
    const loaded = this.loaded(uai);
    const state = this.state(uai);
    const built = buildBatch(loaded, state, this.grantClassIds(uai));
    return { loaded, state, built, summary: summarize(loaded, built, state.optedOut.size) };
  }

  preview(uai: string): BatchPreview {
    const { built, summary, loaded, state } = this.built(uai);
    return { summary, problems: built.problems, flagged: built.flagged, review: reviewBatch(loaded, state, built, this.grantClassIds(uai)) };
  }

  /**
   * Freezes the batch with its Idempotency-Key: from now on it can only be sent as is. Refused while a proposed
   * pair is neither confirmed nor refused (sure pairs never accepted included), whoever calls: screens and CLI.
   */
  confirm(uai: string): Confirmation {
    const { built, summary, state, loaded } = this.built(uai);
    const review = reviewBatch(loaded, state, built, this.grantClassIds(uai));
    if (review.undecided.length > 0) throw undecidedError(review.undecided, uai);
    if (built.problems.length > 0) throw new AppError('validation', 'Le lot contient des erreurs : corrigez-les avant de confirmer.', built.problems);
    const entry = this.outbox.freeze(uai, built.batch, state.lastSeq);
    this.receipts.record({ uai, schoolName: loaded.school.name, idempotencyKey: entry.idempotencyKey, at: new Date(this.o.now()).toISOString(), batch: built.batch, summary, review });
    this.o.events.emit('school.changed', { uai });
    return { idempotencyKey: entry.idempotencyKey, summary };
  }

  /** What was confirmed (then sent), by name, as kept with the school. */
  receipt(uai: string): BatchReceipt {
    return this.receipts.require(uai);
  }

  private sendDeps(): SendDependencies {
    const { client, events, retryDelaysMs, pollIntervalMs, sleep } = this.o;
    return { client, outbox: this.outbox, events, retryDelaysMs, pollIntervalMs, sleep };
  }

  push(uai: string, legacy: LegacyCredentials | null): Promise<PushOutcome> {
    return this.exclusive(uai, 'push', () => this.pushNow(uai, legacy));
  }

  private async pushNow(uai: string, legacy: LegacyCredentials | null): Promise<PushOutcome> {
    let entry = this.outbox.active(uai);
    // Sent meanwhile by an earlier call (a window reloaded while its sending went on): report that merge.
    const latest = entry ? null : this.outbox.latest(uai);
    if (latest?.mergeId && latest.state === 'done') return this.followNow(uai);
    if (!entry) throw new AppError('bad-request', "Aucun lot confirmé pour cette école. Vérifiez le résumé puis confirmez (commande confirm).");
    if (entry.state === 'frozen') {
      let grant = this.validGrant(uai);
      if (legacy) grant = await this.legacyGrant(uai, legacy);
      // The ENT refuses (403) a batch that moves last year's data without a grant: never send one.
      if (!grant && movesOldData(entry.batch)) throw new AppError('unauthorized', "L'autorisation de l'ancien compte a expiré : indiquez de nouveau les identifiants de l'an dernier pour envoyer le lot.");
      this.receipts.advance(uai, entry.idempotencyKey, { state: 'sent' });
      const sent = await sendFrozen(this.sendDeps(), entry, grant);
      if (sent.kind === 'accepted') this.receipts.advance(uai, entry.idempotencyKey, { state: 'accepted', mergeId: sent.receipt.id, acceptedAt: sent.receipt.acceptedAt });
      this.o.events.emit('school.changed', { uai });
      if (sent.kind === 'stale') return { outcome: 'rebased', preview: await this.rebase(uai, legacy) };
      entry = this.outbox.active(uai);
      if (!entry) throw new AppError('internal');
    }
    return this.followNow(uai);
  }

  /** 412: a new pull (with the stored grant), the journal kept; links that no longer fit are flagged. */
  private async rebase(uai: string, legacy: LegacyCredentials | null): Promise<BatchPreview> {
    await this.pullNow(uai, legacy);
    return this.preview(uai);
  }

  /** Follows the accepted merge to the end; when done, wipes the school's personal data and keeps a summary. */
  follow(uai: string): Promise<PushOutcome> {
    return this.exclusive(uai, 'push', () => this.followNow(uai));
  }

  private async followNow(uai: string): Promise<PushOutcome> {
    const entry = this.outbox.active(uai) ?? this.outbox.latest(uai);
    if (!entry?.mergeId) throw new AppError('not-found', "Aucun lot de cette école n'a encore été accepté par l'ENT.");
    const merge = await followMerge(this.sendDeps(), uai, entry.mergeId);
    if (merge.status === 'failed') {
      this.outbox.setState(entry.id, 'failed', 'merge-failed');
      this.o.events.emit('school.changed', { uai });
      return { outcome: 'failed', mergeId: merge.id, merge };
    }
    this.receipts.advance(uai, entry.idempotencyKey, { state: 'merged', mergeId: merge.id, finishedAt: merge.finishedAt });
    // The summary of what was actually sent: the frozen batch, over the snapshots it was built from.
    const loaded = this.snapshots.load(uai);
    const summary = loaded ? summarize(loaded, { batch: entry.batch, flagged: [], problems: [] }, this.state(uai).optedOut.size) : null;
    this.forget(uai);
    // Done and wiped in one transaction: a crash leaves either both or neither.
    this.o.cache.db.transaction(() => {
      if (entry.state !== 'done') this.outbox.setState(entry.id, 'done', null);
      if (!summary) return;
      this.snapshots.wipe(uai, { ...summary, warnings: [], mergeId: merge.id, finishedAt: merge.finishedAt });
      this.outbox.wipeBatches(uai);
      this.secrets.delete(grantKey(uai));
    }).immediate();
    this.o.events.emit('school.changed', { uai });
    const kept = this.snapshots.school(uai)?.summary as BatchSummary | undefined;
    return { outcome: 'done', mergeId: merge.id, merge, summary: summary ?? (kept as BatchSummary) };
  }

  /** After the merge: the new pupils' credentials (stored copy, else fetched once and stored before returned). */
  credentials(uai: string): Promise<CredentialLetters> {
    const stored = storedLetters(this.secrets, uai);
    if (stored) return Promise.resolve(stored);
    const { client, now } = this.o;
    return this.exclusive(uai, 'credentials', async () => {
      await this.ent.refresh([uai]);
      return credentialLetters({ client, now, secrets: this.secrets, snapshots: this.snapshots, outbox: this.outbox, entMerge: this.ent.of(uai) }, uai);
    });
  }

  /** The letters are printed: erased here, and the ENT erases the passwords for every manager (told later if offline). */
  async forgetCredentials(uai: string): Promise<void> {
    forgetCredentialLetters({ secrets: this.secrets, now: this.o.now }, uai);
    const mergeId = this.ent.of(uai)?.id ?? this.outbox.latest(uai)?.mergeId ?? null;
    if (mergeId) await this.ent.release(uai, mergeId);
  }
}

/** "3 associations à décider…", naming the first pairs and the command that settles the sure ones. */
function undecidedError(undecided: BatchPreview['review']['undecided'], uai: string): AppError {
  const sure = undecided.filter((u) => u.status === 'auto').length;
  const review = undecided.length - sure;
  const parts = [
    ...(sure ? [`${sure} association${sure > 1 ? 's' : ''} sûre${sure > 1 ? 's' : ''} jamais acceptée${sure > 1 ? 's' : ''} (acceptez-les : commande « passerelle accept-auto ${uai} » ou bouton « Accepter les associations sûres »)`] : []),
    ...(review ? [`${review} association${review > 1 ? 's' : ''} à vérifier (confirmez ou refusez chacune, ou une classe entière, sur l'écran Élèves ; ou « passerelle review ${uai} » puis « link » / « refuse »)`] : []),
  ];
  return new AppError(
    'validation',
    `Le lot ne peut pas être confirmé : ${parts.join(' ; ')}. Une association laissée sans décision ferait perdre son année de travail à l'élève.`,
    undecided.slice(0, 20).map((u) => ({ path: `pairs.${u.old.id}`, message: `${u.old.prenom} ${u.old.nom} (${u.old.classLabel}) → ${u.new.prenom} ${u.new.nom} (${u.new.classLabel}) : ${u.status === 'auto' ? 'sûre, pas encore acceptée' : 'à vérifier'}` })),
  );
}

function phaseOf(entry: { state: string; attempts: number; lastError: string | null } | null): SchoolPhase {
  if (!entry) return 'pulled';
  switch (entry.state) {
    case 'rejected':
      return entry.lastError === 'conflict' ? 'reconciled-elsewhere' : 'pulled';
    case 'frozen':
      return entry.attempts > 0 ? 'sending' : 'confirmed';
    case 'accepted':
      return 'accepted';
    case 'failed':
      return 'failed';
    default:
      return 'pulled';
  }
}
