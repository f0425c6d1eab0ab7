/**
 * Outgoing mail: always written to the `mail_outbox` table first, then sent by SMTP when `SMTP_URL` is set.
 * A mail's one secret (a password or a one-time code) never lies in the body: the body holds the marker
 * `SECRET_MARKER`, the secret is sealed with the server's mail key (AES-256-GCM) in its own column, put into the
 * text only when the mail leaves, and erased once delivered — or after `SECRET_RETENTION_MS` when it never left
 * (no SMTP configured: the reference server's demo reads its mails from the table).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB, MailOutboxTable } from '../db/schema';
import { seal, unseal } from '../services/crypto';

export const SECRET_MARKER = '{{secret}}';
export const SECRET_RETENTION_MS = 24 * 3600 * 1000;

export interface OutgoingMail { to: string; subject: string; body: string; secret?: string }

export interface Mailer {
  queue(db: Kysely<DB>, mail: OutgoingMail): Promise<void>;
  /** The mail as its recipient reads it (secret put back while it is still kept), for the demo and tests. */
  read(row: Pick<MailOutboxTable, 'body' | 'secret'>): string;
  close(): void;
}

/** Erases the secrets of mails older than the retention (delivered or not); returns how many were erased. */
export async function eraseOldMailSecrets(db: Kysely<DB>, now: number): Promise<number> {
  const res = await db
    .updateTable('mail_outbox')
    .set({ secret: null, secret_erased_at: new Date(now).toISOString() })
    .where('secret', 'is not', null)
    .where('created_at', '<', new Date(now - SECRET_RETENTION_MS).toISOString())
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function createMailer(opts: { smtpUrl?: string | undefined; key: Buffer; from?: string; log?: (msg: string) => void }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  const from = opts.from ?? 'Passerelle ENT <no-reply@ent.example>';
  const read: Mailer['read'] = (row) => {
    const secret = row.secret ? unseal(opts.key, row.secret) : null;
    return row.body.split(SECRET_MARKER).join(secret ?? '[effacé]');
  };
  return {
    read,
    async queue(db, mail) {
      const id = randomUUID();
      const sealed = mail.secret !== undefined ? seal(opts.key, mail.secret) : null;
      await db
        .insertInto('mail_outbox')
        .values({ id, recipient: mail.to, subject: mail.subject, body: mail.body, created_at: new Date().toISOString(), sent_at: null, secret: sealed, secret_erased_at: null })
        .execute();
      if (!transport) return;
      // Sent after the answer is decided, never awaited by the request: the answer must not reveal anything.
      transport
        .sendMail({ from, to: mail.to, subject: mail.subject, text: read({ body: mail.body, secret: sealed }) })
        .then(() => {
          const at = new Date().toISOString();
          return db.updateTable('mail_outbox').set({ sent_at: at, secret: null, secret_erased_at: sealed ? at : null }).where('id', '=', id).execute();
        })
        .catch(() => opts.log?.(`envoi SMTP impossible pour le message ${id}`));
    },
    close() {
      transport?.close();
    },
  };
}
