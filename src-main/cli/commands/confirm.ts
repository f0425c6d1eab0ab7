import { AppError } from '../../../src-shared/errors';
import type { CliCommand, CliIo } from '../command';
import { boardTargets, oneOrAll, printResults } from '../many';
import { parse, prompt, requireUai, withApp, type CliApp } from '../session';

/** `--all`: the ready schools (nothing left to decide), listed, then ONE typed confirmation for all of them. */
async function confirmAll(cli: CliApp, io: CliIo, yes: boolean | undefined, json: boolean | undefined): Promise<number> {
  const ready = await boardTargets(cli, ['ready']);
  const waiting = await boardTargets(cli, ['to-review']);
  if (waiting.length > 0) io.stderr.write(`${waiting.length} école(s) ont encore des associations à décider et ne sont pas confirmées (passerelle review).\n`);
  if (ready.length === 0) throw new AppError('bad-request', "Aucune école prête à confirmer : décidez d'abord chaque association (passerelle review).");
  io.stdout.write(`Écoles prêtes (${ready.length}) — chacune part comme son propre lot :\n`);
  for (const r of ready) io.stdout.write(`  ${r.uai}  ${r.name} : ${r.counts?.linked ?? 0} élève(s) retrouvent leur ancien compte, ${(r.counts?.newPupils ?? 0) - (r.counts?.linked ?? 0)} reçoivent un identifiant\n`);
  if (!yes) {
    const answer = await prompt(io, `Cette étape est irréversible une fois les lots acceptés. Tapez ${ready.length} (le nombre d'écoles) pour les confirmer : `);
    if (answer !== String(ready.length)) {
      io.stdout.write('Aucun lot confirmé.\n');
      return 1;
    }
  }
  const { results } = await cli.call('schools.confirmMany', { uais: ready.map((r) => r.uai) });
  return printResults(io, json, new Map(ready.map((r) => [r.uai, r.name])), results, () => 'lot confirmé');
}

const command: CliCommand = {
  summary: "Vérifier le résumé du lot d'une école et le confirmer, ou confirmer toutes les écoles prêtes (--all) ; --yes saute seulement la confirmation tapée",
  usage: 'passerelle confirm <uai> | --all [--yes] [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, all: { type: 'boolean' } });
    oneOrAll(positionals[0], values.all, 'confirm');
    if (values.all) return withApp(args, (cli) => confirmAll(cli, io, values.yes, values.json), { io });
    const uai = requireUai(positionals, 'confirm');
    return withApp(args, async (cli) => {
      const preview = await cli.call('school.preview', { uai });
      const s = preview.summary;
      io.stdout.write(`Lot de ${s.schoolName} (${uai}) :\n`);
      io.stdout.write(`  ${s.counts.linked} élève(s) retrouvent leur ancien compte ; ${s.counts.newWithoutOld} nouvel(aux) élève(s) sans ancien compte ; ${s.counts.oldNotFollowing} ancien(s) compte(s) non repris.\n`);
      io.stdout.write(`  Classes reprises : ${s.counts.classesRecovered}, non reprises : ${s.counts.classesSkipped}. Espace de l'école repris : ${s.schoolSpaceRecovered ? 'oui' : 'non'}.\n`);
      for (const w of s.warnings) io.stdout.write(`  ⚠ ${w}\n`);
      for (const w of preview.review.warnings) io.stdout.write(`  ⚠ ${w.message}\n`);
      // Undecided pairs: the core refuses to confirm, --yes or not, and says which command settles them.
      if (preview.review.undecided.length > 0) await cli.call('school.confirm', { uai });
      if (preview.problems.length > 0) throw new AppError('validation', 'Le lot contient des erreurs : corrigez-les avant de confirmer.', preview.problems);
      if (!values.yes) {
        const answer = await prompt(io, 'Tapez OUI pour confirmer ce lot : ');
        if (answer.toUpperCase() !== 'OUI') {
          io.stdout.write('Lot non confirmé.\n');
          return 1;
        }
      }
      const confirmation = await cli.call('school.confirm', { uai });
      if (values.json) io.stdout.write(JSON.stringify(confirmation) + '\n');
      io.stdout.write(`Lot confirmé. Il part avec : passerelle push ${uai} (ou de lui-même dès que Passerelle est ouverte et que le serveur répond).\n`);
      return 0;
    }, { io });
  },
};
export default command;
