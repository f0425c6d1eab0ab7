import type { CliCommand } from '../command';
import { parse, withApp } from '../session';

const command: CliCommand = {
  summary: "Lister les associations encore à décider (une école, ou toutes les écoles téléchargées), avec leurs raisons",
  usage: 'passerelle review [<uai>] [--sans-proposition] [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, 'sans-proposition': { type: 'boolean' } });
    const uai = positionals[0]?.toUpperCase();
    return withApp(args, async (cli) => {
      const { items } = await cli.call('queue.list', { ...(uai ? { uais: [uai] } : {}), includeUnmatched: values['sans-proposition'] ?? false });
      if (values.json) {
        io.stdout.write(
          JSON.stringify(
            items.map((i) =>
              i.kind === 'pair'
                ? { ecole: i.uai, ancien_id: i.old.id, nouveau_id: i.new.id, statut: i.status, ancien: `${i.old.prenom} ${i.old.nom} (${i.old.classLabel})`, nouveau: `${i.new.prenom} ${i.new.nom} (${i.new.classLabel})`, raisons: i.reasons }
                : i.kind === 'unmatched-new'
                  ? { ecole: i.uai, nouveau_id: i.new.id, statut: 'sans proposition', nouveau: `${i.new.prenom} ${i.new.nom} (${i.new.classLabel})` }
                  : { ecole: i.uai, ancien_id: i.old.id, statut: 'sans proposition', ancien: `${i.old.prenom} ${i.old.nom} (${i.old.classLabel})` },
            ),
            null,
            2,
          ) + '\n',
        );
        return 0;
      }
      const pairs = items.filter((i) => i.kind === 'pair');
      if (items.length === 0) {
        io.stdout.write(`Aucune association à décider : le lot peut être confirmé (passerelle confirm ${uai ?? '--all'}).\n`);
        return 0;
      }
      let school = '';
      let cls = '';
      for (const i of items) {
        const label = i.kind === 'unmatched-old' ? `ancienne classe ${i.old.classLabel}` : `classe ${i.new.classLabel}`;
        if (i.uai !== school) io.stdout.write(`\n${i.uai}  ${i.schoolName}\n`);
        if (i.uai !== school || label !== cls) io.stdout.write(`  ${label}\n`);
        school = i.uai;
        cls = label;
        if (i.kind === 'pair') {
          io.stdout.write(`    ${i.old.id} → ${i.new.id}  ${i.old.prenom} ${i.old.nom} (${i.old.classLabel}) → ${i.new.prenom} ${i.new.nom}  [${i.status === 'auto' ? 'sûre, non acceptée' : 'à vérifier'}]\n`);
          for (const r of i.evidence.filter((e) => e.kind.startsWith('review:'))) io.stdout.write(`        ${r.detail}\n`);
        } else if (i.kind === 'unmatched-new') io.stdout.write(`    — → ${i.new.id}  ${i.new.prenom} ${i.new.nom} : aucun ancien compte proposé (recevra un identifiant)\n`);
        else io.stdout.write(`    ${i.old.id} → —  ${i.old.prenom} ${i.old.nom} : proposé à personne (ses données ne suivront pas)\n`);
      }
      io.stdout.write(`\n${pairs.length} association(s) à décider : passerelle link <uai> <ancien_id> <nouveau_id> pour confirmer, passerelle refuse <uai> <ancien_id> <nouveau_id> pour refuser, ou passerelle decisions export puis import.\n`);
      return 0;
    });
  },
};
export default command;
