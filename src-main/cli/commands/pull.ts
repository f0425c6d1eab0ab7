import type { CliCommand } from '../command';
import { boardTargets, oneOrAll, printResults } from '../many';
import { legacyCredentials, parse, requireUai, showProgress, withApp } from '../session';

const command: CliCommand = {
  summary: "Télécharger les listes de cette année et de l'an dernier d'une école (ou de toutes : --all), puis proposer les rapprochements",
  usage: 'passerelle pull <uai> | --all [--legacy-login ID --legacy-password MDP] [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { 'legacy-login': { type: 'string' }, 'legacy-password': { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } });
    oneOrAll(positionals[0], values.all, 'pull');
    const given = values['legacy-login'] || values['legacy-password'];
    if (values.all) {
      return withApp(args, async (cli) => {
        const targets = await boardTargets(cli, ['not-pulled', 'pull-failed', 'pulling']);
        if (targets.length === 0) {
          io.stdout.write('Toutes vos écoles sont déjà téléchargées (passerelle status).\n');
          return 0;
        }
        // One proof of the old account for every school it covers (a referent's own old account).
        const legacy = given || targets.some((t) => !t.covered) ? await legacyCredentials(io, values['legacy-login'], values['legacy-password']) : null;
        const stop = showProgress(cli, io);
        try {
          const { results } = await cli.call('schools.pullMany', { uais: targets.map((t) => t.uai), legacy });
          stop();
          return printResults(io, values.json, new Map(targets.map((t) => [t.uai, t.name])), results, () => 'téléchargée');
        } finally {
          stop();
        }
      }, { io });
    }
    const uai = requireUai(positionals, 'pull');
    return withApp(args, async (cli) => {
      const known = await cli.call('school.status', { uai });
      const legacy = given || !known.legacyGrantValid ? await legacyCredentials(io, values['legacy-login'], values['legacy-password']) : null;
      const stop = showProgress(cli, io);
      try {
        const status = await cli.call('school.pull', { uai, legacy });
        stop();
        if (values.json) {
          io.stdout.write(JSON.stringify(status, null, 2) + '\n');
          return 0;
        }
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
