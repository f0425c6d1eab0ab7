/**
 * One chunk of a merge job, in one transaction: the data it changes and the progress row that reflects it are
 * committed together, so a crash (kill -9) between chunks never applies anything twice, and a restart resumes.
 * Big spaces move `chunkSize` items per chunk; pupils are linked (with their personal data) up to 50 per chunk.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, MergeOpsTable } from '../db/schema';
import type { PasswordPool } from './password-pool';
import { loginBase } from '../demo/logins';

const PER_CHUNK = 50;

export type ChunkResult = 'more' | 'finished';

/** Applies the next chunk of one merge; 'finished' once the merge is done (or was already). */
export async function runOneChunk(db: Kysely<DB>, mergeId: string, chunkSize: number, pool: PasswordPool, dialect: 'sqlite' | 'postgres', sealPassword: (clear: string) => string): Promise<ChunkResult> {
  const merge = await db.selectFrom('merges').select(['id']).where('id', '=', mergeId).where('status', 'in', ['accepted', 'running']).executeTakeFirst();
  if (!merge) return 'finished';
  const credentialsLeft = await db.selectFrom('merge_ops').select((eb) => eb.fn.countAll<number>().as('n')).where('merge_id', '=', merge.id).where('done', '=', 0).where('kind', '=', 'credentials').executeTakeFirst();
  pool.prepare(Number(credentialsLeft?.n ?? 0));
  const op = await db.selectFrom('merge_ops').selectAll().where('merge_id', '=', merge.id).where('done', '=', 0).orderBy('seq').executeTakeFirst();
  if (!op) {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('merge_steps').set({ status: 'done' }).where('merge_id', '=', merge.id).execute();
      await tx.updateTable('merges').set({ status: 'done', finished_at: new Date().toISOString() }).where('id', '=', merge.id).where('status', '!=', 'done').execute();
    });
    return 'finished';
  }
  if (op.kind === 'credentials' || op.kind === 'link-pupil') {
    const batch = await db.selectFrom('merge_ops').selectAll().where('merge_id', '=', merge.id).where('done', '=', 0).where('kind', '=', op.kind).orderBy('seq').limit(Math.min(chunkSize, PER_CHUNK)).execute();
    // Password hashing is slow on purpose: done ahead (pool) and before the transaction, which then stays short.
    const passwords = op.kind === 'credentials' ? await pool.take(batch.length) : [];
    await db.transaction().execute(async (tx) => {
      if (!(await claim(tx, dialect, merge.id, batch.map((o) => o.seq)))) return;
      let n = 0;
      for (const [i, o] of batch.entries()) {
        if (o.kind === 'credentials') {
          await createCredentials(tx, o, passwords[i] ?? { pw: '', hash: '' }, sealPassword);
          n += 1;
        } else n += await linkPupil(tx, o);
      }
      await finishOps(tx, op, batch.map((o) => o.seq), n);
    });
    return 'more';
  }
  await db.transaction().execute(async (tx) => {
    if (!(await claim(tx, dialect, merge.id, [op.seq]))) return;
    if (op.kind === 'move-items') {
      const apps = op.apps.split(',').filter(Boolean);
      const res = await tx
        .updateTable('items')
        .set({ space_id: op.dst })
        .where('id', 'in', (eb) => eb.selectFrom('items').select('id').where('space_id', '=', op.src).where('app', 'in', apps).orderBy('id').limit(chunkSize))
        .executeTakeFirst();
      const n = Number(res.numUpdatedRows);
      if (n === chunkSize) await progress(tx, op, n);
      else await finishOps(tx, op, [op.seq], n);
    } else if (op.kind === 'move-licences') {
      const dst = await tx.selectFrom('classes').select('school_uai').where('id', '=', op.dst).executeTakeFirstOrThrow();
      const res = await tx.updateTable('licences').set({ class_id: op.dst, school_uai: dst.school_uai }).where('class_id', '=', op.src).executeTakeFirst();
      await finishOps(tx, op, [op.seq], Number(res.numUpdatedRows));
    } else {
      throw new Error(`unknown operation ${op.kind}`);
    }
  });
  return 'more';
}

/**
 * First statements of every chunk's transaction: on PostgreSQL, lock the merge row so that two workers (of one or
 * several server processes) apply one job's chunks one at a time — other schools' jobs are not held back (SQLite serialises writers itself: a stale writer gets BUSY and
 * retries); then check the operations are still to do. A chunk that lost the race does nothing.
 */
