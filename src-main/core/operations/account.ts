/** Operations done before signing in, on the current server: activation, support request, forgotten old credentials, one-time codes. */
import type { CoreSession } from '../session';
import type { OperationTable } from './types';

export function accountOperations(session: CoreSession): OperationTable<'account.activate' | 'account.supportRequest' | 'legacy.forgot' | 'account.useCode'> {
  return {
    'account.activate': ({ email }) => session.anonymous().call('activation', { body: { email } }),
    'account.supportRequest': (request) => session.anonymous().call('supportRequest', { body: request }),
    'legacy.forgot': ({ email }) => session.anonymous().call('legacyForgot', { body: { email } }),
    'account.useCode': (request) => session.anonymous().call('passwordReset', { body: request }),
  };
}
