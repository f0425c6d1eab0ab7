import { AppError } from '../../../src-shared/errors';
import type { CliCommand } from '../command';
import { parse, prompt, requireUai, withApp } from '../session';

const command: CliCommand = {
  summary: "Vérifier le résumé du lot d'une école et le confirmer (--yes saute seulement la confirmation tapée)",
  usage: 'passerelle confirm <uai> [--yes] [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' } });
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
