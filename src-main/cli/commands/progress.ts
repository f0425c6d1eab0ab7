import type { CliCommand } from '../command';
import { parse, requireUai, showProgress, withApp } from '../session';
import { reportOutcome } from './push';

const command: CliCommand = {
  summary: "Suivre la fusion d'une école jusqu'à la fin",
  usage: 'passerelle progress <uai> [--server URL]',
  async run(args, io) {
    const { positionals } = parse(args, {});
    const uai = requireUai(positionals, 'progress');
    return withApp(args, async (cli) => {
      const stop = showProgress(cli, io);
      try {
        return reportOutcome(io, uai, await cli.call('school.progress', { uai }));
      } finally {
        stop();
      }
    });
  },
};
export default command;
