/** `link` and `refuse`: one journaled decision on a pair (undoable in the app like any other). */
import { AppError } from '../../../src-shared/errors';
import type { CliIo } from '../command';
import { parse, requireUai, withApp } from '../session';

export async function decidePair(args: string[], io: CliIo, kind: 'link' | 'refuse'): Promise<number> {
  const { positionals } = parse(args, {});
  const uai = requireUai(positionals, kind);
  const [, oldId, newId] = positionals;
  if (!oldId || !newId) throw new AppError('bad-request', `Indiquez l'ancien compte et l'élève de cette année : passerelle ${kind} ${uai} <ancien_id> <nouveau_id> (voir passerelle review ${uai}).`);
  return withApp(args, async (cli) => {
    const proposed = (await cli.call('school.workspace', { uai })).matching.pairs.some((p) => p.old === oldId && p.new === newId);
    const decision = kind === 'refuse' ? { kind: 'refuse' as const, oldId, newId } : proposed ? { kind: 'accept' as const, oldId, newId } : { kind: 'link' as const, oldId, newId };
    const ack = await cli.call('school.decide', { uai, decision });
    const left = ack.status.counts?.undecided ?? 0;
    io.stdout.write(`${kind === 'refuse' ? 'Association refusée' : proposed ? 'Association confirmée' : 'Comptes associés'}. Reste à décider : ${left}.\n`);
    return 0;
  });
}
