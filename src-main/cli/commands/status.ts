import { reconciledBy, type SchoolStatus } from '../../core';
import type { CliCommand } from '../command';
import { boardTable } from '../many';
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
  summary: "État d'une école, ou tableau de toutes vos écoles (état, élèves, à décider) ; --json pour les scripts",
  usage: 'passerelle status [<uai>] [--json] [--server URL]',
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    return withApp(args, async (cli) => {
      const uai = positionals[0]?.toUpperCase();
      if (uai) {
        const status = await cli.call('school.status', { uai });
        io.stdout.write(values.json ? JSON.stringify(status, null, 2) + '\n' : describe(status) + '\n');
        return 0;
      }
      // Every school of the account, from the cache and the ENT's statement (the last one when offline).
      const board = await cli.call('schools.board', { refresh: true }).catch(() => cli.call('schools.board', {}));
      if (values.json) io.stdout.write(JSON.stringify(board, null, 2) + '\n');
      else if (board.rows.length === 0) io.stdout.write("Votre compte ne gère aucune école (direction ou référent ENT).\n");
      else io.stdout.write(boardTable(board) + '\n');
      return 0;
    });
  },
};
export default command;
