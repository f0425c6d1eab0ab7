/** Initial schema: one migration for SQLite and PostgreSQL (portable column types only: text, integer). */
import type { Kysely } from 'kysely';

// Migrations must not depend on the current DB type: they describe the schema at their own time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('schools')
    .addColumn('uai', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('new_version', 'integer', (c) => c.notNull())
    .addColumn('old_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('email', 'text')
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('prenom', 'text', (c) => c.notNull())
    .addColumn('date_naissance', 'text')
    .addColumn('sexe', 'text')
    .addColumn('niveau', 'text')
    .addColumn('class_id', 'text')
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('base_eleves_director', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chosen_class_id', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into', 'text')
    .addColumn('personal_decision', 'text')
    .execute();
  await db.schema.createIndex('accounts_email').on('accounts').columns(['email', 'year']).execute();
  await db.schema.createIndex('accounts_school').on('accounts').columns(['school_uai', 'year']).execute();
  await db.schema
    .createTable('roles')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text')
    .execute();
  await db.schema.createIndex('roles_account').on('roles').column('account_id').execute();
  await db.schema.createIndex('roles_school').on('roles').columns(['school_uai', 'role']).execute();
  await db.schema
    .createTable('classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('levels', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('parent_links')
    .addColumn('parent_id', 'text', (c) => c.notNull())
    .addColumn('pupil_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parent_links_pk', ['parent_id', 'pupil_id'])
    .execute();
  await db.schema.createIndex('parent_links_pupil').on('parent_links').column('pupil_id').execute();
  await db.schema
    .createTable('spaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text')
    .addColumn('owner_id', 'text')
    .execute();
  await db.schema.createIndex('spaces_school').on('spaces').columns(['school_uai', 'kind']).execute();
  await db.schema.createIndex('spaces_owner').on('spaces').column('owner_id').execute();
  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull())
    .addColumn('app', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('items_space_app').on('items').columns(['space_id', 'app', 'id']).execute();
  await db.schema
    .createTable('licences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('licences_class').on('licences').column('class_id').execute();
  await db.schema
    .createTable('roster_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createTable('support_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('prenom', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('school_uai', 'text', (c) => c.notNull())
    .addColumn('classe', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The first-wins rule: one accepted batch per school, enforced by the database itself.
    .addColumn('school_uai', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by_role', 'text', (c) => c.notNull())
    .addColumn('accepted_by_account', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createTable('merge_steps')
    .addColumn('merge_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('merge_steps_pk', ['merge_id', 'name'])
    .execute();
  await db.schema
    .createTable('merge_ops')
    .addColumn('merge_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('dst', 'text', (c) => c.notNull())
    .addColumn('apps', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('merge_ops_pk', ['merge_id', 'seq'])
    .execute();
  await db.schema
    .createTable('pupil_credentials')
    .addColumn('merge_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('password', 'text')
    .addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('pupil_credentials_pk', ['merge_id', 'account_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['pupil_credentials', 'merge_ops', 'merge_steps', 'merges', 'support_requests', 'mail_outbox', 'refresh_tokens', 'roster_changes', 'licences', 'items', 'spaces', 'parent_links', 'classes', 'roles', 'accounts', 'schools']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
