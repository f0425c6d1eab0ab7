import type { CliCommand } from '../command';
import { parse, requireUai, withApp } from '../session';

const command: CliCommand = {
  summary: 'Accepter toutes les propositions sûres (auto) d’une école (annulable)',
  usage: 'passerelle accept-auto <uai> [--server URL]',
  async run(args, io) {
    const { positionals } = parse(args, {});
    const uai = requireUai(positionals, 'accept-auto');
    return withApp(args, async (cli) => {
      const ack = await cli.call('school.acceptAuto', { uai });
      io.stdout.write(`${ack.accepted} proposition(s) sûre(s) acceptée(s). Élèves liés : ${ack.status.counts?.linked ?? 0}.\n`);
      return 0;
    });
  },
};
export default command;
