import { readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../../../src-shared/errors';
import type { CliCommand } from '../command';
import { oneOrAll } from '../many';
import { parse, withApp } from '../session';

/** Up to this size a decisions file is read (a few hundred schools fit in far less). */
const MAX_BYTES = 30 * 1024 * 1024;

const command: CliCommand = {
  summary: "Exporter les décisions (une école ou toutes) en CSV pour un tableur, ou importer un fichier modifié (validé en entier, tout ou rien, annulable)",
  usage: 'passerelle decisions export <uai> | --all --out FICHIER.csv [--json]  |  passerelle decisions import FICHIER.csv [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, { all: { type: 'boolean' }, out: { type: 'string', short: 'o' }, json: { type: 'boolean' } });
    const [action, target] = positionals;
    if (action === 'export') {
      const uai = target?.toUpperCase();
      oneOrAll(uai, values.all, 'decisions export');
      if (!values.out) throw new AppError('bad-request', 'Indiquez le fichier à écrire : --out decisions.csv');
      const out = values.out;
      return withApp(args, async (cli) => {
        const exported = await cli.call('decisions.export', uai ? { uais: [uai] } : {});
        try {
          writeFileSync(out, exported.csv, { mode: 0o600 });
        } catch {
          throw new AppError('bad-request', `Impossible d'écrire le fichier « ${out} » : vérifiez le dossier et ses droits.`);
        }
        if (values.json) io.stdout.write(JSON.stringify({ file: out, rows: exported.rows }) + '\n');
        else io.stdout.write(`${exported.rows} ligne(s) écrites dans ${out} (UTF-8, « ; »). Colonnes à modifier : decision (confirmer, refuser ou vide). Puis : passerelle decisions import ${out}\n`);
        return 0;
      });
    }
    if (action === 'import') {
      if (!target) throw new AppError('bad-request', 'Indiquez le fichier à importer : passerelle decisions import decisions.csv');
      let bytes: Buffer;
      try {
        bytes = readFileSync(target);
      } catch {
        throw new AppError('bad-request', `Fichier introuvable ou illisible : « ${target} ».`);
      }
      if (bytes.length > MAX_BYTES) throw new AppError('payload-too-large', `Le fichier « ${target} » est trop gros (plus de 30 Mo) pour un fichier de décisions.`);
      return withApp(args, async (cli) => {
        const result = await cli.call('decisions.import', { content: bytes.toString('base64') });
        if (values.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
        else {
          for (const s of result.schools) io.stdout.write(`${s.uai} : ${s.confirmed} confirmée(s), ${s.refused} refusée(s) — une seule décision, annulable dans l'application.\n`);
          io.stdout.write(`${result.schools.length} école(s) modifiée(s) ; ${result.unchanged} ligne(s) sans changement.\n`);
        }
        return 0;
      });
    }
    throw new AppError('bad-request', 'Indiquez export ou import : passerelle decisions export --all --out decisions.csv, puis passerelle decisions import decisions.csv');
  },
};
export default command;
