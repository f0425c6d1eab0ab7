/**
 * What the ENT says of each school's merge (who sent the accepted batch, when, how far, whether the letters can
 * still be fetched), kept in the user's encrypted cache so the school list and the school's screens show it
 * offline too. A school reconciled from another account is seen here before anyone starts working on it.
 */
import { z } from 'zod';
import { schoolMergesResponseSchema, type SchoolMergeSummary } from '../../src-shared/api';
import { AppError } from '../../src-shared/errors';
import type { EntClient } from './ent/client';
import type { CacheSecretStore } from './secrets';

const KEY = 'ent.school-merges';
const cachedSchema = z.object({ at: z.string(), response: schoolMergesResponseSchema });
const releaseKey = (uai: string): string => `letters.release-pending.${uai}`;
const releaseSchema = z.object({ mergeId: z.string() });

export class EntSchoolStatus {
  constructor(private readonly client: EntClient, private readonly secrets: CacheSecretStore, private readonly now: () => number) {}

  /**
   * Asks the ENT (and keeps the answer); letters marked printed offline are told now. Never fails: offline, or an
   * ENT without this route, leaves the last known answer (the ENT's 409 still guards the batch itself).
   */
  async refresh(uais: readonly string[]): Promise<boolean> {
    try {
      await this.sendPendingReleases(uais);
      const response = await this.client.call('schoolMerges', {});
      this.secrets.set(KEY, { at: new Date(this.now()).toISOString(), response });
      return true;
    } catch (err) {
      if (err instanceof AppError) return false;
      throw err;
    }
  }

  /** The school's merge as last seen, or null (none accepted, or never asked). */
  of(uai: string): SchoolMergeSummary | null {
    return this.secrets.get(KEY, cachedSchema)?.response.schools.find((s) => s.uai === uai)?.merge ?? null;
  }

  /** Refuses to start work on a school the ENT already reconciled (or is merging), naming who and when. */
  assertOpen(uai: string): void {
    const merge = this.of(uai);
    if (!merge) return;
    const letters = merge.status === 'done' ? ' ; les lettres des nouveaux élèves restent disponibles' : '';
    throw new AppError('conflict', `${reconciledBy(merge)} Il n'y a plus rien à télécharger pour cette école${letters}.`, undefined, {
      key: 'school.reconciled-elsewhere',
      params: { name: merge.acceptedByName ?? '', role: merge.acceptedByRole ?? 'other', acceptedAt: merge.acceptedAt, status: merge.status },
    });
  }

  /** The letters are printed: the ENT erases the passwords for every manager (told later when offline). */
  async release(uai: string, mergeId: string): Promise<void> {
    this.secrets.set(releaseKey(uai), { mergeId });
    try {
      await this.client.call('releaseCredentials', { params: { id: mergeId }, body: undefined });
      this.secrets.delete(releaseKey(uai));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'offline') throw err;
    }
  }

  private async sendPendingReleases(uais: readonly string[]): Promise<void> {
    for (const uai of uais) {
      const pending = this.secrets.get(releaseKey(uai), releaseSchema);
      if (!pending) continue;
      await this.client.call('releaseCredentials', { params: { id: pending.mergeId }, body: undefined });
      this.secrets.delete(releaseKey(uai));
    }
  }
}

/** "Cette école a été rapprochée par Bénédicte Garnier (référente ENT) le 3 septembre 2026 à 10:12." */
export function reconciledBy(merge: SchoolMergeSummary): string {
  const role = merge.acceptedByRole === 'referent' ? 'référent ENT' : 'direction';
  const who = merge.acceptedByName ? `${merge.acceptedByName} (${role})` : role === 'référent ENT' ? 'le référent ENT' : 'la direction';
  const when = new Date(merge.acceptedAt).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
  const state = merge.status === 'done' ? 'a été rapprochée' : merge.status === 'failed' ? "a un rapprochement en échec, envoyé" : 'est en cours de rapprochement, envoyé';
  return `Cette école ${state} par ${who} le ${when}.`;
}
