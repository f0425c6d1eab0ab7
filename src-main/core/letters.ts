/**
 * The credential letters of a reconciled school: the logins and passwords the ENT generated for new pupils
 * without an old account. Any director or referent of the school may fetch them (`GET /v1/merges/{id}/credentials`,
 * each fetch recorded by the ENT) until a manager marks the letters printed or they expire (then 410) — so a
 * school merged from the referent's account still gets its letters from the director's app. They are written to
 * the user's encrypted cache before they are shown and kept there until the letters are printed (`forget`, which
 * also tells the ENT). Later calls, offline or after a restart, read the stored copy.
 */
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { credentialLettersSchema, type CredentialLetters, type PupilCredential } from '../../src-shared/rpc/account';
import type { SnapshotStore } from './cache/snapshots';
import type { EntClient } from './ent/client';
import type { OutboxStore } from './outbox/store';
import type { CacheSecretStore } from './secrets';
import type { SchoolMergeSummary } from '../../src-shared/api';
import { keyedError } from '../../src-shared/messages';

const lettersKey = (uai: string): string => `letters.credentials.${uai}`;
const forgottenKey = (uai: string): string => `letters.forgotten.${uai}`;
const forgottenSchema = z.object({ at: z.string() });
const mergedSummarySchema = z.object({ mergeId: z.string() });

export interface LetterDependencies {
  client: EntClient;
  secrets: CacheSecretStore;
  snapshots: SnapshotStore;
  outbox: OutboxStore;
  now: () => number;
  /** The ENT's view of the school's merge (a school reconciled from another account has no local outbox entry). */
  entMerge?: SchoolMergeSummary | null;
  /** The school's name when it was never downloaded here (as the account lists it). */
  schoolName?: string;
}

/** Class, then surname, then first name, the French way (accents and case ignored). */
export function sortCredentials(list: readonly PupilCredential[]): PupilCredential[] {
  const compare = new Intl.Collator('fr', { sensitivity: 'base', numeric: true }).compare;
  return [...list].sort((a, b) => compare(a.classLabel, b.classLabel) || compare(a.nom, b.nom) || compare(a.prenom, b.prenom) || a.pupilId.localeCompare(b.pupilId));
}

/** The stored letters (no network), or null. */
export function storedLetters(secrets: CacheSecretStore, uai: string): CredentialLetters | null {
  return secrets.get(lettersKey(uai), credentialLettersSchema);
}

/** The id of the school's finished merge, or a French error saying what to do first. */
function finishedMergeId(deps: LetterDependencies, uai: string): string {
  const school = deps.snapshots.school(uai);
  const kept = school?.phase === 'merged' ? mergedSummarySchema.safeParse(school.summary) : null;
  if (kept?.success) return kept.data.mergeId;
  const entry = deps.outbox.latest(uai);
  if (entry?.state === 'done' && entry.mergeId) return entry.mergeId;
  if (deps.entMerge?.status === 'done') return deps.entMerge.id;
  if (deps.entMerge) throw keyedError('conflict', 'letters.merge-running', "Le rapprochement de cette école n'est pas encore terminé : les identifiants des nouveaux élèves seront disponibles à la fin de la fusion.");
  if (entry?.state === 'rejected' && entry.lastError === 'conflict') {
    throw keyedError('conflict', 'letters.elsewhere-wait', "Cette école a été rapprochée depuis un autre compte : ouvrez la liste des écoles en ligne, ses lettres y seront proposées dès la fin de la fusion.");
  }
  if (entry?.state === 'accepted' || (entry?.state === 'frozen' && entry.attempts > 0)) {
    throw keyedError('conflict', 'letters.follow-first', "Le rapprochement de cette école n'est pas encore terminé. Suivez l'envoi jusqu'au bout ; les identifiants des nouveaux élèves seront disponibles ensuite.");
  }
  throw keyedError('not-found', 'letters.not-reconciled', "Cette école n'est pas encore rapprochée : les identifiants des nouveaux élèves seront disponibles une fois le lot envoyé et la fusion terminée.");
}

/** The letters: the stored copy, else fetched once from the ENT and stored (encrypted) before being returned. */
export async function credentialLetters(deps: LetterDependencies, uai: string): Promise<CredentialLetters> {
  const stored = storedLetters(deps.secrets, uai);
  if (stored) return stored;
  const mergeId = finishedMergeId(deps, uai);
  let answer;
  try {
    answer = await deps.client.call('mergeCredentials', { params: { id: mergeId } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not-found') throw alreadyFetched(deps, uai);
    throw err;
  }
  const letters: CredentialLetters = {
    uai,
    schoolName: deps.snapshots.school(uai)?.name ?? deps.schoolName ?? uai,
    signInUrl: deps.client.serverUrl,
    fetchedAt: new Date(deps.now()).toISOString(),
    credentials: sortCredentials(answer.credentials),
  };
  // Kept before they are shown: the ENT will never give them again.
  deps.secrets.set(lettersKey(uai), letters);
  deps.secrets.delete(forgottenKey(uai));
  return letters;
}

function alreadyFetched(deps: LetterDependencies, uai: string): AppError {
  const forgotten = deps.secrets.get(forgottenKey(uai), forgottenSchema);
  const advice = 'Pour un élève sans identifiants, demandez au référent ENT de réinitialiser son mot de passe.';
  if (forgotten) {
    const day = new Date(forgotten.at).toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
    return keyedError('not-found', 'letters.erased-on', 'Les identifiants des nouveaux élèves ont été effacés le {day}, après impression des lettres. {advice}', { day, advice, erasedAt: forgotten.at });
  }
  return keyedError('not-found', 'letters.erased', "Les lettres de cette école ont déjà été marquées imprimées (ou les identifiants ont expiré, 30 jours après la fusion) : l'ENT les a effacés. {advice}", { advice });
}

/** The letters are printed: the stored credentials are erased (the cache has `secure_delete` on). */
export function forgetCredentialLetters(deps: Pick<LetterDependencies, 'secrets' | 'now'>, uai: string): void {
  if (storedLetters(deps.secrets, uai)) deps.secrets.set(forgottenKey(uai), { at: new Date(deps.now()).toISOString() });
  deps.secrets.delete(lettersKey(uai));
}
