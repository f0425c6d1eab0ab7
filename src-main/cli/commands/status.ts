import { reconciledBy, type SchoolStatus } from '../../core';
import type { CliCommand } from '../command';
import { parse, withApp } from '../session';

const PHASES: Record<SchoolStatus['phase'], string> = {
  'not-pulled': 'pas encore téléchargée',
  pulled: 'téléchargée, rapprochement en cours',
  confirmed: 'lot confirmé, pas encore envoyé',
  sending: "lot en cours d'envoi (relancez push)",
  accepted: "lot accepté, fusion en cours côté ENT",
  failed: 'la fusion a échoué côté ENT : contactez l’assistance',
  merged: 'rapprochement terminé',
  'reconciled-elsewhere': "déjà rapprochée par quelqu'un d'autre",
};

const ERROR_LABELS: Record<string, string> = {
  offline: 'serveur injoignable',
  server: 'erreur du serveur',
  'rate-limited': 'trop de tentatives',
  unauthorized: 'session ou autorisation expirée',
  forbidden: 'droits insuffisants',
  validation: 'lot refusé (invalide)',
  'stale-roster': 'listes changées depuis le téléchargement',
  'new-decision': 'nouvelle décision après la confirmation',
  'new-pull': 'listes retéléchargées après la confirmation',
};

function describe(s: SchoolStatus): string {
  const lines = [`${s.uai}  ${s.name} — ${PHASES[s.phase]}`];
  if (s.counts) {
    const c = s.counts;
    lines.push(`  élèves : ${c.newPupils} cette année, ${c.oldPupils} l'an dernier ; liés : ${c.linked} ; à décider : ${c.undecided} (dont ${c.undecidedAuto} sûres non acceptées)`);
  }
  if (s.flagged.length > 0) lines.push(`  ${s.flagged.length} décision(s) à revoir (les listes ont changé)`);
  if (s.ent && s.phase === 'reconciled-elsewhere') lines.push(`  ${reconciledBy(s.ent)}`);
  if (s.outbox?.conflictMessage) lines.push(`  ${s.outbox.conflictMessage}`);
  else if (s.outbox?.lastError && s.phase !== 'merged') lines.push(`  dernier envoi : ${ERROR_LABELS[s.outbox.lastError] ?? s.outbox.lastError}`);
  return lines.join('\n');
}

const command: CliCommand = {
  summary: "État d'une école (ou de toutes les écoles téléchargées), --json pour les scripts",
  usage: 'passerelle status [<uai>] [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    return withApp(args, async (cli) => {
      const uai = positionals[0]?.toUpperCase();
      const statuses = uai ? [await cli.call('school.status', { uai })] : await cli.call('schools.statuses', {});
      if (values.json) io.stdout.write(JSON.stringify(uai ? statuses[0] : statuses, null, 2) + '\n');
      else if (statuses.length === 0) io.stdout.write('Aucune école téléchargée. Lancez : passerelle pull <uai>\n');
      else io.stdout.write(statuses.map(describe).join('\n') + '\n');
      return 0;
    });
  },
};
export default command;
