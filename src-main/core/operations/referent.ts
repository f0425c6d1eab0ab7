/** Operations on many schools at once: one proof, the board, downloads / confirmations / sendings, the shared queue, the spreadsheet. */
import { keyedError } from '../../../src-shared/messages';
import { exportDecisions, importDecisions } from '../referent/decisions-csv';
import { acceptAutoMany, board, confirmMany, proveLegacy, pullMany, pushMany } from '../referent/many';
import { reviewQueue } from '../referent/queue';
import type { CoreSession } from '../session';
import type { OperationTable } from './types';

type Names = 'legacy.prove' | 'schools.board' | 'schools.pullMany' | 'schools.acceptAutoMany' | 'queue.list' | 'schools.confirmMany' | 'schools.pushMany' | 'decisions.export' | 'decisions.import';

/** base64 → bytes, refusing what is not base64 (a tampered call) with a French error. */
function bytesOf(content: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) throw keyedError('bad-request', 'decisions.import-encoding', "Le contenu du fichier n'a pas été transmis correctement (base64 attendu).");
  return new Uint8Array(Buffer.from(content, 'base64'));
}

export function referentOperations(session: CoreSession): OperationTable<Names> {
  const ctx = () => session.current();
  return {
    'legacy.prove': (legacy) => proveLegacy(ctx(), legacy),
    'schools.board': ({ refresh }) => board(ctx(), refresh ?? false),
    'schools.pullMany': async ({ uais, legacy }) => ({ results: await pullMany(ctx(), uais, legacy ?? null) }),
    'schools.acceptAutoMany': async ({ uais }) => ({ results: await acceptAutoMany(ctx(), uais) }),
    'queue.list': ({ uais, includeUnmatched }) => ({ items: reviewQueue(ctx(), uais, includeUnmatched ?? false) }),
    'schools.confirmMany': ({ uais }) => ({ results: confirmMany(ctx(), uais) }),
    'schools.pushMany': async ({ uais, legacy }) => ({ results: await pushMany(ctx(), uais, legacy ?? null) }),
    'decisions.export': ({ uais }) => exportDecisions(ctx(), uais),
    'decisions.import': ({ content }) => importDecisions(ctx(), bytesOf(content)),
  };
}
