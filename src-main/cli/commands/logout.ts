import type { CliCommand } from '../command';
import { parse, withApp } from '../session';

const command: CliCommand = {
  summary: "Se déconnecter de l'ENT (les listes téléchargées restent chiffrées sur cet ordinateur)",
  usage: 'passerelle logout [--server URL]',
  async run(args, io) {
    parse(args, {});
    return withApp(args, async (cli) => {
      await cli.call('session.signOut', {});
      io.stdout.write('Déconnecté.\n');
      return 0;
    });
  },
};
export default command;
