/**
 * The core's background work, for the hosts that stay open (the Electron window, the browser host) and for
 * `passerelle push --attendre`: it watches the ENT server (every 10 s while it answers, every 3 s while it does
 * not, a `server.status` event at each change), and while it answers it sends the signed-in user's confirmed
 * batches (a batch confirmed is meant to leave: the director typed the school's name) and follows accepted merges
 * to the end. A failed sending is tried again later with a jittered exponential backoff, or after the
 * `Retry-After` the ENT asked for. Screens only show state and events: closing one never stops a batch.
 */
import { AppError } from '../../src-shared/errors';
import type { ServerStatus } from '../../src-shared/rpc';
import type { AppInfoService } from './app-info';
import { EntError } from './ent/errors';
import type { CoreSession } from './session';
import { pendingPulls, resumePulls } from './referent/many';
import { follow, push } from './school/sending';
import { awaitsSending } from '../../src-shared/domain/school-lifecycle';

export interface BackgroundOptions {
  session: CoreSession;
  appInfo: AppInfoService;
  onServerStatus(status: ServerStatus): void;
  onlineIntervalMs?: number;
  offlineIntervalMs?: number;
  /** First delay after a failed sending; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  now?: () => number;
}

export interface Background {
  /** Look again now (the user just confirmed, or signed in). */
  nudge(): void;
  /** The schools whose sending failed, with when it is tried again (for the screens and tests). */
  pending(): Array<{ uai: string; retryAt: number; reason: string }>;
  stop(): Promise<void>;
}

interface Retry { attempts: number; retryAt: number; reason: string }

export function startBackground(o: BackgroundOptions): Background {
  const now = o.now ?? Date.now;
  const random = o.random ?? Math.random;
  const onlineMs = o.onlineIntervalMs ?? 10_000;
  const offlineMs = o.offlineIntervalMs ?? 3_000;
  const backoff = o.backoffMs ?? 5_000;
  const maxBackoff = o.maxBackoffMs ?? 5 * 60_000;
  const retries = new Map<string, Retry>();
  const running = new Set<string>();
  let stopped = false;
  let wake: (() => void) | null = null;
  let last: string | null = null;
  let resuming = false;

  const schedule = (uai: string, err: unknown): void => {
    const previous = retries.get(uai)?.attempts ?? 0;
    const retryAfter = err instanceof EntError ? err.details?.retryAfterSeconds : undefined;
    // The ENT's own delay when it gave one; else 5 s, 10 s, 20 s… up to 5 min, ± 20 % so a school's PCs spread out.
    const base = retryAfter ? retryAfter * 1000 : Math.min(maxBackoff, backoff * 2 ** previous);
    const delay = retryAfter ? base : base * (0.8 + 0.4 * random());
    retries.set(uai, { attempts: previous + 1, retryAt: now() + delay, reason: err instanceof AppError ? err.code : 'internal' });
  };

  /** Sends or follows one school; never throws (a failure is retried later, or waits for the user). */
  const work = (uai: string, kind: 'push' | 'follow'): void => {
    const ctx = o.session.currentOrNull();
    if (!ctx || running.has(uai)) return;
    running.add(uai);
    void (async () => {
      try {
        await (kind === 'push' ? push(ctx, uai, null) : follow(ctx, uai));
        retries.delete(uai);
      } catch (err) {
        // Without a valid grant the batch waits for the old credentials: only the director can give them.
        if (err instanceof AppError && (err.code === 'unauthorized' || err.code === 'conflict' || err.code === 'validation' || err.code === 'bad-request')) retries.set(uai, { attempts: Infinity, retryAt: Infinity, reason: err.code });
        else schedule(uai, err);
      } finally {
        running.delete(uai);
      }
    })();
  };

  const drain = (): void => {
    const ctx = o.session.currentOrNull();
    if (!ctx) return;
    for (const school of ctx.snapshots.schools()) {
      const retry = retries.get(school.uai);
      if (retry && retry.retryAt > now()) continue;
      const phase = ctx.phase(school.uai);
      if (awaitsSending(phase)) work(school.uai, 'push');
      else if (phase === 'accepted') work(school.uai, 'follow');
    }
    // Downloads of many schools cut by the network (or a restart): the rest goes on.
    if (!resuming && pendingPulls(ctx).length > 0) {
      resuming = true;
      void resumePulls(ctx)
        .catch(() => undefined)
        .finally(() => {
          resuming = false;
        });
    }
  };

  const loop = (async () => {
    while (!stopped) {
      let status: ServerStatus;
      try {
        status = await o.appInfo.checkServer();
      } catch {
        status = { url: o.session.serverUrl(), reachable: false };
      }
      const key = `${status.url}|${status.reachable}`;
      if (key !== last) {
        last = key;
        o.onServerStatus(status);
      }
      if (status.reachable) drain();
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, status.reachable ? onlineMs : offlineMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    nudge() {
      // A nudge also forgives the schools waiting for the user (they may have given the old credentials).
      for (const [uai, r] of retries) if (r.retryAt === Infinity) retries.delete(uai);
      wake?.();
    },
    pending: () => [...retries].map(([uai, r]) => ({ uai, retryAt: r.retryAt, reason: r.reason })),
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
