/**
 * Account activation by academic e-mail, "forgot my old credentials", one-time codes, and support requests.
 * Knowing an address never changes a password: a never-activated account (no password yet) receives its login
 * and a fresh password by mail, as the procedure says; an account in use, and last year's account, receive a
 * one-time code (30 minutes, single use) and keep their password until the code is used. For any well-formed
 * address the answer is the same, whether or not an account exists. Requests count per address and per client.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import type { Year } from '../db/schema';
import { HttpError } from '../http/errors';
import type { AcceptedResponse } from '../../src-shared/api/common';
import type { PasswordResetRequest, PasswordResetResponse, SupportRequest, SupportRequestResponse } from '../../src-shared/api/activation';
import { SECRET_MARKER } from '../mail/mailer';
import { PORTAL_PATHS, portalSignInUrl } from '../../src-shared/portal';
import { hashPassword, readablePassword, sha256 } from './crypto';
import { requireAcademicEmail } from './email-rules';
import { clientOf } from './auth';
import { attempt, limitKey, spend } from './limits';
import { revokeAllSessions } from './sessions';

export const CODE_TTL_MS = 30 * 60 * 1000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const SAME_ANSWER: AcceptedResponse = {
  status: 'accepted',
  message: "Si un compte correspond à cette adresse, un courriel vient d'être envoyé : il contient l'identifiant et, pour un compte jamais activé, son mot de passe, sinon un code à usage unique (valable 30 minutes) pour choisir un nouveau mot de passe.",
};

/** 12 characters from a 32-letter alphabet (60 bits), shown as `ABCD-EFGH-JKLM`. */
export function newCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

const normaliseCode = (code: string): string => code.replace(/[\s-]/g, '').toUpperCase();

async function limitMailRequest(ctx: ServerContext, req: FastifyRequest, address: string): Promise<void> {
  await spend(
    [
      [ctx.limits.counter('mailAddress'), limitKey('mail', address)],
      [ctx.limits.counter('mailClient'), limitKey('mail', clientOf(req))],
    ],
    (m) => `Trop de demandes pour cette adresse ou depuis ce poste. Réessayez dans ${m} minute${m > 1 ? 's' : ''}.`,
  );
}

/** A fresh one-time code for the account (earlier unused codes of the same purpose stop working). */
async function issueCode(ctx: ServerContext, accountId: string, year: Year): Promise<string> {
  const code = newCode();
  const now = ctx.now();
  const purpose = `reset-${year}`;
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('one_time_codes').set({ used_at: new Date(now).toISOString() }).where('account_id', '=', accountId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
    await tx.insertInto('one_time_codes').values({ code_hash: sha256(normaliseCode(code)), account_id: accountId, purpose, created_at: new Date(now).toISOString(), expires_at: new Date(now + CODE_TTL_MS).toISOString(), used_at: null }).execute();
  });
  return code;
}

const codeMail = (login: string, when: string, publicUrl: string): string =>
  `Bonjour,\n\nVous (ou quelqu'un d'autre) avez demandé à changer le mot de passe de votre compte ENT de ${when}.\n` +
  `identifiant : ${login}\ncode à usage unique : ${SECRET_MARKER}\n\n` +
  `Saisissez ce code dans Passerelle (« J'ai reçu un code ») ou sur le portail de l'ENT (${publicUrl.replace(/\/+$/, '')}${PORTAL_PATHS.code}), avec le nouveau mot de passe de votre choix. ` +
  `Il est valable 30 minutes, une seule fois.\n\nVotre mot de passe actuel reste valable tant que le code n'a pas servi : si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.\n`;

export async function activate(ctx: ServerContext, req: FastifyRequest, rawEmail: string): Promise<AcceptedResponse> {
  const email = requireAcademicEmail(rawEmail);
  await limitMailRequest(ctx, req, email);
  const accounts = await ctx.db.selectFrom('accounts').select(['id', 'login', 'password_hash']).where('email', '=', email).where('year', '=', 'new').where('disabled', '=', 0).execute();
  if (accounts.length === 0) await hashPassword(readablePassword()); // same work as for a never-activated account
  for (const a of accounts) {
    if (a.password_hash === null) {
      const password = readablePassword();
      const hash = await hashPassword(password);
      // Only while it is still never activated: two activations at once give one password.
      const res = await ctx.db.updateTable('accounts').set({ password_hash: hash }).where('id', '=', a.id).where('password_hash', 'is', null).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) {
        await ctx.mailer.queue(ctx.db, {
          to: email,
          subject: 'Activation de votre compte ENT',
          body: `Bonjour,\n\nVotre compte ENT de cette année est activé :\nidentifiant : ${a.login}\nmot de passe : ${SECRET_MARKER}\n\nConnectez-vous sur le portail de l'ENT (${portalSignInUrl(ctx.publicUrl)}) ou dans Passerelle.\n\nSi vous n'êtes pas à l'origine de cette demande, prévenez le référent ENT de votre école.\n`,
          secret: password,
        });
        continue;
      }
    }
    await ctx.mailer.queue(ctx.db, { to: email, subject: 'Votre compte ENT : code pour changer de mot de passe', body: codeMail(a.login, 'cette année', ctx.publicUrl), secret: await issueCode(ctx, a.id, 'new') });
  }
  return SAME_ANSWER;
}

