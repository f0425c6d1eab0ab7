/** Operations of the session area: restore, sign in, sign out. */
import type { CoreSession } from '../session';
import type { OperationTable } from './types';

export function sessionOperations(session: CoreSession): OperationTable<'session.restore' | 'session.signIn' | 'session.signOut'> {
  return {
    'session.restore': () => session.restore(),
    'session.signIn': ({ login, password }) => session.signIn(login, password),
    'session.signOut': async () => {
      await session.signOut();
      return { signedOut: true as const };
    },
  };
}
