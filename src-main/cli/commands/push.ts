import { inFlight, isSettled } from '../../../src-shared/domain/school-lifecycle';
import { AppError } from '../../../src-shared/errors';
import type { LegacyCredentials, PushOutcome } from '../../core';
import type { CliCommand, CliIo } from '../command';
import { legacyCredentials, parse, showProgress, withApp, type CliApp } from '../session';

export function reportOutcome(io: CliIo, uai: string, outcome: PushOutcome): number {
  if (outcome.outcome === 'done') {
    io.stdout.write(`${uai} : fusion terminée. Les données personnelles de l'école ont été effacées de cet ordinateur ; seul un résumé est gardé.\n`);
    return 0;
  }
  if (outcome.outcome === 'failed') {
    io.stdout.write(`${uai} : la fusion a échoué côté ENT (lot ${outcome.mergeId}). Contactez l'assistance.\n`);
    return 1;
  }
  const p = outcome.preview;
  io.stdout.write(`${uai} : les listes ont changé depuis votre téléchargement. Elles ont été retéléchargées ; vos décisions encore valables sont gardées.\n`);
  if (p.flagged.length > 0) io.stdout.write(`  ${p.flagged.length} décision(s) ne correspondent plus et sont laissées de côté : vérifiez-les.\n`);
  io.stdout.write(`  Vérifiez le résumé et confirmez de nouveau : passerelle confirm ${uai}\n`);
  return 1;
}

async function pushOne(cli: CliApp, io: CliIo, uai: string, legacy: LegacyCredentials | null): Promise<number> {
  const stop = showProgress(cli, io);
  try {
    return reportOutcome(io, uai, await cli.call('school.push', { uai, legacy }));
  } finally {
    stop();
  }
}

/**
 * `--attendre`: the server does not answer; the core's background work sends the batches as soon as it does
 * (jittered backoff, Retry-After honoured) and follows them to the end. Returns once every target is merged.
 */
async function waitAndSend(cli: CliApp, io: CliIo, targets: string[]): Promise<number> {
  io.stderr.write("Le serveur de l'ENT ne répond pas : les lots sont gardés et partiront dès qu'il répondra (Ctrl+C pour arrêter d'attendre, ils partiront plus tard).\n");
  const stop = showProgress(cli, io);
  const background = cli.app.startBackground({ offlineIntervalMs: 2000, onlineIntervalMs: 2000 });
  try {
    for (;;) {
      const statuses = await Promise.all(targets.map((uai) => cli.call('school.status', { uai })));
      const done = statuses.filter((s) => isSettled(s.phase));
      if (done.length === targets.length) {
        for (const s of statuses) io.stdout.write(`${s.uai} : ${s.phase === 'merged' ? 'fusion terminée.' : s.phase === 'failed' ? "la fusion a échoué côté ENT : contactez l'assistance." : (s.outbox?.conflictMessage ?? "déjà rapprochée par quelqu'un d'autre.")}\n`);
        return statuses.every((s) => s.phase === 'merged') ? 0 : 1;
      }
      const blocked = background.pending().filter((p) => p.retryAt === Infinity && targets.includes(p.uai));
      if (blocked.length > 0) throw new AppError('unauthorized', `Le lot de ${blocked.map((b) => b.uai).join(', ')} ne peut pas partir seul : ${blocked[0]?.reason === 'unauthorized' ? "l'autorisation de l'ancien compte a expiré ; relancez push avec --legacy-login et --legacy-password" : 'voyez passerelle status'}.`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    stop();
  }
}

/**
 * Many schools: every batch sent (bounded concurrency) until the ENT accepted it, then the merges followed by the
 * background work until each school is settled; one line per school, or JSON.
 */
async function pushAll(cli: CliApp, io: CliIo, targets: string[], legacy: LegacyCredentials | null, json: boolean | undefined): Promise<number> {
  const stop = showProgress(cli, io);
  const background = cli.app.startBackground({ onlineIntervalMs: 1000, offlineIntervalMs: 2000 });
  try {
    const { results } = await cli.call('schools.pushMany', { uais: targets, legacy });
    const sent = results.filter((r) => r.ok && r.outcome !== 'rebased').map((r) => r.uai);
    for (;;) {
      const statuses = await Promise.all(sent.map((uai) => cli.call('school.status', { uai })));
      if (statuses.every((s) => isSettled(s.phase))) {
        const byUai = new Map(statuses.map((s) => [s.uai, s]));
        const rows = results.map((r) => {
          const s = byUai.get(r.uai);
          const outcome = !r.ok ? null : r.outcome === 'rebased' ? 'rebased' : (s?.phase ?? null);
          return { uai: r.uai, ok: r.ok && outcome === 'merged', outcome, error: r.error ?? (outcome === 'rebased' ? 'les listes ont changé : vérifiez puis confirmez de nouveau' : outcome === 'merged' ? null : (s?.outbox?.conflictMessage ?? `état : ${outcome ?? ''}`)) };
        });
        stop();
        if (json) io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        else {
          for (const r of rows) io.stdout.write(`${r.uai} : ${r.ok ? 'fusion terminée.' : `ÉCHEC — ${r.error ?? ''}`}\n`);
          io.stdout.write(`${rows.filter((r) => r.ok).length} école(s) rapprochée(s) sur ${rows.length}.\n`);
        }
        return rows.every((r) => r.ok) ? 0 : 1;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    stop();
    await background.stop();
  }
}

const command: CliCommand = {
  summary: 'Envoyer le lot confirmé (une école, ou toutes celles qui attendent : --all) et suivre la fusion',
  usage: 'passerelle push [<uai> | --all] [--attendre] [--legacy-login ID --legacy-password MDP] [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { 'legacy-login': { type: 'string' }, 'legacy-password': { type: 'string' }, attendre: { type: 'boolean' }, all: { type: 'boolean' }, json: { type: 'boolean' } });
    if (positionals[0] && values.all) throw new AppError('bad-request', 'Indiquez une école ou --all, pas les deux.');
    return withApp(args, async (cli) => {
      const uai = positionals[0]?.toUpperCase();
      const targets = uai ? [uai] : (await cli.call('schools.statuses', {})).filter((s) => inFlight(s.phase)).map((s) => s.uai);
      if (targets.length === 0) throw new AppError('bad-request', "Aucun lot confirmé à envoyer. Confirmez d'abord : passerelle confirm <uai>");
      const legacy = values['legacy-login'] || values['legacy-password'] ? await legacyCredentials(io, values['legacy-login'], values['legacy-password']) : null;
      if (values.all && !values.attendre) return pushAll(cli, io, targets, legacy, values.json);
      let code = 0;
      for (const target of targets) {
        try {
          code = Math.max(code, await pushOne(cli, io, target, legacy));
        } catch (err) {
          if (!(values.attendre && err instanceof AppError && err.code === 'offline')) throw err;
          return waitAndSend(cli, io, targets);
        }
      }
      return code;
    }, { io });
  },
};
export default command;
