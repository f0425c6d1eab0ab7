import type { CliCommand } from '../command';
import { parse, requireUai, showProgress, withCore } from './core-session';
import { reportOutcome } from './push';

const command: CliCommand = {
  summary: "Suivre la fusion d'une école jusqu'à la fin",
  usage: 'passerelle progress <uai> [--server URL]',
  async run(args, io) {
    const { positionals } = parse(args, {});
    const uai = requireUai(positionals, 'progress');
    return withCore(args, async (core) => {
      const stop = showProgress(core, io);
      try {
        return reportOutcome(io, uai, await core.progress(uai));
      } finally {
        stop();
      }
    });
  },
};
export default command;
