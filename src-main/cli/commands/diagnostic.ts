/**
 * `passerelle diagnostic export --out F` (what support needs, pseudonymised unless --reelles and the typed consent;
 * the summary is shown before anything is written) and `passerelle diagnostic inspect F` (support: the timeline of
 * each school, the errors met, and with --ecole/--etape the school as it stood at that step). Inspect opens nobody's
 * cache and talks to no ENT.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { AppError, DEFAULT_MESSAGES, ERROR_CODES, type ErrorCode } from '../../../src-shared/errors';
import { DIAGNOSTIC_PART_CHARS, REAL_DATA_CONSENT, type DiagnosticOverview, type DiagnosticStep, type DiagnosticSummary, type RpcOutput, type TimelineEntry } from '../../../src-shared/rpc';
import type { CliCommand, CliIo } from '../command';
import { parse, prompt, withApp, type CliApp } from '../session';

const KINDS: Record<TimelineEntry['kind'], string> = {
  pull: 'listes téléchargées',
  'pull-failed': 'téléchargement en échec',
  decision: 'décision',
  undo: 'annulation',
  redo: 'rétablissement',
  confirm: 'lot confirmé',
  send: "envoi à l'ENT",
  answer: "réponse de l'ENT",
  merge: 'fin de la fusion',
  error: 'erreur affichée',
};

const DECISIONS: Record<string, string> = {
  accept: 'association confirmée',
  link: 'association faite à la main',
  refuse: 'association refusée',
  unlink: 'association défaite',
  'map-class': "classe d'arrivée d'un espace de classe",
  'choose-apps': 'applications choisies',
  'class-apps': "applications d'un espace de classe",
  'opt-out': 'refus de la famille',
  'accept-auto': 'associations sûres acceptées',
  'accept-pairs': 'associations confirmées',
  'refuse-pairs': 'associations refusées',
  import: 'tableau de décisions importé',
};

const EXCLUDED: Record<DiagnosticSummary['excluded'][number], string> = {
  passwords: 'aucun mot de passe',
  tokens: "aucun jeton de session de l'ENT",
  grants: "aucune autorisation de l'ancien compte",
  letters: "aucune lettre d'identifiants",
  logins: 'aucun identifiant de connexion',
};

function errorText(e: NonNullable<TimelineEntry['error']>): string {
  const code = (ERROR_CODES as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'internal';
  return `${e.code}${e.key ? ` (${e.key})` : ''}${e.status ? ` HTTP ${e.status}` : ''} — ${DEFAULT_MESSAGES[code]}`;
}

export function entryLine(e: TimelineEntry): string {
  const when = e.at.replace('T', ' ').slice(0, 19);
  let what: string = KINDS[e.kind];
  if (e.kind === 'decision' && e.decision) what = `${DECISIONS[e.decision] ?? e.decision}${e.pairs ? ` (${e.pairs} paire${e.pairs > 1 ? 's' : ''})` : ''}`;
  if (e.kind === 'send' && e.attempt) what += `, essai ${e.attempt}`;
  if (e.kind === 'answer') what += e.ok ? ' : lot accepté' : ` : refus ou échec${e.retry ? ' (nouvel essai automatique)' : ''}`;
  if (e.kind === 'merge' && e.status) what += ` : ${e.status === 'done' ? 'terminée' : 'en échec'}`;
  if (e.method) what += ` [${e.method}]`;
  if (e.error) what += ` — ${errorText(e.error)}`;
  return `${String(e.index).padStart(4)}  ${when}  ${what}`;
}

function printSummary(io: CliIo, s: DiagnosticSummary): void {
  io.stdout.write(`Diagnostic ${s.pseudonymised ? 'pseudonymisé (noms remplacés, dates décalées, identifiants hachés)' : 'AVEC LES VRAIES DONNÉES (chiffré par un mot de passe)'} :\n`);
  io.stdout.write(`  Passerelle ${s.app.version} (${s.app.host}), système ${s.app.platform} ${s.app.release}\n`);
  io.stdout.write(`  Compte : ${s.account ? 'ses rôles' : 'personne de connecté'} ; journaux : ${s.logs.lines} ligne(s) de ${s.logs.files} fichier(s)\n`);
  for (const x of s.schools) {
    io.stdout.write(`  ${x.uai}  ${x.name} : ${x.newPupils} élève(s) cette année, ${x.oldPupils} l'an dernier, ${x.proposals} proposition(s), ${x.decisions} décision(s), ${x.batches} lot(s), ${x.events} événement(s) dont ${x.errors} erreur(s)\n`);
  }
  if (s.schools.length === 0) io.stdout.write("  Aucune école dans le cache de l'utilisateur.\n");
  if (s.kinds) io.stdout.write(`  Différences gardées entre anciens et nouveaux noms et dates : ${s.kinds.kept} sur ${s.kinds.total}\n`);
  io.stdout.write(`  Jamais dedans : ${s.excluded.map((e) => EXCLUDED[e]).join(', ')}.\n`);
  io.stdout.write(`  Taille : ${Math.max(1, Math.round(s.bytes / 1024))} Ko\n`);
}

async function exportDiagnostic(cli: CliApp, io: CliIo, out: string, real: boolean, yes: boolean, consent: string | undefined, json: boolean): Promise<number> {
  const { draftId, summary } = await cli.call('diagnostic.prepare', { real });
  printSummary(io, summary);
  let typed = consent;
  if (real && typed === undefined) typed = await prompt(io, `Ce fichier contiendra les vrais noms et dates de naissance des élèves. Tapez ${REAL_DATA_CONSENT} pour accepter : `);
  if (!yes && !real) {
    const answer = await prompt(io, `Enregistrer ce diagnostic dans ${out} ? (oui/non) `);
    if (!/^o(ui)?$/i.test(answer)) {
      io.stdout.write('Aucun diagnostic enregistré.\n');
      return 1;
    }
  }
  const saved = await cli.call('diagnostic.save', { draftId, ...(real ? { consent: typed ?? '' } : {}) });
  try {
    writeFileSync(out, saved.text, { mode: 0o600 });
  } catch {
    throw new AppError('bad-request', `Impossible d'écrire le fichier « ${out} » : vérifiez le dossier et ses droits.`);
  }
  if (json) io.stdout.write(`${JSON.stringify({ file: out, password: saved.password, summary: saved.summary })}\n`);
  else {
    io.stdout.write(`Diagnostic enregistré : ${out} (${Math.max(1, Math.round(saved.summary.bytes / 1024))} Ko).\n`);
    if (saved.password) io.stdout.write(`Mot de passe du fichier (notez-le : il ne sera plus jamais affiché, donnez-le à l'assistance par un autre moyen que le fichier) : ${saved.password}\n`);
  }
  return 0;
}

/** Sends the file in parts, as the screens do; asks for the password of an encrypted one. */
async function openFile(cli: CliApp, io: CliIo, file: string, password: string | undefined): Promise<DiagnosticOverview> {
  let text: string;
  try {
    if (statSync(file).size > 200 * 1024 * 1024) throw new AppError('payload-too-large', `Le fichier « ${file} » est trop gros pour un diagnostic (plus de 200 Mo).`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad-request', `Fichier introuvable ou illisible : « ${file} ».`);
  }
  const upload = randomBytes(12).toString('base64url');
  const parts = Math.max(1, Math.ceil(text.length / DIAGNOSTIC_PART_CHARS));
  let opened: RpcOutput<'diagnostic.open'> | null = null;
  for (let part = 0; part < parts; part++) {
    opened = await cli.call('diagnostic.open', { upload, part, parts, data: text.slice(part * DIAGNOSTIC_PART_CHARS, (part + 1) * DIAGNOSTIC_PART_CHARS) });
  }
  if (opened?.state === 'open' && opened.overview) return opened.overview;
  const typed = password ?? (await prompt(io, 'Mot de passe du diagnostic : ', true));
  return cli.call('diagnostic.unlock', { password: typed });
}

function printOverview(io: CliIo, o: DiagnosticOverview): void {
  io.stdout.write(`Diagnostic du ${o.createdAt.replace('T', ' ').slice(0, 16)} — Passerelle ${o.app.version} (${o.app.host}), ${o.app.platform} ${o.app.release} ${o.app.arch}, Node ${o.app.node}${o.app.electron ? `, Electron ${o.app.electron}` : ''}\n`);
  io.stdout.write(`Serveur ENT : ${o.app.serverUrl} ; ${o.pseudonymised ? 'données pseudonymisées' : 'VRAIES DONNÉES'}${o.kinds ? ` (différences gardées : ${o.kinds.kept}/${o.kinds.total})` : ''}\n`);
  if (o.account) io.stdout.write(`Rôles du compte : ${o.account.roles.map((r) => `${r.role} ${r.schoolUai}`).join(', ') || 'aucun'}\n`);
  for (const s of o.schools) {
    io.stdout.write(`\n${s.uai}  ${s.name} — ${s.phase}${s.replayable ? `, ${s.newPupils} élève(s) / ${s.oldPupils} ancien(s) compte(s)` : ' (listes effacées après la fusion)'}\n`);
    for (const e of s.timeline) io.stdout.write(`${entryLine(e)}\n`);
  }
  io.stdout.write(`\nErreurs rencontrées (${o.errors.length}) :\n`);
  for (const e of o.errors) io.stdout.write(`  ${e.uai} ${entryLine(e).trimStart()}\n`);
}

function printStep(io: CliIo, step: DiagnosticStep): void {
  io.stdout.write(`${step.uai} — étape ${step.index} : ${entryLine(step.entry).trimStart()}\nPhase : ${step.status.phase}\n`);
  const c = step.status.counts;
  if (c) io.stdout.write(`Élèves : ${c.newPupils} cette année, ${c.oldPupils} l'an dernier ; liés : ${c.linked} ; à décider : ${c.undecided} (dont ${c.undecidedAuto} sûres)\n`);
  if (step.preview) {
    const s = step.preview.summary.counts;
    io.stdout.write(`Lot à cette étape : ${step.batch?.pupils.length ?? 0} association(s), ${s.classesRecovered} classe(s) reprise(s), ${s.classesSkipped} non reprise(s) ; ${step.preview.problems.length} problème(s)\n`);
  }
  if (step.focus.newIds.length + step.focus.oldIds.length > 0) io.stdout.write(`Comptes concernés : ${[...step.focus.oldIds, ...step.focus.newIds].slice(0, 10).join(', ')}\n`);
  io.stdout.write(`Erreurs jusqu'ici : ${step.errors.length}\n`);
}

const command: CliCommand = {
  summary: "Diagnostic pour l'assistance : export (pseudonymisé par défaut, résumé montré avant l'écriture) ou inspection d'un fichier reçu (chronologie, erreurs, état à une étape)",
  usage: 'passerelle diagnostic export --out FICHIER [--reelles [--consentement "DONNÉES RÉELLES"]] [--oui] [--json]  |  passerelle diagnostic inspect FICHIER [--ecole UAI --etape N] [--mot-de-passe MDP] [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      out: { type: 'string', short: 'o' },
      reelles: { type: 'boolean' },
      consentement: { type: 'string' },
      oui: { type: 'boolean', short: 'y' },
      json: { type: 'boolean' },
      ecole: { type: 'string' },
      etape: { type: 'string' },
      'mot-de-passe': { type: 'string' },
    });
    const [action, file] = positionals;
    if (action === 'export') {
      const out = values.out;
      if (!out) throw new AppError('bad-request', 'Indiquez le fichier à écrire : passerelle diagnostic export --out diagnostic.json');
      return withApp(args, (cli) => exportDiagnostic(cli, io, out, values.reelles === true, values.oui === true, values.consentement, values.json === true), { requireUser: false, io });
    }
    if (action === 'inspect') {
      if (!file) throw new AppError('bad-request', 'Indiquez le fichier de diagnostic : passerelle diagnostic inspect diagnostic.json');
      const index = values.etape === undefined ? null : Number(values.etape);
      if (index !== null && (!Number.isInteger(index) || index < 0)) throw new AppError('bad-request', `Étape invalide : « ${values.etape ?? ''} » (un nombre entier, 0 pour la première).`);
      // Support's side: nobody's cache is opened, no ENT is called.
      return withApp(
        args,
        async (cli) => {
          const overview = await openFile(cli, io, file, values['mot-de-passe']);
          const uai = values.ecole?.toUpperCase() ?? (index !== null ? overview.schools[0]?.uai : undefined);
          if (uai && index !== null) {
            const step = await cli.call('diagnostic.step', { uai, index });
            io.stdout.write(values.json ? `${JSON.stringify(step)}\n` : '');
            if (!values.json) printStep(io, step);
          } else if (values.json) io.stdout.write(`${JSON.stringify(overview)}\n`);
          else printOverview(io, overview);
          return 0;
        },
        { requireUser: false, restore: false, io },
      );
    }
    throw new AppError('bad-request', 'Indiquez export ou inspect : passerelle diagnostic export --out diagnostic.json, ou passerelle diagnostic inspect diagnostic.json');
  },
};
export default command;
