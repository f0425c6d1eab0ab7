import { AppError } from '../../../src-shared/errors';
import type { CliCommand } from '../command';
import { closePrompts, parse, prompt, withApp } from '../session';

const command: CliCommand = {
  summary: "Se connecter à l'ENT avec le compte de cette année (--login, --password pour les scripts)",
  usage: 'passerelle login [--login IDENTIFIANT] [--password MOT_DE_PASSE] [--server URL]',
  async run(args, io) {
    const { values } = parse(args, { login: { type: 'string' }, password: { type: 'string' } });
    let login: string;
    let password: string;
    try {
      login = values.login ?? (await prompt(io, 'Identifiant ENT : '));
      password = values.password ?? (await prompt(io, 'Mot de passe : ', true));
    } finally {
      closePrompts(io);
    }
    if (!login || !password) throw new AppError('bad-request', 'Identifiant et mot de passe requis.');
    return withApp(
      args,
      async (cli) => {
        const account = await cli.call('session.signIn', { login, password });
        io.stdout.write(`Connecté en tant que ${account.prenom} ${account.nom} (${account.login}) sur ${account.serverUrl}.\n`);
        return 0;
      },
      { requireUser: false },
    );
  },
};
export default command;
