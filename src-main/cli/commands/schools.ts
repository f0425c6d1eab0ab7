import { reconciledBy } from '../../core';
import type { CliCommand } from '../command';
import { parse, withApp } from '../session';

const command: CliCommand = {
  summary: 'Lister les écoles de votre compte, avec celles déjà rapprochées (par qui, quand)',
  usage: 'passerelle schools [--json] [--server URL]',
  async run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    return withApp(args, async (cli) => {
      const schools = await cli.call('schools.list', {});
      if (values.json) io.stdout.write(JSON.stringify(schools, null, 2) + '\n');
      else if (schools.length === 0) io.stdout.write("Aucune école n'est rattachée à votre compte.\n");
      else for (const s of schools) io.stdout.write(`${s.uai}  ${s.name}  (${s.roles.join(', ')})${s.pulled ? '  — téléchargée' : ''}${s.ent ? `  — ${reconciledBy(s.ent)}` : ''}\n`);
      return 0;
    });
  },
};
export default command;
