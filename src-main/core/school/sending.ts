/**
 * From decisions to the ENT: the batch as a director reads it (by name), its confirmation (frozen with its
 * Idempotency-Key, refused while a proposal is undecided), sending it (retried, same key), following the merge to
 * the end, then wiping the school's personal data and keeping a summary and the receipt.
 */
import { movesOldData } from '../../../src-shared/api';
import { AppError } from '../../../src-shared/errors';
import { keyedError } from '../../../src-shared/messages';
import { buildBatch, summarize, type BatchSummary, type BuiltBatch } from '../batch';
import { reviewBatch } from '../batch/review';
import type { LoadedSchool } from '../cache/snapshots';
import type { DecisionState } from '../journal/fold';
import { followMerge, sendFrozen } from '../outbox/send';
import type { BatchPreview, BatchReceipt, Confirmation, LegacyCredentials, PushOutcome } from '../types';
import { grantKey, type SchoolContext } from './context';
import { pullNow } from './pulls';

function built(ctx: SchoolContext, uai: string): { loaded: LoadedSchool; state: DecisionState; built: BuiltBatch; summary: BatchSummary } {
  const loaded = ctx.loaded(uai);
  const state = ctx.state(uai);
  const b = buildBatch(loaded, state, ctx.grantClassIds(uai));
  return { loaded, state, built: b, summary: summarize(loaded, b, state.optedOut.size) };
}

export function preview(ctx: SchoolContext, uai: string): BatchPreview {
  const { built: b, summary, loaded, state } = built(ctx, uai);
  return { summary, problems: b.problems, flagged: b.flagged, review: reviewBatch(loaded, state, b, ctx.grantClassIds(uai)) };
}

/** "3 associations à décider…", naming the first pairs and what settles them. */
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
    { key: 'school.undecided', params: { uai, sure, review, total: undecided.length } },
  );
}

/**
 * Freezes the batch with its Idempotency-Key: from now on it can only be sent as is. Refused while a proposed
 * pair is neither confirmed nor refused (sure pairs never accepted included), whoever calls: screens and CLI.
 */
export function confirm(ctx: SchoolContext, uai: string): Confirmation {
  ctx.require(uai, 'confirm');
  const { built: b, summary, state, loaded } = built(ctx, uai);
  const review = reviewBatch(loaded, state, b, ctx.grantClassIds(uai));
  if (review.undecided.length > 0) throw undecidedError(review.undecided, uai);
  if (b.problems.length > 0) throw keyedError('validation', 'batch.invalid', 'Le lot contient des erreurs : corrigez-les avant de confirmer.', {}, b.problems);
  const entry = ctx.outbox.freeze(uai, b.batch, state.lastSeq);
  ctx.activity.record(uai, 'confirm', { idempotencyKey: entry.idempotencyKey, counts: { linked: summary.counts.linked, newPupils: summary.counts.newPupils, oldNotFollowing: summary.counts.oldNotFollowing, classesRecovered: summary.counts.classesRecovered } });
  ctx.receipts.record({ uai, schoolName: loaded.school.name, idempotencyKey: entry.idempotencyKey, at: new Date(ctx.o.now()).toISOString(), batch: b.batch, summary, review });
  ctx.events.emit('school.changed', { uai });
  return { idempotencyKey: entry.idempotencyKey, summary };
}

/** What was confirmed (then sent), by name, as kept with the school. */
export function receipt(ctx: SchoolContext, uai: string): BatchReceipt {
  return ctx.receipts.require(uai);
}

export function push(ctx: SchoolContext, uai: string, legacy: LegacyCredentials | null): Promise<PushOutcome> {
  return ctx.exclusive(uai, 'push', () => pushNow(ctx, uai, legacy));
}

async function pushNow(ctx: SchoolContext, uai: string, legacy: LegacyCredentials | null): Promise<PushOutcome> {
  const sent = await sendNow(ctx, uai, legacy);
  if (sent === 'rebased') return { outcome: 'rebased', preview: preview(ctx, uai) };
  return followNow(ctx, uai);
}

/**
 * Sends the school's confirmed batch until the ENT accepted it (without following the merge: the core's background
 * work does), for the sendings of many schools at once. `done`: it had already been merged.
 */
export function send(ctx: SchoolContext, uai: string, legacy: LegacyCredentials | null): Promise<'accepted' | 'rebased' | 'done'> {
  return ctx.exclusive(uai, 'push', () => sendNow(ctx, uai, legacy));
}

