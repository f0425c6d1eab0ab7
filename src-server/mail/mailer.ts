/** Outgoing mail: always written to the `mail_outbox` table first, then sent by SMTP when `SMTP_URL` is set. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema';

export interface Mailer {
  queue(db: Kysely<DB>, mail: { to: string; subject: string; body: string }): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl?: string | undefined; from?: string; log?: (msg: string) => void }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  const from = opts.from ?? 'Passerelle ENT <no-reply@ent.example>';
  return {
    async queue(db, mail) {
      const id = randomUUID();
      await db.insertInto('mail_outbox').values({ id, recipient: mail.to, subject: mail.subject, body: mail.body, created_at: new Date().toISOString(), sent_at: null }).execute();
      if (!transport) return;
      // Sent after the answer is decided, never awaited by the request: the answer must not reveal anything.
      transport
        .sendMail({ from, to: mail.to, subject: mail.subject, text: mail.body })
        .then(() => db.updateTable('mail_outbox').set({ sent_at: new Date().toISOString() }).where('id', '=', id).execute())
        .catch(() => opts.log?.(`envoi SMTP impossible pour le message ${id}`));
    },
    close() {
      transport?.close();
    },
  };
}
