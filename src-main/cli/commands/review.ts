import type { CliCommand } from '../command';
import { parse, requireUai, withApp } from '../session';

const command: CliCommand = {
  summary: "Lister les associations proposées encore à décider d'une école (sûres non acceptées et à vérifier), avec leurs raisons",
  usage: 'passerelle review <uai> [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    const uai = requireUai(positionals, 'review');
    return withApp(args, async (cli) => {
      const { undecided } = (await cli.call('school.preview', { uai })).review;
      if (values.json) {
        io.stdout.write(JSON.stringify(undecided.map((u) => ({ ancien_id: u.old.id, nouveau_id: u.new.id, statut: u.status, ancien: `${u.old.prenom} ${u.old.nom} (${u.old.classLabel})`, nouveau: `${u.new.prenom} ${u.new.nom} (${u.new.classLabel})`, raisons: u.reasons })), null, 2) + '\n');
        return 0;
      }
      if (undecided.length === 0) {
        io.stdout.write('Aucune association à décider : le lot peut être confirmé (passerelle confirm ' + uai + ').\n');
        return 0;
      }
      for (const u of undecided) {
        io.stdout.write(`${u.old.id} → ${u.new.id}  ${u.old.prenom} ${u.old.nom} (${u.old.classLabel}) → ${u.new.prenom} ${u.new.nom} (${u.new.classLabel})  [${u.status === 'auto' ? 'sûre, non acceptée' : 'à vérifier'}]\n`);
        for (const r of u.reasons) io.stdout.write(`    ${r}\n`);
      }
      io.stdout.write(`${undecided.length} association(s) à décider : passerelle link ${uai} <ancien_id> <nouveau_id> pour confirmer, passerelle refuse ${uai} <ancien_id> <nouveau_id> pour refuser.\n`);
      return 0;
    });
  },
};
export default command;
