/**
 * The stack of `small-screens.spec.ts`, apart from the shared e2e stack (whose three demo schools the other specs
 * reconcile): a reference ENT server with one school of its own (the benchmark generator's, about 300 pupils),
 * where a few pupils get very long names — the same child last year and this year, so a long name shows in the
 * three columns — then a browser host. Prints one line `SMALL_SCREENS=<json>` (address, accounts, planted names)
 * and runs until SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBrowserHost } from '../../src-main/host/main';
import { buildBenchSchools } from '../../src-server/demo/bench-school';
import { writeRows } from '../../src-server/demo/seed';
import { openDatabase } from '../../src-server/db/connect';
import { startEntServer } from '../../src-server/index';

export const LONG_SURNAME = 'DE LA FONTAINE-SAINT-EXUPÉRY-MONTMORENCY';
/** Very long first names, one per class (each findable on its own). */
const LONG_FIRST_NAMES = [
  'Marie-Bérénice-Éléonore-Clémentine', 'Jean-Baptiste-Maximilien-Théophile', 'Anne-Charlotte-Héloïse-Marguerite', 'Louis-Alexandre-Barthélemy-Aurélien',
  'Marie-Gwendoline-Apolline-Séraphine', 'Pierre-Emmanuel-Hippolyte-Anatole', 'Louise-Amandine-Philomène-Bernadette', 'Charles-Édouard-Florentin-Evariste',
  'Sophie-Éléonore-Capucine-Margaux', 'Henri-Maximilien-Octave-Sébastien', 'Claire-Ombeline-Perrine-Victorine', 'Paul-Aurélien-Gaspard-Théodore',
  'Jeanne-Églantine-Roseline-Ysaline', 'Jules-Ambroise-Célestin-Fortuné', 'Lucie-Mélisande-Aliénor-Bérangère', 'Hugo-Barnabé-Léopold-Timothée',
];

export interface SmallScreensStack {
  url: string;
  uai: string;
  director: { login: string; password: string };
  legacy: { login: string; password: string };
  /** New pupils renamed, by class label: the same child's old account has the same name. */
  planted: Array<{ newId: string; oldId: string; nom: string; prenom: string; classLabel: string }>;
  /** An old account of a child who left, renamed too (it stays in the right column). */
  leaver: { oldId: string; nom: string; prenom: string };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'passerelle-small-'));
  const serverDir = join(root, 'serveur-ent');
  const { rows, schools } = buildBenchSchools(1, 300, { seed: 16, itemsScale: 0.02 });
  const bench = schools[0];
  if (!bench) throw new Error('no school built');
  const accounts = new Map(rows.accounts.map((a) => [a.id, a]));
  const newPupils = new Map(bench.school.new.pupils.map((p) => [p.id, p]));
  // One continuing child per class gets a long name, in both years (first classes first: the one shown on opening).
  const planted: SmallScreensStack['planted'] = [];
  const seen = new Set<string>();
  for (const pair of bench.school.truth) {
    const pupil = newPupils.get(pair.newId);
    const oldAccount = accounts.get(pair.oldId);
    const newAccount = accounts.get(pair.newId);
    if (!pupil?.classId || seen.has(pupil.classId) || !oldAccount || !newAccount || !oldAccount.date_naissance) continue;
    seen.add(pupil.classId);
    const prenom = LONG_FIRST_NAMES[planted.length % LONG_FIRST_NAMES.length] ?? 'Marie-Bérénice';
    for (const a of [oldAccount, newAccount]) {
      a.nom = LONG_SURNAME;
      a.prenom = prenom;
    }
    planted.push({ newId: pair.newId, oldId: pair.oldId, nom: LONG_SURNAME, prenom, classLabel: pupil.classLabel });
  }
  const continuing = new Set(bench.school.truth.map((t) => t.oldId));
  const left = bench.school.old.pupils.find((p) => !continuing.has(p.id));
  const leaverAccount = left ? accounts.get(left.id) : undefined;
  if (!leaverAccount) throw new Error('no old pupil who left');
  leaverAccount.nom = 'VAN DER HEYDEN-BOISSIÈRE-LAGRANGE-DUPONT';
  leaverAccount.prenom = 'Philippine-Apolline-Gwendoline';

  const database = await openDatabase({ dataDir: serverDir });
  await writeRows(database.db, rows);
  await database.close();
  const server = await startEntServer({ port: 0, dataDir: serverDir, demo: false });
  const host = await runBrowserHost({ serverUrl: server.url, dataDir: join(root, 'app') });
  const stack: SmallScreensStack = {
    url: host.url,
    uai: bench.uai,
    director: bench.director.new,
    legacy: bench.director.old,
    planted,
    leaver: { oldId: leaverAccount.id, nom: leaverAccount.nom, prenom: leaverAccount.prenom },
  };
  process.stdout.write(`SMALL_SCREENS=${JSON.stringify(stack)}\n`);
  const stop = async () => {
    await host.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`small-screens stack: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
