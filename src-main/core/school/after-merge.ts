/** After the merge: the new pupils' credentials for the letters (any manager of the school), and forgetting them once printed. */
import type { CredentialLetters } from '../../../src-shared/rpc/account';
import { credentialLetters, forgetCredentialLetters, storedLetters } from '../letters';
import type { SchoolContext } from './context';
import { knownName } from './reads';

/** The stored copy, else fetched from the ENT (also for a school merged from another account) and stored before returned. */
export function credentials(ctx: SchoolContext, uai: string): Promise<CredentialLetters> {
  const stored = storedLetters(ctx.secrets, uai);
  if (stored) return Promise.resolve(stored);
  return ctx.exclusive(uai, 'credentials', async () => {
    await ctx.ent.refresh([uai]);
    return credentialLetters({ client: ctx.client, now: ctx.o.now, secrets: ctx.secrets, snapshots: ctx.snapshots, outbox: ctx.outbox, entMerge: ctx.ent.of(uai), schoolName: knownName(ctx, uai) }, uai);
  });
}

/** The letters are printed: erased here, and the ENT erases the passwords for every manager (told later if offline). */
export async function forgetCredentials(ctx: SchoolContext, uai: string): Promise<void> {
  forgetCredentialLetters({ secrets: ctx.secrets, now: ctx.o.now }, uai);
  const mergeId = ctx.ent.of(uai)?.id ?? ctx.outbox.latest(uai)?.mergeId ?? null;
  if (mergeId) await ctx.ent.release(uai, mergeId);
}