async function sendNow(ctx: SchoolContext, uai: string, legacy: LegacyCredentials | null): Promise<'accepted' | 'rebased' | 'done'> {
  let entry = ctx.outbox.active(uai);
  // Sent meanwhile by an earlier call (a window reloaded while its sending went on): report that merge.
  const latest = entry ? null : ctx.outbox.latest(uai);
  if (latest?.mergeId && latest.state === 'done') return 'done';
  if (!entry) throw keyedError('bad-request', 'school.nothing-confirmed', 'Aucun lot confirmé pour cette école. Vérifiez le résumé puis confirmez (commande confirm).');
  if (entry.state === 'frozen') {
    let grant = ctx.validGrant(uai);
    if (legacy) grant = await ctx.legacyGrant(uai, legacy);
    // The ENT refuses (403) a batch that moves last year's data without a grant: never send one.
    if (!grant && movesOldData(entry.batch)) throw keyedError('unauthorized', 'school.grant-expired', "L'autorisation de l'ancien compte a expiré : indiquez de nouveau les identifiants de l'an dernier pour envoyer le lot.");
    ctx.receipts.advance(uai, entry.idempotencyKey, { state: 'sent' });
    const frozen = entry;
    const sent = await sendFrozen(ctx.sendDeps(), frozen, grant).catch(async (err: unknown) => {
      if (err instanceof AppError && err.code === 'conflict') {
        // Another batch won: this receipt says so, and the ENT's statement (who, when, letters) is fetched now.
        ctx.receipts.advance(uai, frozen.idempotencyKey, { state: 'refused' });
        await ctx.ent.refresh([uai]);
        ctx.events.emit('school.changed', { uai });
      }
      throw err;
    });
    if (sent.kind === 'accepted') ctx.receipts.advance(uai, entry.idempotencyKey, { state: 'accepted', mergeId: sent.receipt.id, acceptedAt: sent.receipt.acceptedAt });
    ctx.events.emit('school.changed', { uai });
    if (sent.kind === 'stale') {
      // 412: a new pull (with the stored grant), the journal kept; links that no longer fit are flagged.
      await pullNow(ctx, uai, legacy);
      return 'rebased';
    }
    entry = ctx.outbox.active(uai);
    if (!entry) throw new AppError('internal');
  }
  return 'accepted';
}

/** Follows the accepted merge to the end; when done, wipes the school's personal data and keeps a summary. */
export function follow(ctx: SchoolContext, uai: string): Promise<PushOutcome> {
  return ctx.exclusive(uai, 'push', () => followNow(ctx, uai));
}

async function followNow(ctx: SchoolContext, uai: string): Promise<PushOutcome> {
  const entry = ctx.outbox.active(uai) ?? ctx.outbox.latest(uai);
  if (!entry?.mergeId) throw keyedError('not-found', 'school.nothing-accepted', "Aucun lot de cette école n'a encore été accepté par l'ENT.");
  const merge = await followMerge(ctx.sendDeps(), uai, entry.mergeId);
  ctx.activity.record(uai, 'merge', { mergeId: merge.id, status: merge.status });
  if (merge.status === 'failed') {
    ctx.outbox.setState(entry.id, 'failed', 'merge-failed');
    ctx.events.emit('school.changed', { uai });
    return { outcome: 'failed', mergeId: merge.id, merge };
  }
  ctx.receipts.advance(uai, entry.idempotencyKey, { state: 'merged', mergeId: merge.id, finishedAt: merge.finishedAt });
  // The summary of what was actually sent: the frozen batch, over the snapshots it was built from.
  const loaded = ctx.snapshots.load(uai);
  const summary = loaded ? summarize(loaded, { batch: entry.batch, flagged: [], problems: [] }, ctx.state(uai).optedOut.size) : null;
  ctx.forget(uai);
  // Done and wiped in one transaction: a crash leaves either both or neither.
  ctx.o.cache.db.transaction(() => {
    if (entry.state !== 'done') ctx.outbox.setState(entry.id, 'done', null);
    if (!summary) return;
    ctx.snapshots.wipe(uai, { ...summary, warnings: [], mergeId: merge.id, finishedAt: merge.finishedAt });
    ctx.outbox.wipeBatches(uai);
    ctx.secrets.delete(grantKey(uai));
  }).immediate();
  ctx.events.emit('school.changed', { uai });
  const kept = ctx.snapshots.school(uai)?.summary as BatchSummary | undefined;
  return { outcome: 'done', mergeId: merge.id, merge, summary: summary ?? (kept as BatchSummary) };
}
