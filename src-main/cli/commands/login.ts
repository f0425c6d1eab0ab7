import { AppError } from '../../../src-shared/errors';
import type { CliCommand } from '../command';
import { closePrompts, parse, prompt, withCore } from './core-session';

const command: CliCommand = {
  summary: "Se connecter à l'ENT avec le compte de cette année (--login, --password pour les scripts)",
  async run(args, io) {
    const { values } = parse(args, { login: { type: 'string' }, password: { type: 'string' } });
    if (values.help) {
      io.stdout.write('Usage : passerelle login [--login IDENTIFIANT] [--password MOT_DE_PASSE] [--server URL]\n');
      return 0;
    }
    let login: string;
    let password: string;
    try {
      login = values.login ?? (await prompt(io, 'Identifiant ENT : '));
      password = values.password ?? (await prompt(io, 'Mot de passe : ', true));
    } finally {
      closePrompts(io);
    }
    if (!login || !password) throw new AppError('bad-request', 'Identifiant et mot de passe requis.');
    return withCore(
      args,
      async (core) => {
        const account = await core.signIn(login, password);
        io.stdout.write(`Connecté en tant que ${account.prenom} ${account.nom} (${account.login}) sur ${account.serverUrl}.\n`);
        return 0;
      },
      { requireUser: false },
    );
  },
};
export default command;
