/**
 * `passerelle match --old OLD.csv --new NEW.csv [--json]`: thin host over the matching engine.
 * Reads both files, matches school by school (when an `ecole` column is present), prints JSON or a
 * French summary.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../src-shared/errors';
import { matchResultSchema, type MatchResult, type Proposal } from '../../../src-shared/domain/matching';
import type { PupilRecord } from '../../../src-shared/domain/roster';
import { readRosterCsv, type RosterFile, type SchoolRosters } from '../../core';
import { matchSchoolsToJson, pairSchools, splitPoint, writeResultJson, type MatchShareJson } from './match-share';
import type { CliCommand } from '../command';
import { parse } from '../session';

const HELP = `Usage : passerelle match --old ANCIENS.csv --new NOUVEAUX.csv [--json]

Rapproche les comptes de l'an dernier (saisis à la main) des nouveaux comptes issus d'ONDE.

  --old FICHIER   comptes de l'an dernier (CSV : id, nom, prenom, date_naissance, niveau, classe)
  --new FICHIER   nouveaux comptes (même format, ou export élèves d'ONDE)
  --json          résultat en JSON : {"pairs":[…],"unmatchedOld":[…],"unmatchedNew":[…]}
  --help          cette aide

Séparateur « ; » ou « , », UTF-8 ou Windows-1252. Une colonne « ecole » (UAI) permet plusieurs écoles.`;

interface MatchArgs {
  oldPath: string;
  newPath: string;
  json: boolean;
}

function parseMatchArgs(args: string[]): MatchArgs | 'help' {
  const { values } = parse(args, { old: { type: 'string' }, new: { type: 'string' }, json: { type: 'boolean' } }, { positionals: false });
  if (values.help) return 'help';
  if (!values.old || !values.new) throw new AppError('bad-request', 'Indiquez les deux fichiers : --old ANCIENS.csv --new NOUVEAUX.csv.');
  return { oldPath: values.old, newPath: values.new, json: values.json ?? false };
}

function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'introuvable' : code === 'EISDIR' ? "est un dossier, pas un fichier" : code === 'EACCES' ? 'illisible (droits insuffisants)' : 'illisible';
    throw new AppError('bad-request', `Fichier « ${path} » ${reason}.`);
  }
}

function checkSchoolColumns(oldFile: RosterFile, newFile: RosterFile): void {
  if (oldFile.multiSchool !== newFile.multiSchool) {
    throw new AppError('bad-request', 'La colonne « ecole » (UAI) doit être présente dans les deux fichiers, ou dans aucun.');
  }
}

/** Starts the helper thread; resolves to its share, or null if it failed (the main thread then does it). */
function startHelperThread(oldBytes: Uint8Array, newBytes: Uint8Array): { share: Promise<MatchShareJson | null>; stop: () => void } {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./match-worker.mjs', import.meta.url), { workerData: { oldBytes, newBytes }, stdout: true, stderr: true });
  } catch {
    return { share: Promise.resolve(null), stop: () => undefined };
  }
  const share = new Promise<MatchShareJson | null>((resolve) => {
    worker.once('message', (message: MatchShareJson) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return { share, stop: () => void worker.terminate() };
}

const command: CliCommand = {
  summary: "Rapproche les comptes de l'an dernier des nouveaux comptes ONDE",
  async run(args, io) {
    const parsed = parseMatchArgs(args);
    if (parsed === 'help') {
      io.stdout.write(HELP + '\n');
      return 0;
    }
    const oldBytes = readFile(parsed.oldPath);
    const newBytes = readFile(parsed.newPath);
    // One thread by default: measured on 2 cores, the second thread (which parses both files again) was slower
    // (5.6 s against 5.4 s for 300 schools). PASSERELLE_MATCH_THREADS=2 opts in, for big files on a machine with a free core.
    const threads = process.env.PASSERELLE_MATCH_THREADS;
    const twoThreads = threads === '2';
    const helper = twoThreads ? startHelperThread(oldBytes, newBytes) : null;
    let schools: SchoolRosters[];
    try {
      const oldFile = readRosterCsv(oldBytes, parsed.oldPath);
      const newFile = readRosterCsv(newBytes, parsed.newPath);
      checkSchoolColumns(oldFile, newFile);
      schools = pairSchools(oldFile, newFile);
    } catch (err) {
      helper?.stop();
      throw err;
    }
    // With a helper thread: this thread matches the first schools, the helper the others (same split).
    const from = helper ? splitPoint(schools) : schools.length;
    const shares = [matchSchoolsToJson(schools.slice(0, from))];
    if (from < schools.length) shares.push((await helper?.share) ?? matchSchoolsToJson(schools.slice(from)));
    else helper?.stop();
    if (parsed.json) {
      writeResultJson(shares, (text) => io.stdout.write(text));
    } else {
      let text = '';
      writeResultJson(shares, (piece) => (text += piece));
      const result = matchResultSchema.parse(JSON.parse(text));
      io.stdout.write(frenchSummary(result, schools) + '\n');
    }
    return 0;
  },
};

export default command;

const LISTED_REVIEWS = 40;

function frenchSummary(result: MatchResult, schools: SchoolRosters[]): string {
  const oldById = new Map<string, PupilRecord>();
  const newById = new Map<string, PupilRecord>();
  for (const s of schools) {
    for (const p of s.old.pupils) oldById.set(p.id, p);
    for (const p of s.new.pupils) newById.set(p.id, p);
  }
  const auto = result.pairs.filter((p) => p.status === 'auto');
  const review = result.pairs.filter((p) => p.status === 'review');
  const who = (p: PupilRecord | undefined) => (p ? `${p.prenom} ${p.nom}${p.classLabel ? ` (${p.classLabel})` : ''}` : '?');
  const lines = [
    `Rapprochement${schools.length > 1 ? ` de ${schools.length} écoles` : ''} : ${oldById.size} ancien(s) compte(s), ${newById.size} nouveau(x).`,
    `  ${auto.length} association(s) sûre(s), appliquables sans vérification`,
    `  ${review.length} association(s) à vérifier`,
    `  ${result.unmatchedOld.length} ancien(s) compte(s) sans correspondance (départs probables)`,
    `  ${result.unmatchedNew.length} nouveau(x) compte(s) sans correspondance (arrivées probables)`,
  ];
  if (review.length > 0) {
    lines.push('', 'À vérifier :');
    for (const p of review.slice(0, LISTED_REVIEWS)) lines.push(`  ${who(oldById.get(p.old))} → ${who(newById.get(p.new))} — score ${p.score} : ${reasons(p)}`);
    if (review.length > LISTED_REVIEWS) lines.push(`  … et ${review.length - LISTED_REVIEWS} autre(s) (détail complet avec --json).`);
  }
  return lines.join('\n');
}

function reasons(p: Proposal): string {
  return p.evidence
    .filter((e) => e.kind !== 'exact' && e.kind !== 'case')
    .map((e) => e.detail)
    .join(' ; ') || 'tout concorde';
}
