/** Downloading a school's rosters (the old one with the legacy grant), matched and stored in one transaction. */
import { batchMayHaveLeft } from '../../../src-shared/domain/school-lifecycle';
import { keyedError } from '../../../src-shared/messages';
import { pullSchool } from '../pull';
import { activityError } from '../diagnostic/activity';
import type { LegacyCredentials, SchoolStatus } from '../types';
import type { SchoolContext } from './context';
import { schoolStatus } from './reads';

export function pull(ctx: SchoolContext, uai: string, legacy: LegacyCredentials | null): Promise<SchoolStatus> {
  return ctx.exclusive(uai, 'pull', () => pullNow(ctx, uai, legacy));
}

export async function pullNow(ctx: SchoolContext, uai: string, legacy: LegacyCredentials | null): Promise<SchoolStatus> {
  const started = ctx.o.now();
  try {
    const status = await pullOnce(ctx, uai, legacy);
    const c = status.counts;
    ctx.activity.record(uai, 'pull', { ms: ctx.o.now() - started, ...(status.rosterVersions ? { versions: status.rosterVersions } : {}), ...(c ? { counts: { newPupils: c.newPupils, oldPupils: c.oldPupils, proposalsAuto: c.proposalsAuto, proposalsReview: c.proposalsReview } } : {}) });
    return status;
  } catch (err) {
    ctx.activity.record(uai, 'pull-failed', { ms: ctx.o.now() - started, error: activityError(err) });
    throw err;
  }
}

async function pullOnce(ctx: SchoolContext, uai: string, legacy: LegacyCredentials | null): Promise<SchoolStatus> {
  if (batchMayHaveLeft(ctx.outbox.active(uai))) {
    throw keyedError('conflict', 'school.pull-after-send', "Le lot de cette école a déjà été envoyé : terminez l'envoi (push) au lieu de retélécharger.");
  }
  // A school the ENT already reconciled (from this account or another) has nothing left to download.
  await ctx.ent.refresh([uai]);
  if (!ctx.outbox.latest(uai)?.mergeId) ctx.ent.assertOpen(uai);
  const grant = await ctx.legacyGrant(uai, legacy);
  try {
    await pullSchool({ client: ctx.client, snapshots: ctx.snapshots, matcher: ctx.o.matcher, events: ctx.events }, uai, grant);
  } finally {
    // Decisions answered during the download used the previous snapshots; the next call reloads.
    ctx.forget(uai);
  }
  // A confirmation covers the rosters it saw: after a new pull, confirm again.
  const confirmed = ctx.outbox.active(uai);
  if (confirmed && confirmed.state === 'frozen' && confirmed.attempts === 0) ctx.outbox.setState(confirmed.id, 'superseded', 'new-pull');
  return schoolStatus(ctx, uai);
}
