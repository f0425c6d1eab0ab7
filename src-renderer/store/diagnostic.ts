/**
 * Diagnostic slice, the only caller of `diagnostic.*`. The user's side: « Exporter un diagnostic » prepares the
 * file (pseudonymised unless real data are asked for) and shows what is inside before `save` gives its text; the
 * password of a real-data file is handed to the dialog that asked and never kept here. Support's side: the support
 * mode (read-only, talks to no ENT — the core guarantees it): a file sent in parts, its password when it is
 * encrypted, then the timeline of each school and the school as it stood at the chosen step.
 */
import { create } from 'zustand';
import { DIAGNOSTIC_PART_CHARS, type DiagnosticOverview, type DiagnosticStep, type DiagnosticSummary } from '../../src-shared/rpc/diagnostic';
import { call } from '../api';
import { shownError, type ShownError } from './errors';

/** A file's text cut into parts of at most `size` characters (at least one part, even for an empty text). */
export function splitParts(text: string, size = DIAGNOSTIC_PART_CHARS): string[] {
  if (size < 1) throw new Error('part size must be positive');
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += size) parts.push(text.slice(at, at + size));
  return parts.length > 0 ? parts : [''];
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
/** A random upload id, as the contract wants it (`[A-Za-z0-9_-]{8,64}`): 22 characters. */
export function newUploadId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return [...random(new Uint8Array(22))].map((b) => ID_CHARS[b % 64]).join('');
}

export interface SavedDiagnostic {
  fileName: string;
  text: string;
  /** Real data: the password of the encrypted file, to be shown once and given to support by another channel. */
  password: string | null;
}

interface DiagnosticState {
  /** The diagnostic prepared and its summary, before it is saved. */
  draft: { draftId: string; real: boolean; summary: DiagnosticSummary } | null;
  exportBusy: 'prepare' | 'save' | null;
  exportError: ShownError | null;
  prepare(real: boolean): Promise<boolean>;
  /** The file's text (and its password for real data); null and an error when it fails. */
  save(consent?: string): Promise<SavedDiagnostic | null>;
  cancelExport(): void;

  /** Support mode is shown (entered from the settings, or a diagnostic still open when the app starts). */
  supportMode: boolean;
  overview: DiagnosticOverview | null;
  /** An encrypted file is waiting for its password. */
  locked: boolean;
  upload: { done: number; total: number } | null;
  busy: 'open' | 'unlock' | 'step' | 'close' | null;
  error: ShownError | null;
  school: string | null;
  /** The step asked for (selected at once in the timeline); `step` is the one shown, once it arrives. */
  selected: number | null;
  step: DiagnosticStep | null;
  enterSupport(): Promise<void>;
  leaveSupport(): void;
  /** At start: a diagnostic still open in support's folder reopens support mode. */
  restore(): Promise<void>;
  openFile(text: string): Promise<void>;
  unlock(password: string): Promise<void>;
  selectSchool(uai: string): Promise<void>;
  goTo(index: number): Promise<void>;
  close(): Promise<void>;
  clearError(): void;
}

const supportInitial = { overview: null, locked: false, upload: null, busy: null, error: null, school: null, selected: null, step: null };

/** The school to show first: the first one with a timeline to replay. */
function firstSchool(overview: DiagnosticOverview): string | null {
  return (overview.schools.find((s) => s.replayable && s.timeline.length > 0) ?? overview.schools[0])?.uai ?? null;
}

