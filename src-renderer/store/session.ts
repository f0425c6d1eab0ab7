/** Session slice: who is signed in, and what can be done before signing in (activation, help, settings). */
import { create } from 'zustand';
import type { RpcInput, RpcOutput } from '../../src-shared/rpc';
import { call } from '../api';
import { runAction, type ShownError } from './errors';

type Account = RpcOutput<'session.signIn'>;
export type PublicView = 'signin' | 'activate' | 'code' | 'support' | 'settings';

interface SessionState {
  account: Account | null;
  restored: boolean;
  busy: boolean;
  error: ShownError | null;
  /** The server's answer to an activation or a support request, shown as is. */
  notice: string | null;
  view: PublicView;
  show(view: PublicView): void;
  restore(): Promise<void>;
  signIn(login: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  activate(email: string): Promise<boolean>;
  supportRequest(request: RpcInput<'account.supportRequest'>): Promise<boolean>;
  /** "J'ai reçu un code": the mailed one-time code and the new password. */
  redeemCode(code: string, newPassword: string): Promise<boolean>;
  /** After a server change the local session is closed. */
  reset(): void;
}

export const useSessionStore = create<SessionState>((set, get) => {
  const run = <T>(action: () => Promise<T>): Promise<T | null> => runAction(set, true, false, action);
  return {
    account: null,
    restored: false,
    busy: false,
    error: null,
    notice: null,
    view: 'signin',
    show: (view) => set({ view, error: null, notice: null }),
    async restore() {
      const account = await run(() => call('session.restore', {}));
      set({ account, restored: true });
    },
    async signIn(login, password) {
      const account = await run(() => call('session.signIn', { login, password }));
      if (account) set({ account });
      return account !== null;
    },
    async signOut() {
      await run(() => call('session.signOut', {}));
      set({ account: null, view: 'signin' });
    },
    async activate(email) {
      const answer = await run(() => call('account.activate', { email }));
      if (answer) set({ notice: answer.message });
      return answer !== null;
    },
    async redeemCode(code, newPassword) {
      const answer = await run(() => call('account.useCode', { code, newPassword }));
      if (answer) set({ notice: answer.message });
      return answer !== null;
    },
    async supportRequest(request) {
      const answer = await run(() => call('account.supportRequest', request));
      if (answer) set({ notice: answer.message });
      return answer !== null;
    },
    reset() {
      if (get().account) set({ account: null, view: 'signin' });
    },
  };
});
