/**
 * Account activation by academic e-mail, "forgot my old credentials", and support requests.
 * For any well-formed address the answer is the same, and takes about the same time, whether or not an account
 * exists: the login and a fresh password go by e-mail only.
 */
import { randomUUID } from 'node:crypto';
import type { ServerContext } from '../context';
import type { Year } from '../db/schema';
import type { AcceptedResponse } from '../../src-shared/api/common';
import type { SupportRequest, SupportRequestResponse } from '../../src-shared/api/activation';
import { hashPassword, readablePassword } from './crypto';
import { requireAcademicEmail } from './email-rules';

const SAME_ANSWER: AcceptedResponse = {
  status: 'accepted',
  message: 'Si un compte correspond à cette adresse, un courriel contenant l’identifiant et un nouveau mot de passe vient d’être envoyé.',
};

async function resetAndMail(ctx: ServerContext, rawEmail: string, year: Year, subject: string): Promise<AcceptedResponse> {
  const email = requireAcademicEmail(rawEmail);
  const accounts = await ctx.db.selectFrom('accounts').select(['id', 'login']).where('email', '=', email).where('year', '=', year).where('disabled', '=', 0).execute();
  if (accounts.length === 0) {
    await hashPassword(readablePassword()); // same work as for a known account
    return SAME_ANSWER;
  }
  for (const a of accounts) {
    const password = readablePassword();
    const hash = await hashPassword(password);
    await ctx.db.updateTable('accounts').set({ password_hash: hash }).where('id', '=', a.id).execute();
    const when = year === 'new' ? 'cette année' : "l'an dernier";
    await ctx.mailer.queue(ctx.db, {
      to: email,
      subject,
      body: `Bonjour,\n\nVoici les identifiants de votre compte ENT de ${when} :\nidentifiant : ${a.login}\nmot de passe : ${password}\n\nSi vous n'êtes pas à l'origine de cette demande, prévenez le référent ENT de votre école.\n`,
    });
  }
  return SAME_ANSWER;
}

export function activate(ctx: ServerContext, email: string): Promise<AcceptedResponse> {
  return resetAndMail(ctx, email, 'new', 'Activation de votre compte ENT');
}

export function forgotLegacy(ctx: ServerContext, email: string): Promise<AcceptedResponse> {
  return resetAndMail(ctx, email, 'old', "Vos identifiants ENT de l'an dernier");
}

export async function createSupportRequest(ctx: ServerContext, r: SupportRequest): Promise<SupportRequestResponse> {
  const email = requireAcademicEmail(r.email);
  const id = randomUUID();
  await ctx.db
    .insertInto('support_requests')
    .values({ id, nom: r.nom, prenom: r.prenom, email, school_uai: r.schoolUai, classe: r.classe, message: r.message ?? null, created_at: new Date(ctx.now()).toISOString() })
    .execute();
  return { id, status: 'received', message: 'Votre demande a été transmise au référent ENT : il vous répondra par courriel.' };
}