export async function forgotLegacy(ctx: ServerContext, req: FastifyRequest, rawEmail: string): Promise<AcceptedResponse> {
  const email = requireAcademicEmail(rawEmail);
  await limitMailRequest(ctx, req, email);
  const accounts = await ctx.db.selectFrom('accounts').select(['id', 'login']).where('email', '=', email).where('year', '=', 'old').where('disabled', '=', 0).execute();
  for (const a of accounts) {
    await ctx.mailer.queue(ctx.db, { to: email, subject: "Vos identifiants ENT de l'an dernier", body: codeMail(a.login, "l'an dernier", ctx.publicUrl), secret: await issueCode(ctx, a.id, 'old') });
  }
  return SAME_ANSWER;
}

/**
 * Uses a one-time code: the password changes, every session of the account ends, and grants proven with the
 * previous password stop working. Wrong codes count per client.
 */
export async function usePasswordCode(ctx: ServerContext, req: FastifyRequest, r: PasswordResetRequest): Promise<PasswordResetResponse> {
  const counter = ctx.limits.counter('codeClient');
  const clientKey = limitKey('code', clientOf(req));
  const succeeded = await attempt([[counter, clientKey]], () => 'Trop de codes erronés depuis ce poste : réessayez plus tard.');
  const now = ctx.now();
  const hash = sha256(normaliseCode(r.code));
  const row = await ctx.db
    .selectFrom('one_time_codes')
    .innerJoin('accounts', 'accounts.id', 'one_time_codes.account_id')
    .select(['one_time_codes.account_id', 'one_time_codes.expires_at', 'one_time_codes.used_at', 'accounts.login', 'accounts.year', 'accounts.disabled'])
    .where('one_time_codes.code_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.disabled || Date.parse(row.expires_at) <= now) {
    throw new HttpError('validation', { message: 'Ce code est inconnu, expiré ou déjà utilisé : demandez-en un nouveau.', key: 'otp.unknown', problems: [{ path: 'code', message: 'code inconnu, expiré ou déjà utilisé' }] });
  }
  if (r.newPassword.trim().toLowerCase() === row.login.toLowerCase()) {
    throw new HttpError('validation', { problems: [{ path: 'newPassword', message: "le mot de passe ne peut pas être l'identifiant" }] });
  }
  const passwordHash = await hashPassword(r.newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    const used = await tx.updateTable('one_time_codes').set({ used_at: new Date(now).toISOString() }).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new HttpError('validation', { message: 'Ce code vient déjà de servir.', key: 'otp.used', problems: [{ path: 'code', message: 'code déjà utilisé' }] });
    await tx
      .updateTable('accounts')
      .set((eb) => ({ password_hash: passwordHash, security_version: eb('security_version', '+', 1) }))
      .where('id', '=', row.account_id)
      .execute();
    await revokeAllSessions(tx, row.account_id, 'password-change', now);
  });
  await succeeded();
  const year = row.year === 'old' ? 'old' : 'new';
  return { status: 'changed', login: row.login, year, message: year === 'old' ? "Le mot de passe de votre compte de l'an dernier est changé : vous pouvez maintenant prouver cet ancien compte." : 'Votre mot de passe est changé : connectez-vous avec votre identifiant et ce nouveau mot de passe.' };
}

export async function createSupportRequest(ctx: ServerContext, req: FastifyRequest, r: SupportRequest): Promise<SupportRequestResponse> {
  const email = requireAcademicEmail(r.email);
  await limitMailRequest(ctx, req, email);
  const id = randomUUID();
  await ctx.db
    .insertInto('support_requests')
    .values({ id, nom: r.nom, prenom: r.prenom, email, school_uai: r.schoolUai, classe: r.classe, message: r.message ?? null, created_at: new Date(ctx.now()).toISOString() })
    .execute();
  return { id, status: 'received', message: 'Votre demande a été transmise au référent ENT : il vous répondra par courriel.' };
}
