/**
 * Trust rules (issue "nobody moves a child's data without proof"): revocable sessions and refresh-token families,
 * one-time codes instead of password resets by strangers, mail secrets erased after delivery, shared rate-limit
 * counters, one claim per old adult account, idempotent ONDE sync. Portable types only (text, integer, bigint).
 */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current DB type: they describe the schema at their own time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
  // Refresh tokens now belong to a session (their rotation family): the old table's rows cannot be attached to one.
  await db.schema.dropTable('refresh_tokens').execute();
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('refresh_tokens_session').on('refresh_tokens').column('session_id').execute();
  // Bumped by every password change: grants proven with an older password stop working.
  await db.schema.alterTable('accounts').addColumn('security_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('one_time_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('one_time_codes_account').on('one_time_codes').column('account_id').execute();
  // The one secret of a mail (password or code), encrypted with the server's key, erased once delivered.
  await db.schema.alterTable('mail_outbox').addColumn('secret', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('secret_erased_at', 'text').execute();
  // rate-limiter-flexible's store layout (key, points, expire in ms), one table for every limiter (key prefixes).
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  // An old adult account's personal data goes to one new account, and a new account receives one old account.
  await db.schema
    .createTable('personal_claims')
    .addColumn('old_account_id', 'text', (c) => c.primaryKey())
    .addColumn('new_account_id', 'text', (c) => c.notNull().unique())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // ONDE sync of a pupil is an upsert on the pupil's identity within the school.
  await db.schema
    .createTable('onde_pupils')
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('onde_key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('onde_pupils_pk', ['school_uai', 'onde_key'])
    .execute();
  await db.schema.createIndex('merges_status').on('merges').columns(['status', 'accepted_at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('merges_status').ifExists().execute();
  for (const t of ['onde_pupils', 'personal_claims', 'rate_limits', 'one_time_codes', 'refresh_tokens', 'sessions']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('mail_outbox').dropColumn('secret_erased_at').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('secret').execute();
  await db.schema.alterTable('accounts').dropColumn('security_version').execute();
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
