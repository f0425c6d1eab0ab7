import type { CliCommand } from '../command';
import { boardTargets, oneOrAll, printResults } from '../many';
import { parse, requireUai, withApp } from '../session';

const command: CliCommand = {
  summary: 'Accepter toutes les propositions sûres (auto) d’une école, ou de toutes (--all) ; annulable école par école',
  usage: 'passerelle accept-auto <uai> | --all [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { all: { type: 'boolean' }, json: { type: 'boolean' } });
    oneOrAll(positionals[0], values.all, 'accept-auto');
    return withApp(args, async (cli) => {
      if (values.all) {
        const targets = await boardTargets(cli, ['to-review', 'ready']);
        const { results } = await cli.call('schools.acceptAutoMany', { uais: targets.map((t) => t.uai) });
        const accepted = new Map(results.map((r) => [r.uai, r.accepted]));
        return printResults(io, values.json, new Map(targets.map((t) => [t.uai, t.name])), results, (r) => `${accepted.get(r.uai) ?? 0} proposition(s) sûre(s) acceptée(s)`);
      }
      const uai = requireUai(positionals, 'accept-auto');
      const ack = await cli.call('school.acceptAuto', { uai });
      if (values.json) io.stdout.write(JSON.stringify({ uai, accepted: ack.accepted, linked: ack.status.counts?.linked ?? 0 }) + '\n');
      else io.stdout.write(`${ack.accepted} proposition(s) sûre(s) acceptée(s). Élèves liés : ${ack.status.counts?.linked ?? 0}.\n`);
      return 0;
    });
  },
};
export default command;
