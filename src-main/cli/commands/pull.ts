import type { CliCommand } from '../command';
import { legacyCredentials, parse, requireUai, showProgress, withApp } from '../session';

const command: CliCommand = {
  summary: "Télécharger les listes de cette année et de l'an dernier d'une école, puis proposer les rapprochements",
  usage: 'passerelle pull <uai> [--legacy-login ID --legacy-password MDP] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { 'legacy-login': { type: 'string' }, 'legacy-password': { type: 'string' } });
    const uai = requireUai(positionals, 'pull');
    return withApp(args, async (cli) => {
      const known = await cli.call('school.status', { uai });
      const legacy = values['legacy-login'] || values['legacy-password'] || !known.legacyGrantValid ? await legacyCredentials(io, values['legacy-login'], values['legacy-password']) : null;
      const stop = showProgress(cli, io);
      try {
        const status = await cli.call('school.pull', { uai, legacy });
        stop();
        const c = status.counts;
        io.stdout.write(`${status.name} (${uai}) téléchargée.\n`);
        if (c) io.stdout.write(`Élèves : ${c.newPupils} cette année, ${c.oldPupils} l'an dernier. Propositions : ${c.proposalsAuto} sûres, ${c.proposalsReview} à vérifier.\n`);
      } finally {
        stop();
      }
      return 0;
    }, { io });
  },
};
export default command;
