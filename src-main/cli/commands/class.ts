import { AppError } from '../../../src-shared/errors';
import type { CliCommand } from '../command';
import { parse, withApp } from '../session';

const command: CliCommand = {
  summary: "« Ma classe » (enseignants, directeurs qui enseignent) : les classes de l'école avec leurs premiers élèves, et le choix de la sienne",
  usage: 'passerelle class [--choose <identifiant ou nom de la classe>] [--json] [--server URL]',
  async run(args, io) {
    const { values } = parse(args, { choose: { type: 'string' }, json: { type: 'boolean' } }, { positionals: false });
    return withApp(args, async (cli) => {
      const choices = await cli.call('myClass.choices', {});
      if (values.choose !== undefined) {
        const wanted = values.choose.trim().toLowerCase();
        const found = choices.classes.find((c) => c.id.toLowerCase() === wanted) ?? choices.classes.find((c) => c.label.toLowerCase() === wanted);
        if (!found) throw new AppError('bad-request', `Aucune classe « ${values.choose} » dans votre école cette année : lancez passerelle class pour la liste.`);
        const { chosen } = await cli.call('myClass.choose', { classId: found.id });
        if (values.json) io.stdout.write(JSON.stringify(chosen) + '\n');
        else io.stdout.write(`C'est noté : votre classe est ${chosen.label}.\n`);
        return 0;
      }
      if (values.json) {
        io.stdout.write(JSON.stringify(choices, null, 2) + '\n');
        return 0;
      }
      io.stdout.write(`Classes de cette année (${choices.schoolUai}) :\n`);
      for (const c of choices.classes) {
        const first = c.firstPupils.map((p) => `${p.prenom} ${p.nom.toUpperCase()}`).join(', ');
        io.stdout.write(`  ${c.id}  ${c.label} — ${c.pupilCount} élève(s)${first ? ` : ${first}${c.pupilCount > c.firstPupils.length ? '…' : ''}` : ''}${choices.current.includes(c.id) ? '  ← votre classe' : ''}\n`);
      }
      if (choices.current.length === 0) io.stdout.write('Choisissez la vôtre : passerelle class --choose <identifiant>\n');
      return 0;
    });
  },
};
export default command;