async function claim(tx: Transaction<DB>, dialect: 'sqlite' | 'postgres', mergeId: string, seqs: number[]): Promise<boolean> {
  if (seqs.length === 0) return false;
  if (dialect === 'postgres') await tx.selectFrom('merges').select('id').where('id', '=', mergeId).forUpdate().execute();
  const pending = await tx.selectFrom('merge_ops').select('seq').where('merge_id', '=', mergeId).where('seq', 'in', seqs).where('done', '=', 0).execute();
  return pending.length === seqs.length;
}

async function progress(tx: Transaction<DB>, op: MergeOpsTable, n: number): Promise<void> {
  await tx.updateTable('merges').set({ status: 'running' }).where('id', '=', op.merge_id).where('status', '=', 'accepted').execute();
  await tx
    .updateTable('merge_steps')
    .set((eb) => ({ done: eb('done', '+', n), status: 'running' }))
    .where('merge_id', '=', op.merge_id)
    .where('name', '=', op.step)
    .execute();
}

/** Marks operations done (exactly once: if another worker did it first, this transaction rolls back). */
async function finishOps(tx: Transaction<DB>, op: MergeOpsTable, seqs: number[], n: number): Promise<void> {
  const res = await tx.updateTable('merge_ops').set({ done: 1 }).where('merge_id', '=', op.merge_id).where('seq', 'in', seqs).where('done', '=', 0).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== seqs.length) throw new Error('operation already applied');
  await progress(tx, op, n);
  const left = await tx.selectFrom('merge_ops').select('seq').where('merge_id', '=', op.merge_id).where('step', '=', op.step).where('done', '=', 0).limit(1).executeTakeFirst();
  if (!left) await tx.updateTable('merge_steps').set({ status: 'done' }).where('merge_id', '=', op.merge_id).where('name', '=', op.step).execute();
}

/**
 * An associated pupil: the chosen personal-data apps move to the new account, which keeps last year's login and
 * password; the old account is archived. Returns the progress units (items moved + 1).
 */
async function linkPupil(tx: Transaction<DB>, op: MergeOpsTable): Promise<number> {
  const apps = op.apps.split(',').filter(Boolean);
  let moved = 0;
  if (apps.length) {
    const spaces = await tx.selectFrom('spaces').select(['id', 'owner_id']).where('kind', '=', 'personal').where('owner_id', 'in', [op.src, op.dst]).execute();
    const src = spaces.find((s) => s.owner_id === op.src)?.id;
    const dst = spaces.find((s) => s.owner_id === op.dst)?.id;
    if (src && dst) {
      const res = await tx.updateTable('items').set({ space_id: dst }).where('space_id', '=', src).where('app', 'in', apps).executeTakeFirst();
      moved = Number(res.numUpdatedRows);
    }
  }
  const old = await tx.selectFrom('accounts').select(['login', 'password_hash']).where('id', '=', op.src).executeTakeFirstOrThrow();
  await tx.updateTable('accounts').set({ login: `archive.${op.src}`, disabled: 1, merged_into: op.dst }).where('id', '=', op.src).execute();
  await tx.updateTable('accounts').set(old.password_hash ? { login: old.login, password_hash: old.password_hash } : { login: old.login }).where('id', '=', op.dst).execute();
  return moved + 1;
}

/** The clear password is kept sealed (for the letters) until a manager marks them printed or they expire. */
async function createCredentials(tx: Transaction<DB>, op: MergeOpsTable, pw: { pw: string; hash: string }, sealPassword: (clear: string) => string): Promise<void> {
  const a = await tx.selectFrom('accounts').select(['id', 'nom', 'prenom', 'login']).where('id', '=', op.dst).executeTakeFirstOrThrow();
  const linked = await tx.selectFrom('accounts').select('id').where('merged_into', '=', a.id).executeTakeFirst();
  let login = a.login;
  if (!linked) {
    // ONDE's pupil accounts get an ENT login `prenom.nom` (numbered for homonyms): the first free one among base,
    // base2, base3…, each asked by equality (the unique index on login; a LIKE prefix scanned every account).
    const base = loginBase(a.prenom, a.nom);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      const taken = await tx.selectFrom('accounts').select('id').where('login', '=', candidate).where('id', '!=', a.id).executeTakeFirst();
      if (!taken) {
        login = candidate;
        break;
      }
    }
  }
  await tx.updateTable('accounts').set({ login, password_hash: pw.hash }).where('id', '=', a.id).execute();
  await tx.insertInto('pupil_credentials').values({ merge_id: op.merge_id, account_id: a.id, login, password: sealPassword(pw.pw), fetched: 0 }).execute();
}
