/**
 * The CLI's many-school plumbing (`--all`): which schools a command works on, per-school results as a table or
 * JSON, and the board as a table. Every operation goes through the router like any other command.
 */
import { AppError } from '../../src-shared/errors';
import type { Board, BoardRow, BoardState } from '../../src-shared/rpc';
import type { CliIo } from './command';
import type { CliApp } from './session';

export const STATE_LABELS: Record<BoardState, string> = {
  'not-pulled': 'pas téléchargée',
  pulling: 'téléchargement…',
  'pull-failed': 'téléchargement en échec',
  'to-review': 'à vérifier',
  ready: 'prête à confirmer',
  confirmed: 'lot confirmé',
  sending: "en cours d'envoi",
  merging: 'fusion en cours',
  merged: 'rapprochée',
  failed: 'fusion en échec',
  conflict: "rapprochée par quelqu'un d'autre",
};

/** The board's schools in the given states (every school the account manages, as the ENT lists it). */
export async function boardTargets(cli: CliApp, states: readonly BoardState[]): Promise<BoardRow[]> {
  const board = await cli.call('schools.board', { refresh: true }).catch(() => cli.call('schools.board', {}));
  return board.rows.filter((r) => states.includes(r.state));
}

/** `<uai>` or `--all`, never both, never neither. */
export function oneOrAll(uai: string | undefined, all: boolean | undefined, command: string): void {
  if (uai && all) throw new AppError('bad-request', `Indiquez une école ou --all, pas les deux : passerelle ${command} <uai> ou passerelle ${command} --all`);
  if (!uai && !all) throw new AppError('bad-request', `Indiquez l'UAI d'une école, ou --all pour toutes : passerelle ${command} <uai> | --all`);
}

const pad = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

/** Per-school results: a table (UAI, school, result) or JSON; exit code 1 when one failed. */
export function printResults(io: CliIo, json: boolean | undefined, names: Map<string, string>, results: ReadonlyArray<{ uai: string; ok: boolean; error: string | null }>, okText: (r: { uai: string }) => string): number {
  if (json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else {
    for (const r of results) io.stdout.write(`${r.uai}  ${pad(names.get(r.uai) ?? '', 44)}  ${r.ok ? okText(r) : `ÉCHEC : ${r.error ?? ''}`}\n`);
    const failed = results.filter((r) => !r.ok).length;
    io.stdout.write(`${results.length - failed} école(s) sur ${results.length}${failed ? ` ; ${failed} en échec` : ''}.\n`);
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

/** The board as a terminal table, with totals. */
export function boardTable(board: Board): string {
  const header = `${'UAI'.padEnd(9)} ${pad('École', 44)} ${pad('Commune', 18)} ${pad('État', 24)} ${'Élèves'.padStart(6)} ${'Liés'.padStart(5)} ${'À décider'.padStart(9)} ${'Sans lien'.padStart(9)}`;
  const lines = board.rows.map((r) => {
    const c = r.counts;
    const state = r.state === 'merged' && r.ent ? `${STATE_LABELS[r.state]} (${r.ent.acceptedByName})` : r.progress && r.progress.total > 0 ? `${STATE_LABELS[r.state]} ${Math.round((100 * r.progress.done) / r.progress.total)} %` : STATE_LABELS[r.state];
    return `${r.uai.padEnd(9)} ${pad(r.name, 44)} ${pad(r.commune ?? '', 18)} ${pad(state, 24)} ${String(c?.newPupils ?? '').padStart(6)} ${String(c?.linked ?? '').padStart(5)} ${String(c?.undecided ?? '').padStart(9)} ${String(c ? c.unmatchedNew + c.unmatchedOld : '').padStart(9)}`;
  });
  const byState = Object.entries(board.totals.byState).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${STATE_LABELS[s as BoardState]}`).join(', ');
  return [header, ...lines, '', `${board.totals.schools} école(s) : ${byState}. Élèves cette année : ${board.totals.newPupils} ; à décider : ${board.totals.undecided}.${board.pendingPulls.length ? ` Téléchargements en attente : ${board.pendingPulls.length}.` : ''}`].join('\n');
}
