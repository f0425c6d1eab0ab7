/** `link` and `refuse`: one journaled decision on a pair (undoable in the app like any other). */
import { AppError } from '../../../src-shared/errors';
import type { CliIo } from '../command';
import { parse, requireUai, withCore } from './core-session';

export async function decidePair(args: string[], io: CliIo, kind: 'link' | 'refuse'): Promise<number> {
  const { positionals } = parse(args, {});
  const uai = requireUai(positionals, kind);
  const [, oldId, newId] = positionals;
  if (!oldId || !newId) throw new AppError('bad-request', `Indiquez l'ancien compte et l'élève de cette année : passerelle ${kind} ${uai} <ancien_id> <nouveau_id> (voir passerelle review ${uai}).`);
  return withCore(args, async (core) => {
    const proposed = (await core.workspace(uai)).matching.pairs.some((p) => p.old === oldId && p.new === newId);
    const ack = await core.decide(uai, kind === 'refuse' ? { kind: 'refuse', oldId, newId } : proposed ? { kind: 'accept', oldId, newId } : { kind: 'link', oldId, newId });
    const left = ack.status.counts?.undecided ?? 0;
    io.stdout.write(`${kind === 'refuse' ? 'Association refusée' : proposed ? 'Association confirmée' : 'Comptes associés'}. Reste à décider : ${left}.\n`);
    return 0;
  });
}
