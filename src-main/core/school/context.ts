/**
 * What every school operation of one signed-in user shares: the stores of the user's encrypted cache, the ENT
 * client, the rosters parsed once per pull, the legacy grant, one network operation per school at a time, and the
 * school's phase from the lifecycle rule book (src-shared/domain/school-lifecycle.ts).
 */
import { z } from 'zod';
import { meResponseSchema, type LegacyGrant, type MeResponse } from '../../../src-shared/api';
import { keyedError } from '../../../src-shared/messages';
import { allows, phaseOf, type SchoolAction, type SchoolPhase } from '../../../src-shared/domain/school-lifecycle';
import { ReceiptStore } from '../batch/receipt';
import type { CacheDatabase } from '../cache/database';
import { SnapshotStore, type LoadedSchool } from '../cache/snapshots';
import type { EntClient } from '../ent/client';
import { EntSchoolStatus } from '../ent-status';
import type { CoreEmitter } from '../events';
import type { RosterIds } from '../journal/check';
import { fold, type DecisionState } from '../journal/fold';
import { JournalStore } from '../journal/store';
import { OutboxStore } from '../outbox/store';
import type { SendDependencies } from '../outbox/send';
import type { Matcher } from '../pull';
import { CacheSecretStore } from '../secrets';
import { ActivityStore } from '../diagnostic/activity';
import { NOOP_LOGGER, type CoreLogger } from '../log';

const storedGrantSchema = z.object({ grant: z.string(), expiresAt: z.string(), classIds: z.array(z.string()).default([]) });
const ME_KEY = 'ent.me';
export const grantKey = (uai: string): string => `legacy.grant.${uai}`;

export interface SchoolContextOptions {
  cache: CacheDatabase;
  client: EntClient;
  events: CoreEmitter;
  matcher: Matcher;
  retryDelaysMs: readonly number[];
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** The host's logger (default: none). */
  log?: CoreLogger;
}

export class SchoolContext {
  readonly snapshots: SnapshotStore;
  readonly journal: JournalStore;
  readonly outbox: OutboxStore;
  readonly secrets: CacheSecretStore;
  readonly receipts: ReceiptStore;
  readonly ent: EntSchoolStatus;
  /** Downloads, sendings, the ENT's answers and the errors met, for support (src-main/core/diagnostic). */
  readonly activity: ActivityStore;
  readonly log: CoreLogger;
  /** Snapshots parsed once per pull: decisions are answered without re-reading the rosters. */
  private readonly loadedByUai = new Map<string, LoadedSchool>();
  private readonly idsByUai = new Map<string, RosterIds>();
  /** One network operation (pull, push, follow) per school at a time: a second call shares the first. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(readonly o: SchoolContextOptions) {
    this.snapshots = new SnapshotStore(o.cache.db);
    this.journal = new JournalStore(o.cache.db);
    this.outbox = new OutboxStore(o.cache.db);
    this.secrets = new CacheSecretStore(o.cache.db);
    this.receipts = new ReceiptStore(this.secrets);
    this.ent = new EntSchoolStatus(o.client, this.secrets, o.now);
    this.log = o.log ?? NOOP_LOGGER;
    this.activity = new ActivityStore(o.cache.db, this.log, o.now);
  }

  get client(): EntClient {
    return this.o.client;
  }

  get events(): CoreEmitter {
    return this.o.events;
  }

  rememberAccount(me: MeResponse): void {
    this.secrets.set(ME_KEY, me);
  }

  /** The account as last seen online (for a restore without network). */
  rememberedAccount(): MeResponse | null {
    return this.secrets.get(ME_KEY, meResponseSchema);
  }

  /** Whether a pull, a sending or a credentials download is running (the user's cache must stay open). */
  busy(): boolean {
    return this.inFlight.size > 0;
  }

