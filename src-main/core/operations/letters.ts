/** Operations after the merge: the letters' credentials, forgetting them once printed, and the host's PDF export. */
import { keyedError } from '../../../src-shared/messages';
import type { CoreSession } from '../session';
import { credentials, forgetCredentials } from '../school/after-merge';
import type { OperationTable } from './types';

/** A host capability (Electron): the letters shown in the window, printed to a PDF saved where the director chooses. */
export type SavePdf = (uai: string) => Promise<{ path: string }>;

export function letterOperations(session: CoreSession, savePdf: SavePdf | undefined): OperationTable<'school.credentials' | 'school.forgetCredentials' | 'letters.savePdf'> {
  return {
    'school.credentials': ({ uai }) => credentials(session.current(), uai),
    'school.forgetCredentials': async ({ uai }) => {
      await forgetCredentials(session.current(), uai);
      return { forgotten: true as const };
    },
    'letters.savePdf': async ({ uai }) => {
      if (!savePdf) throw keyedError('bad-request', 'letters.pdf-in-browser', 'Dans le navigateur, utilisez le bouton Imprimer puis choisissez « Enregistrer au format PDF » comme imprimante.');
      return savePdf(uai);
    },
  };
}
