import { inFlight, isSettled } from '../../../src-shared/domain/school-lifecycle';
import { AppError } from '../../../src-shared/errors';
import type { CliCommand } from '../command';
import { oneOrAll } from '../many';
import { parse, requireUai, showProgress, withApp } from '../session';
import { reportOutcome } from './push';

const command: CliCommand = {
  summary: "Suivre la fusion d'une école (ou de toutes celles en cours : --all) jusqu'à la fin",
  usage: 'passerelle progress <uai> | --all [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { all: { type: 'boolean' }, json: { type: 'boolean' } });
    oneOrAll(positionals[0], values.all, 'progress');
    if (values.all) {
      return withApp(args, async (cli) => {
        const targets = (await cli.call('schools.statuses', {})).filter((s) => inFlight(s.phase)).map((s) => s.uai);
        if (targets.length === 0) throw new AppError('bad-request', 'Aucune fusion en cours (passerelle status).');
        const stop = showProgress(cli, io);
        const background = cli.app.startBackground({ onlineIntervalMs: 1000, offlineIntervalMs: 2000 });
        try {
          for (;;) {
            const statuses = await Promise.all(targets.map((uai) => cli.call('school.status', { uai })));
            if (statuses.every((s) => isSettled(s.phase))) {
              stop();
              const rows = statuses.map((s) => ({ uai: s.uai, phase: s.phase, ok: s.phase === 'merged' }));
              if (values.json) io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
              else for (const r of statuses) io.stdout.write(`${r.uai} : ${r.phase === 'merged' ? 'fusion terminée.' : r.phase === 'failed' ? "la fusion a échoué côté ENT : contactez l'assistance." : (r.outbox?.conflictMessage ?? "rapprochée par quelqu'un d'autre.")}\n`);
              return rows.every((r) => r.ok) ? 0 : 1;
            }
            await new Promise((r) => setTimeout(r, 500));
          }
        } finally {
          stop();
          await background.stop();
        }
      });
    }
    const uai = requireUai(positionals, 'progress');
    return withApp(args, async (cli) => {
      const stop = showProgress(cli, io);
      try {
        const outcome = await cli.call('school.progress', { uai });
        stop();
        if (values.json) {
          io.stdout.write(JSON.stringify(outcome, null, 2) + '\n');
          return outcome.outcome === 'done' ? 0 : 1;
        }
        return reportOutcome(io, uai, outcome);
      } finally {
        stop();
      }
    });
  },
};
export default command;
