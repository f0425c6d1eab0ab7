/**
 * Roles slice: the account's sections after sign-in (the shared rule book, from the core) and the section shown,
 * « Ma classe » (class choice), and one's own old data — proving the old account (the proof stays in the core), a
 * teacher's old class spaces, personal data. The only code with api/ calls for these screens.
 */
import { create } from 'zustand';
import type { RoleSection } from '../../src-shared/domain/roles';
import type { RpcInput, RpcOutput } from '../../src-shared/rpc';
import { call } from '../api';
import { runAction, type ShownError } from './errors';

export type RoleView = RpcOutput<'roles.view'>;
export type ClassChoices = RpcOutput<'myClass.choices'>;
export type OldDataStatus = RpcOutput<'oldData.status'>;
export type ClassSpacesResult = RpcOutput<'oldData.recoverClassSpaces'>;
export type PersonalResult = RpcOutput<'oldData.recoverPersonal'>;
type Busy = 'view' | 'choices' | 'choose' | 'status' | 'prove' | 'forget' | 'forgot' | 'classes' | 'personal' | null;

interface RolesState {
  view: RoleView | null;
  section: RoleSection | null;
  choices: ClassChoices | null;
  /** The class just chosen (its label), to say so. */
  chosen: string | null;
  status: OldDataStatus | null;
  classResult: ClassSpacesResult | null;
  personalResult: PersonalResult | null;
  busy: Busy;
  error: ShownError | null;
  notice: string | null;
  /** Changes at each sign-out: late answers of an earlier account are dropped. */
  epoch: number;
  /** Whose sections these are (the account's data folder). */
  accountKey: string | null;
  /** The account's sections; another account than the last one starts afresh. */
  load(accountKey: string): Promise<void>;
  open(section: RoleSection): void;
  loadChoices(): Promise<void>;
  choose(classId: string): Promise<boolean>;
  loadStatus(): Promise<void>;
  prove(login: string, password: string): Promise<boolean>;
  forget(): Promise<void>;
  forgot(email: string): Promise<boolean>;
  recoverClassSpaces(request: RpcInput<'oldData.recoverClassSpaces'>): Promise<boolean>;
  recoverPersonal(apps: RpcInput<'oldData.recoverPersonal'>['apps']): Promise<boolean>;
  clearError(): void;
  reset(): void;
}

const initial = { view: null, section: null, choices: null, chosen: null, status: null, classResult: null, personalResult: null, busy: null, error: null, notice: null };

export const useRolesStore = create<RolesState>((set, get) => {
  /** Runs an action of the current account; its answer is dropped if the account changed meanwhile. */
  async function run<T>(busy: Exclude<Busy, null>, action: () => Promise<T>): Promise<T | null> {
    const epoch = get().epoch;
    const value = await runAction<T, Busy>(set, busy, null, action);
    return get().epoch === epoch ? value : null;
  }
  async function refreshStatus(): Promise<void> {
    const status = await call('oldData.status', {});
    set({ status });
  }
  return {
    ...initial,
    epoch: 0,
    accountKey: null,
    async load(accountKey) {
      if (get().accountKey !== accountKey) set({ ...initial, accountKey, epoch: get().epoch + 1 });
      const view = await run('view', () => call('roles.view', {}));
      if (view) set({ view, section: get().section && view.sections.includes(get().section as RoleSection) ? get().section : view.home });
    },
    open(section) {
      if (get().view?.sections.includes(section)) set({ section, error: null, notice: null });
    },
    async loadChoices() {
      const choices = await run('choices', () => call('myClass.choices', {}));
      if (choices) set({ choices });
    },
    async choose(classId) {
      const done = await run('choose', async () => {
        const answer = await call('myClass.choose', { classId });
        const choices = await call('myClass.choices', {});
        return { answer, choices };
      });
      if (!done) return false;
      set({ view: done.answer.view, choices: done.choices, chosen: done.answer.chosen.label });
      return true;
    },
    async loadStatus() {
      await run('status', refreshStatus);
    },
    async prove(login, password) {
      const done = await run('prove', async () => {
        await call('oldData.prove', { login, password });
        await refreshStatus();
        return true;
      });
      return done === true;
    },
    async forget() {
      await run('forget', async () => {
        await call('oldData.forget', {});
        await refreshStatus();
      });
      set({ classResult: null, personalResult: null });
    },
    async forgot(email) {
      const answer = await run('forgot', () => call('legacy.forgot', { email }));
      if (answer) set({ notice: answer.message });
      return answer !== null;
    },
    async recoverClassSpaces(request) {
      const result = await run('classes', async () => {
        const answer = await call('oldData.recoverClassSpaces', request);
        await refreshStatus();
        return answer;
      });
      if (result) set({ classResult: result });
      // Refused (taken first, already answered): the ENT's view of the spaces now, the error kept on screen.
      else await refreshStatus().catch(() => undefined);
      return result !== null;
    },
    async recoverPersonal(apps) {
      const result = await run('personal', async () => {
        const answer = await call('oldData.recoverPersonal', { apps });
        await refreshStatus();
        return answer;
      });
      if (result) set({ personalResult: result });
      return result !== null;
    },
    clearError: () => set({ error: null }),
    reset: () => set({ ...initial, accountKey: null, epoch: get().epoch + 1 }),
  };
});
