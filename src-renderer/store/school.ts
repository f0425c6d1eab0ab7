/**
 * School slice: the chosen school, its status and workspace, the step shown, progress bars, and every action
 * of the reconciliation (download, decisions, confirmation, sending, letters). The only code with api/ calls
 * about a school.
 */
import { create } from 'zustand';
import type { Decision } from '../../src-shared/domain/decisions';
import type { ProgressPayload, RpcOutput } from '../../src-shared/rpc';
import { awaitsSending, hasWorkspace, stepForPhase } from '../../src-shared/domain/school-lifecycle';
import { call, on } from '../api';
import { runAction, shownError, type ShownError } from './errors';
import { applyDecision, type Workspace } from './links';

type SchoolItem = RpcOutput<'schools.list'>[number];
export type SchoolStatus = RpcOutput<'school.status'>;
export type Preview = RpcOutput<'school.preview'>;
export type PushOutcome = RpcOutput<'school.push'>;
export type Letters = RpcOutput<'school.credentials'>;
export type Receipt = RpcOutput<'school.receipt'>;
export type Step = 'schools' | 'download' | 'spaces' | 'pupils' | 'review' | 'progress' | 'letters' | 'receipt';
interface Legacy {
  login: string;
  password: string;
}

interface SchoolState {
  schools: SchoolItem[] | null;
  uai: string | null;
  status: SchoolStatus | null;
  workspace: Workspace | null;
  preview: Preview | null;
  outcome: PushOutcome | null;
  letters: Letters | null;
  /** What was confirmed and sent, by name (kept by the core after the merge too). */
  receipt: Receipt | null;
  step: Step;
  /** The class the pupils screen opens on (the review screen links to a class with pairs left to decide). */
  focusClass: string | null;
  /** What is running (a French label), for the progress bar and to disable buttons. */
  busy: string | null;
  progress: Record<string, ProgressPayload>;
  error: ShownError | null;
  notice: string | null;
  /** The batch is frozen but the server did not answer: it leaves as soon as the server answers again. */
  waitingForServer: boolean;
  /** The old account's authorisation expired before sending: ask the old credentials again. */
  needsLegacy: boolean;
  /** Changes at each sign-out and school choice: late answers of an earlier one are dropped. */
  epoch: number;
  go(step: Step): void;
  /** Opens the pupils screen, on a class when given. */
  openPupils(classId: string | null): void;
  focus(classId: string): void;
  clearError(): void;
  loadSchools(): Promise<void>;
  select(uai: string): Promise<void>;
  /** `null`: the old account was already proven for this school (a referent's one proof), nothing to type. */
  pull(legacy: Legacy | null): Promise<boolean>;
  forgot(email: string): Promise<boolean>;
  decide(decision: Decision): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  loadPreview(): Promise<void>;
  confirmAndSend(): Promise<void>;
  send(legacy?: Legacy): Promise<void>;
  follow(): Promise<void>;
  loadLetters(): Promise<void>;
  /** The receipt from the core (null and an error when there is none yet). */
  fetchReceipt(): Promise<Receipt | null>;
  showReceipt(): Promise<void>;
  /** Asks the ENT again who reconciled the school (through the school list) and reloads the status. */
  refreshEnt(): Promise<void>;
  forgetLetters(): Promise<void>;
  savePdf(): Promise<string | null>;
  listen(): () => void;
  reset(): void;
}

const initial = {
  schools: null,
  uai: null,
  status: null,
  workspace: null,
  preview: null,
  outcome: null,
  letters: null,
  receipt: null,
  step: 'schools' as Step,
  focusClass: null,
  busy: null,
  progress: {},
  error: null,
  notice: null,
  waitingForServer: false,
  needsLegacy: false,
};

/** The step a school opens on in its phase: the shared lifecycle rule book (the screens never re-derive it). */
export { stepForPhase };