export const useDiagnosticStore = create<DiagnosticState>((set, get) => {
  // Each opened file (and close) moves `opening` on, each step asked (and close) `stepping`: late answers are dropped.
  let opening = 0;
  let stepping = 0;
  async function show(overview: DiagnosticOverview): Promise<void> {
    const uai = firstSchool(overview);
    set({ overview, locked: false, school: uai, step: null, selected: null });
    if (uai) await get().selectSchool(uai);
  }
  return {
    draft: null,
    exportBusy: null,
    exportError: null,
    async prepare(real) {
      set({ exportBusy: 'prepare', exportError: null, draft: null });
      try {
        const { draftId, summary } = await call('diagnostic.prepare', { real });
        set({ draft: { draftId, real, summary } });
        return true;
      } catch (err) {
        set({ exportError: shownError(err) });
        return false;
      } finally {
        set({ exportBusy: null });
      }
    },
    async save(consent) {
      const draft = get().draft;
      if (!draft) return null;
      set({ exportBusy: 'save', exportError: null });
      try {
        const saved = await call('diagnostic.save', { draftId: draft.draftId, ...(consent !== undefined ? { consent } : {}) });
        set({ draft: null });
        return { fileName: saved.fileName, text: saved.text, password: saved.password };
      } catch (err) {
        set({ exportError: shownError(err) });
        return null;
      } finally {
        set({ exportBusy: null });
      }
    },
    cancelExport: () => set({ draft: null, exportError: null, exportBusy: null }),

    supportMode: false,
    ...supportInitial,
    async enterSupport() {
      set({ supportMode: true, error: null });
      if (get().overview) return;
      try {
        const overview = await call('diagnostic.current', {});
        if (overview && get().supportMode) await show(overview);
      } catch (err) {
        set({ error: shownError(err) });
      }
    },
    leaveSupport: () => set({ supportMode: false }),
    async restore() {
      try {
        const overview = await call('diagnostic.current', {});
        if (overview) {
          set({ supportMode: true });
          await show(overview);
        }
      } catch {
        // Nothing to reopen: the app starts as usual.
      }
    },
    async openFile(text) {
      const mine = ++opening;
      ++stepping;
      const parts = splitParts(text);
      const upload = newUploadId();
      set({ ...supportInitial, busy: 'open', upload: { done: 0, total: parts.length } });
      try {
        for (const [part, data] of parts.entries()) {
          const answer = await call('diagnostic.open', { upload, part, parts: parts.length, data });
          if (mine !== opening) return;
          set({ upload: { done: part + 1, total: parts.length } });
          if (answer.state === 'locked') set({ locked: true });
          else if (answer.state === 'open' && answer.overview) await show(answer.overview);
        }
      } catch (err) {
        if (mine === opening) set({ error: shownError(err) });
      } finally {
        if (mine === opening) set({ upload: null, ...(get().busy === 'open' ? { busy: null } : {}) });
      }
    },
    async unlock(password) {
      const mine = ++opening;
      set({ busy: 'unlock', error: null });
      try {
        const overview = await call('diagnostic.unlock', { password });
        if (mine === opening) {
          set({ busy: null });
          await show(overview);
        }
      } catch (err) {
        if (mine === opening) set({ error: shownError(err) });
      } finally {
        if (mine === opening && get().busy === 'unlock') set({ busy: null });
      }
    },
    async selectSchool(uai) {
      const school = get().overview?.schools.find((s) => s.uai === uai);
      set({ school: uai, step: null, selected: null });
      if (!school || !school.replayable || school.timeline.length === 0) return;
      await get().goTo(school.timeline.length - 1);
    },
    async goTo(index) {
      const uai = get().school;
      if (!uai) return;
      const count = get().overview?.schools.find((s) => s.uai === uai)?.timeline.length ?? 0;
      if (index < 0 || index >= count) return;
      const mine = ++stepping;
      set({ busy: 'step', error: null, selected: index });
      try {
        const step = await call('diagnostic.step', { uai, index });
        if (mine === stepping) set({ step });
      } catch (err) {
        if (mine === stepping) set({ error: shownError(err) });
      } finally {
        if (mine === stepping) set({ busy: null });
      }
    },
    async close() {
      ++opening;
      ++stepping;
      set({ busy: 'close', error: null });
      try {
        await call('diagnostic.close', {});
        set({ ...supportInitial });
      } catch (err) {
        set({ error: shownError(err), busy: null });
      }
    },
    clearError: () => set({ error: null, exportError: null }),
  };
});
