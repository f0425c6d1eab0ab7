import type { CliCommand } from '../command';
import { parse, requireUai, withCore } from './core-session';

const command: CliCommand = {
  summary: 'Accepter toutes les propositions sûres (auto) d’une école (annulable)',
  usage: 'passerelle accept-auto <uai> [--server URL]',
  async run(args, io) {
    const { positionals } = parse(args, {});
    const uai = requireUai(positionals, 'accept-auto');
    return withCore(args, async (core) => {
      const ack = await core.acceptAuto(uai);
      io.stdout.write(`${ack.accepted} proposition(s) sûre(s) acceptée(s). Élèves liés : ${ack.status.counts?.linked ?? 0}.\n`);
      return 0;
    });
  },
};
export default command;