export const useSchoolStore = create<SchoolState>((set, get) => {
  const run = <T>(label: string, action: () => Promise<T>): Promise<T | null> => runAction<T, string | null>(set, label, null, action);
  const uai = (): string => {
    const current = get().uai;
    if (!current) throw new Error('no school');
    return current;
  };
  async function refreshWorkspace(): Promise<void> {
    const workspace = await call('school.workspace', { uai: uai() });
    set({ workspace });
  }
  async function afterOutcome(outcome: PushOutcome): Promise<void> {
    set({ outcome });
    if (outcome.outcome === 'rebased') {
      set({ preview: outcome.preview, step: 'review', notice: 'rebased' });
      await refreshWorkspace();
    } else set({ step: 'progress' });
    set({ status: await call('school.status', { uai: uai() }) });
  }
  return {
    ...initial,
    epoch: 0,
    go: (step) => set({ step, error: null, notice: null }),
    openPupils: (classId) => set({ step: 'pupils', focusClass: classId, error: null, notice: null }),
    focus: (classId) => set({ focusClass: classId }),
    clearError: () => set({ error: null }),
    async loadSchools() {
      const epoch = get().epoch;
      const schools = await run('schools', () => call('schools.list', {}));
      // Signed out (or another school chosen) meanwhile: this answer belongs to the previous session.
      if (!schools || get().epoch !== epoch) return;
      set({ schools });
      if (schools.length === 1 && schools[0] && !get().uai) await get().select(schools[0].uai);
    },
    async select(code) {
      const epoch = get().epoch + 1;
      set({ ...initial, schools: get().schools, uai: code, epoch });
      const status = await run('status', () => call('school.status', { uai: code }));
      if (!status || get().epoch !== epoch) return;
      set({ status, step: stepForPhase(status.phase) });
      // Reconciled elsewhere: nothing to decide any more (and maybe nothing downloaded here), only who did it and the letters.
      if (hasWorkspace(status.phase)) {
        await run('workspace', refreshWorkspace);
      }
      if (get().epoch !== epoch) return;
      // A batch accepted by the ENT: follow it. A batch frozen but not accepted yet: the core's background work sends it as
      // soon as the server answers (a `school.changed` event then brings the new phase).
      if (status.phase === 'accepted') void get().follow();
      else if (awaitsSending(status.phase)) set({ waitingForServer: true });
    },
    async pull(legacy) {
      const done = await run('pull', async () => {
        const status = await call('school.pull', { uai: uai(), legacy });
        // Certain pairs are pre-filled once, right after the first download, as one decision that can be undone.
        const accepted = status.lastSeq === 0 && (status.counts?.pendingAuto ?? 0) > 0 ? await call('school.acceptAuto', { uai: uai() }) : null;
        set({ status: accepted?.status ?? status });
        await refreshWorkspace();
        return true;
      });
      if (done) set({ step: 'spaces' });
      return done === true;
    },
    async forgot(email) {
      const answer = await run('forgot', () => call('legacy.forgot', { email }));
      if (answer) set({ notice: answer.message });
      return answer !== null;
    },
    async decide(decision) {
      try {
        const ack = await call('school.decide', { uai: uai(), decision });
        const ws = get().workspace;
        const next = ws ? applyDecision(ws, decision, ack.seq) : null;
        set({ status: ack.status, error: null, ...(next ? { workspace: { ...next, canUndo: ack.status.canUndo, canRedo: ack.status.canRedo } } : {}) });
        if (!next) await refreshWorkspace();
        return true;
      } catch (err) {
        set({ error: shownError(err) });
        return false;
      }
    },
    async undo() {
      await run('undo', async () => {
        const ack = await call('school.undo', { uai: uai() });
        set({ status: ack.status });
        await refreshWorkspace();
      });
    },
    async redo() {
      await run('redo', async () => {
        const ack = await call('school.redo', { uai: uai() });
        set({ status: ack.status });
        await refreshWorkspace();
      });
    },
    async loadPreview() {
      const preview = await run('preview', () => call('school.preview', { uai: uai() }));
      if (preview) set({ preview });
    },
    async confirmAndSend() {
      const confirmed = await run('confirm', () => call('school.confirm', { uai: uai() }));
      if (!confirmed) return;
      set({ status: await call('school.status', { uai: uai() }) });
      await get().send();
    },
    async send(legacy) {
      set({ busy: 'send', error: null, notice: null, needsLegacy: false, waitingForServer: false });
      try {
        await afterOutcome(await call('school.push', { uai: uai(), ...(legacy ? { legacy } : {}) }));
      } catch (err) {
        const shown = shownError(err);
        if (shown.code === 'offline') set({ waitingForServer: true });
        // Someone else's batch was accepted first (409): the school's screen says who and when, from the status.
        else if (shown.code === 'conflict') set({ error: null });
        else if (shown.code === 'unauthorized') set({ needsLegacy: true, error: shown });
        else set({ error: shown });
        set({ status: await call('school.status', { uai: uai() }).catch(() => get().status) });
      } finally {
        set({ busy: null });
      }
    },
    async follow() {
      await run('follow', async () => afterOutcome(await call('school.progress', { uai: uai() })));
    },
    async loadLetters() {
      const letters = await run('letters', () => call('school.credentials', { uai: uai() }));
      if (letters) set({ letters, step: 'letters' });
    },
    async fetchReceipt() {
      const receipt = await run('receipt', () => call('school.receipt', { uai: uai() }));
      if (receipt) set({ receipt });
      return receipt;
    },
    async showReceipt() {
      if (await get().fetchReceipt()) set({ step: 'receipt' });
    },
    async refreshEnt() {
      const epoch = get().epoch;
      await run('ent', async () => {
        const schools = await call('schools.list', {});
        const status = await call('school.status', { uai: uai() });
        if (get().epoch === epoch) set({ schools, status });
      });
    },
    async forgetLetters() {
      const epoch = get().epoch;
      const done = await run('forget', async () => {
        await call('school.forgetCredentials', { uai: uai() });
        // The ENT erased them for every manager: its view of the school says so (best effort, offline keeps the last one).
        const schools = await call('schools.list', {}).catch(() => null);
        const status = await call('school.status', { uai: uai() }).catch(() => null);
        return { schools, status };
      });
      if (!done || get().epoch !== epoch) return;
      const status = done.status ?? get().status;
      set({ letters: null, schools: done.schools ?? get().schools, status, step: stepForPhase(status?.phase ?? 'merged'), notice: 'letters-forgotten' });
    },
    async savePdf() {
      const saved = await run('pdf', () => call('letters.savePdf', { uai: uai() }));
      return saved?.path ?? null;
    },
    listen() {
      const offProgress = on('progress', (payload) => {
        const kind = payload.task.split(':')[0] ?? payload.task;
        set({ progress: { ...get().progress, [kind]: payload } });
        // The batch was accepted and the ENT is merging: show the migration step by step.
        if (kind === 'merge' && get().step === 'review') set({ step: 'progress' });
      });
      const offChanged = on('school.changed', ({ uai: changed }) => {
        // Decisions answer with the new status already: refetch only for changes made in the background (sending, merge).
        const { uai: current, busy, step } = get();
        if (changed !== current || busy || step === 'spaces' || step === 'pupils') return;
        void call('school.status', { uai: changed }).then((status) => {
          if (get().uai !== changed) return;
          set({ status, waitingForServer: awaitsSending(status.phase) ? get().waitingForServer : false });
          // The core's background work sent the batch (the server answered again): show its merge, joining the follow it runs.
          if (status.phase === 'accepted' && get().busy === null && (get().step === 'review' || get().step === 'progress')) void get().follow();
          else if (status.phase === 'merged' && get().step === 'review') set({ step: stepForPhase(status.phase) });
        }, () => undefined);
      });
      return () => {
        offProgress();
        offChanged();
      };
    },
    reset: () => set({ ...initial, epoch: get().epoch + 1 }),
  };
});
