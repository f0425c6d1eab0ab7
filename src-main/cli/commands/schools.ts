import type { CliCommand } from '../command';
import { parse, withCore } from './core-session';

const command: CliCommand = {
  summary: 'Lister les écoles de votre compte',
  usage: 'passerelle schools [--json] [--server URL]',
  async run(args, io) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    return withCore(args, async (core) => {
      const schools = await core.listSchools();
      if (values.json) io.stdout.write(JSON.stringify(schools, null, 2) + '\n');
      else if (schools.length === 0) io.stdout.write("Aucune école n'est rattachée à votre compte.\n");
      else for (const s of schools) io.stdout.write(`${s.uai}  ${s.name}  (${s.roles.join(', ')})${s.pulled ? '  — téléchargée' : ''}\n`);
      return 0;
    });
  },
};
export default command;
