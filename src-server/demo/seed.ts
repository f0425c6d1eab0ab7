/** Seeds the demo académie on first run (empty database) and writes `demo-accounts.json` in the data folder. */
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ServerContext } from '../context';
import type { DB } from '../db/schema';
import { insertMany } from '../db/bulk';
import { hashPassword } from '../services/crypto';
import { buildDemoAcademie, type SeedRows } from './academie';
import { addBaseCommunes, addReferentSchools } from './referent-schools';

/** The published demo passwords are public by nature: a cheaper scrypt cost keeps the first start quick. */
export const DEMO_PASSWORD_COST = 1 << 10;

export async function writeRows(db: Kysely<DB>, rows: SeedRows): Promise<void> {
  const hashes = new Map<string, string>();
  await Promise.all([...rows.passwords].map(async ([id, pw]) => hashes.set(id, await hashPassword(pw, DEMO_PASSWORD_COST))));
  // Last year's accounts all had a password (typed by their owners, unknown to us): one shared hash of a random
  // secret stands for them, so an associated pupil keeps "their" password. New accounts wait for activation.
  const unknown = await hashPassword(randomBytes(16).toString('hex'), DEMO_PASSWORD_COST);
  for (const a of rows.accounts) a.password_hash = hashes.get(a.id) ?? a.password_hash ?? (a.year === 'old' ? unknown : null);
  await db.transaction().execute(async (tx) => {
    await insertMany(tx, 'schools', rows.schools);
    await insertMany(tx, 'accounts', rows.accounts, 200);
    await insertMany(tx, 'roles', rows.roles);
    await insertMany(tx, 'classes', rows.classes);
    await insertMany(tx, 'parent_links', rows.parentLinks);
    await insertMany(tx, 'spaces', rows.spaces);
    await insertMany(tx, 'items', rows.items, 1000);
    await insertMany(tx, 'licences', rows.licences);
  });
}

/** `extraSchools`: more schools for the demo referent, with her own old referent account (`--demo-schools N`). */
export async function seedDemoIfEmpty(ctx: ServerContext, dataDir: string, seed: number, extraSchools = 0): Promise<string | null> {
  const file = join(dataDir, 'demo-accounts.json');
  const existing = await ctx.db.selectFrom('schools').select('uai').limit(1).executeTakeFirst();
  if (existing) return existsSync(file) ? file : null;
  const rows = buildDemoAcademie(seed);
  addBaseCommunes(rows);
  addReferentSchools(rows, seed, extraSchools);
  await writeRows(ctx.db, rows);
  const doc = {
    note: "Comptes de démonstration du serveur ENT de référence. year=new : comptes de cette année (ONDE) ; year=old : comptes de l'an dernier. Les autres comptes s'activent par courriel (POST /v1/activation).",
    seed,
    accounts: rows.demo,
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
  return file;
}