  exclusive<T>(uai: string, operation: string, run: () => Promise<T>): Promise<T> {
    const key = `${operation}:${uai}`;
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    for (const other of this.inFlight.keys()) {
      if (other.endsWith(`:${uai}`)) return Promise.reject(keyedError('conflict', 'school.busy', 'Une autre opération est en cours pour cette école. Attendez sa fin puis réessayez.'));
    }
    const promise = run().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** The school's phase, from the lifecycle rule book. */
  phase(uai: string): SchoolPhase {
    const school = this.snapshots.school(uai);
    const entry = this.outbox.latest(uai);
    const ent = this.ent.of(uai);
    return phaseOf({
      pulled: school !== null && school.phase !== 'merged' && school.newSnapshotId !== null && school.oldSnapshotId !== null,
      merged: school?.phase === 'merged',
      entry: entry ? { state: entry.state, attempts: entry.attempts, lastError: entry.lastError, mergeId: entry.mergeId } : null,
      acceptedElsewhere: ent !== null && ent.id !== entry?.mergeId,
    });
  }

  /** Refuses what the school's phase does not allow, saying why in French. */
  require(uai: string, action: SchoolAction): SchoolPhase {
    const phase = this.phase(uai);
    if (allows(phase, action)) return phase;
    if (phase === 'sending' || phase === 'accepted') {
      throw keyedError('conflict', 'school.batch-left', "Le lot de cette école est déjà parti vers l'ENT : les décisions et les listes ne peuvent plus changer ; terminez l'envoi (push).");
    }
    if (phase === 'merged') throw keyedError('conflict', 'school.merged', 'Cette école a déjà été rapprochée ; ses données personnelles ont été effacées de cet ordinateur.');
    if (phase === 'reconciled-elsewhere') this.ent.assertOpen(uai);
    if (phase === 'not-pulled') throw keyedError('not-found', 'school.not-pulled', "Cette école n'a pas encore été téléchargée. Téléchargez ses listes d'abord (commande pull).");
    throw keyedError('conflict', 'school.not-now', "Cette opération n'est pas possible dans l'état actuel de l'école.");
  }

  loaded(uai: string): LoadedSchool {
    const cached = this.loadedByUai.get(uai);
    if (cached) return cached;
    const school = this.snapshots.load(uai);
    if (!school) {
      const known = this.snapshots.school(uai);
      if (known?.phase === 'merged') throw keyedError('conflict', 'school.merged', 'Cette école a déjà été rapprochée ; ses données personnelles ont été effacées de cet ordinateur.');
      throw keyedError('not-found', 'school.not-pulled', "Cette école n'a pas encore été téléchargée. Téléchargez ses listes d'abord (commande pull).");
    }
    this.loadedByUai.set(uai, school);
    return school;
  }

  forget(uai: string): void {
    this.loadedByUai.delete(uai);
    this.idsByUai.delete(uai);
  }

  rosterIds(uai: string): RosterIds {
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

  state(uai: string): DecisionState {
    return fold(this.journal.list(uai));
  }

  /** A valid legacy grant for the school, or null (expired, absent). */
  validGrant(uai: string): string | null {
    const stored = this.secrets.get(grantKey(uai), storedGrantSchema);
    if (!stored) return null;
    const expires = Date.parse(stored.expiresAt);
    return Number.isFinite(expires) && expires - 30_000 > this.o.now() ? stored.grant : null;
  }

  grantClassIds(uai: string): Set<string> {
    return new Set(this.secrets.get(grantKey(uai), storedGrantSchema)?.classIds ?? []);
  }

  /** Sends the old credentials once for a grant (kept, encrypted, until it expires), or reuses a valid grant. */
  async legacyGrant(uai: string, legacy: { login: string; password: string } | null): Promise<string> {
    if (legacy) return (await this.proveLegacy(legacy, [uai])).grant;
    const stored = this.validGrant(uai);
    if (!stored) {
      throw keyedError('unauthorized', 'school.needs-legacy', "Il faut les identifiants de l'an dernier (ancien compte ENT de directeur ou de référent) pour télécharger l'ancienne liste de cette école.");
    }
    return stored;
  }

  /**
   * Proves the old account once: the grant is kept for every school it covers (a referent's old account covers all
   * the schools she was referent of; a teacher's, the schools of their classes), and for `also` (asked for by name).
   */
  async proveLegacy(legacy: { login: string; password: string }, also: readonly string[] = []): Promise<LegacyGrant> {
    const grant: LegacyGrant = await this.o.client.call('legacyVerify', { body: { login: legacy.login, password: legacy.password } });
    const uais = new Set([...grant.schoolSpaces.map((s) => s.schoolUai), ...grant.classSpaces.map((c) => c.schoolUai), ...also]);
    for (const school of uais) {
      this.secrets.set(grantKey(school), { grant: grant.grant, expiresAt: grant.expiresAt, classIds: grant.classSpaces.filter((c) => c.schoolUai === school).map((c) => c.classId) });
    }
    return grant;
  }

  sendDeps(): SendDependencies {
    const { client, events, retryDelaysMs, pollIntervalMs, sleep } = this.o;
    return { client, outbox: this.outbox, events, retryDelaysMs, pollIntervalMs, sleep, record: (uai, kind, data) => this.activity.record(uai, kind, data) };
  }
}

