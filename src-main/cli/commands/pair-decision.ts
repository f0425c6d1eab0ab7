/** `link`, `refuse` and `unlink`: one journaled decision on a pair (undoable in the app like any other). */
import { AppError } from '../../../src-shared/errors';
import type { CliIo } from '../command';
import { parse, requireUai, withApp } from '../session';

export async function decidePair(args: string[], io: CliIo, kind: 'link' | 'refuse' | 'unlink'): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const uai = requireUai(positionals, kind);
  const [, first, second] = positionals;
  if (kind === 'unlink' && !first) throw new AppError('bad-request', `Indiquez l'élève de cette année : passerelle unlink ${uai} <nouveau_id>.`);
  if (kind !== 'unlink' && (!first || !second)) throw new AppError('bad-request', `Indiquez l'ancien compte et l'élève de cette année : passerelle ${kind} ${uai} <ancien_id> <nouveau_id> (voir passerelle review ${uai}).`);
  return withApp(args, async (cli) => {
    const oldId = first ?? '';
    const newId = second ?? '';
    const proposed = kind === 'link' && (await cli.call('school.workspace', { uai })).matching.pairs.some((p) => p.old === oldId && p.new === newId);
    const decision =
      kind === 'unlink' ? { kind: 'unlink' as const, newId: oldId } : kind === 'refuse' ? { kind: 'refuse' as const, oldId, newId } : proposed ? { kind: 'accept' as const, oldId, newId } : { kind: 'link' as const, oldId, newId };
    const ack = await cli.call('school.decide', { uai, decision });
    const left = ack.status.counts?.undecided ?? 0;
    if (values.json) io.stdout.write(JSON.stringify({ uai, decision, seq: ack.seq, undecided: left }) + '\n');
    else io.stdout.write(`${kind === 'unlink' ? 'Association retirée (cet ancien compte et cet élève ne seront plus proposés ensemble)' : kind === 'refuse' ? 'Association refusée' : proposed ? 'Association confirmée' : 'Comptes associés'}. Reste à décider : ${left}.\n`);
    return 0;
  });
}
