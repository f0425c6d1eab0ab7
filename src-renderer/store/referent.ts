/**
 * Referent slice: the work on many schools at once — one proof of the old referent account, the board of the
 * schools (with live download and merge progress), downloads / sure pairs / confirmations / sendings of many schools,
 * the one review queue across schools, and the decisions as a spreadsheet. The only code with api/ calls about
 * many schools; a school's own screens stay the school slice's.
 */
import { create } from 'zustand';
import type { Decision } from '../../src-shared/domain/decisions';
import { stepReachable, type SchoolStep } from '../../src-shared/domain/school-lifecycle';
import type { ProgressPayload, RpcOutput } from '../../src-shared/rpc';
import { call, on } from '../api';
import type { MessageKey } from '../i18n';
import type { BoardState, QueueItem } from '../../src-shared/rpc/referent';
import { shownError, type ShownError } from './errors';
import { useSchoolStore } from './school';

export type Board = RpcOutput<'schools.board'>;
export type SortKey = 'name' | 'state' | 'undecided';
export type StateFilter = BoardState | 'all';
export type Proof = RpcOutput<'legacy.prove'>;
export type ImportResult = RpcOutput<'decisions.import'>;
type Busy = 'prove' | 'pull' | 'acceptAuto' | 'confirm' | 'push' | 'queue' | 'decide' | 'undo' | 'export' | 'import';

export interface Failure {
  uai: string;
  name: string;
  error: string;
}

export interface ReferentNotice {
  key: MessageKey;
  params: Record<string, string | number>;
}

export interface QueueState {
  /** The schools the queue covers, in the core's order (by name). */
  order: string[];
  bySchool: Map<string, QueueItem[]>;
  includeUnmatched: boolean;
  /** Every school's part has arrived. */
  loaded: boolean;
  /** Schools whose part is still on its way (the first ones show meanwhile). */
  pending: number;
}

interface ReferentState {
  /** Whose board this is (the signed-in login): another account starts from nothing. */
  owner: string | null;
  board: Board | null;
  loading: boolean;
  proof: Proof | null;
  view: 'board' | 'queue';
  query: string;
  stateFilter: StateFilter;
  sort: SortKey;
  selected: ReadonlySet<string>;
  /** Live progress: `pull-many` (every download), `pull:<uai>` and `merge:<uai>` per school. */
  progress: Record<string, ProgressPayload>;
  busy: Busy | null;
  error: ShownError | null;
  notice: ReferentNotice | null;
  /** Schools an action on many could not do, with the French reason. */
  failures: Failure[];
  queue: QueueState | null;
  /** Per school: whether its last decision can be undone (from the core's answers). */
  undoable: Record<string, boolean>;
  /** The last decision taken in the queue, for the screen reader's announcement. */
  announce: ReferentNotice | null;
  /** The school of the last decision taken in the queue (Ctrl+Z takes that school's last decision back). */
  lastDecided: string | null;
  imported: ImportResult | null;
  importError: ShownError | null;
  open(login: string): void;
  loadBoard(refresh?: boolean): Promise<void>;
  setQuery(query: string): void;
  setStateFilter(state: StateFilter): void;
  setSort(sort: SortKey): void;
  setSelected(selected: ReadonlySet<string>): void;
  clearMessages(): void;
  prove(login: string, password: string): Promise<boolean>;
  pullMany(uais: string[]): Promise<void>;
  acceptAutoMany(uais: string[]): Promise<void>;
  confirmMany(uais: string[]): Promise<boolean>;
  pushMany(uais: string[]): Promise<void>;
  openQueue(uais: string[]): Promise<void>;
  setIncludeUnmatched(include: boolean): Promise<void>;
  showBoard(): void;
  decide(uai: string, decision: Decision, announce: ReferentNotice): Promise<boolean>;
  undo(uai: string): Promise<void>;
  exportDecisions(uais: string[] | null): Promise<{ csv: string; fileName: string } | null>;
  importDecisions(content: string): Promise<boolean>;
  /** A file refused before it is sent (too large), said like the core's refusals. */
  refuseFile(message: string): void;
  dismissImport(): void;
  /** Opens one school in today's per-school flow, on a step when it can be opened. */
  openSchool(uai: string, step?: SchoolStep, classId?: string | null): Promise<void>;
  listen(): () => void;
}

const initial = {
  board: null,
  loading: false,
  proof: null,
  view: 'board' as const,
  query: '',
  stateFilter: 'all' as StateFilter,
  sort: 'name' as SortKey,
  selected: new Set<string>() as ReadonlySet<string>,
  progress: {},
  busy: null,
  error: null,
  notice: null,
  failures: [],
  queue: null,
  undoable: {},
  announce: null,
  lastDecided: null,
  imported: null,
  importError: null,
};

/** An import's result without the schools it no longer describes (undone, confirmed); none left: nothing to show. */
function withoutSchools(imported: ImportResult | null, uais: ReadonlySet<string>): ImportResult | null {
  if (!imported) return null;
  const schools = imported.schools.filter((s) => !uais.has(s.uai));
  return schools.length > 0 ? { ...imported, schools } : null;
}

/** Pairs of the queue's first request (shown at once) and of each next one; a school not downloaded counts as 50. */
const QUEUE_FIRST_PAIRS = 300;
const QUEUE_CHUNK_PAIRS = 1_500;
const QUEUE_UNKNOWN_WEIGHT = 50;

/** Splits the schools, in order, into requests: the first of about `first` pairs, the next of about `size`. */
export function chunksOf(order: readonly string[], weight: (uai: string) => number, first: number, size: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let sum = 0;
  for (const uai of order) {
    current.push(uai);
    sum += weight(uai);
    if (sum >= (chunks.length === 0 ? first : size)) {
      chunks.push(current);
      current = [];
      sum = 0;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Bounds of the pause between two board requests while changes keep arriving (twice the last request's time). */
const BOARD_GAP_MIN_MS = 250;
const BOARD_GAP_MAX_MS = 3_000;

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The queue's schools in the core's order (by name, then UAI). */
export function schoolOrder(uais: readonly string[], names: ReadonlyMap<string, string>): string[] {
  return [...uais].sort((a, b) => collator.compare(names.get(a) ?? a, names.get(b) ?? b) || a.localeCompare(b));
}

/** Groups a flat queue by school. */
export function groupBySchool(items: readonly QueueItem[]): Map<string, QueueItem[]> {
  const bySchool = new Map<string, QueueItem[]>();
  for (const item of items) {
    const list = bySchool.get(item.uai) ?? [];
    list.push(item);
    bySchool.set(item.uai, list);
  }
  return bySchool;
}

export const useReferentStore = create<ReferentState>((set, get) => {
  /** One board request at a time; changes arriving meanwhile ask for one more afterwards. */
  let inFlight: Promise<void> | null = null;
  let again: boolean | null = null;
  let epoch = 0;

  const nameOf = (uai: string): string => get().board?.rows.find((r) => r.uai === uai)?.name ?? uai;
  const failuresOf = (results: Array<{ uai: string; ok: boolean; error: string | null }>): Failure[] => results.filter((r) => !r.ok).map((r) => ({ uai: r.uai, name: nameOf(r.uai), error: r.error ?? '' }));

  async function run<T>(busy: Busy, action: () => Promise<T>): Promise<T | null> {
    const mine = epoch;
    set({ busy, error: null, notice: null, failures: [] });
    try {
      const value = await action();
      return mine === epoch ? value : null;
    } catch (err) {
      if (mine === epoch) set({ error: shownError(err) });
      return null;
    } finally {
      if (mine === epoch) set({ busy: null });
    }
  }

  async function fetchBoard(refresh: boolean): Promise<void> {
    const mine = epoch;
    set({ loading: true });
    try {
      const board = await call('schools.board', refresh ? { refresh: true } : {});
      if (mine !== epoch) return;
      // A school no longer downloading drops its download bar (the board says how it ended).
      const progress = { ...get().progress };
      for (const row of board.rows) if (row.state !== 'pulling') delete progress[`pull:${row.uai}`];
      set({ board, progress });
    } catch (err) {
      if (mine === epoch && !get().board) set({ error: shownError(err) });
    } finally {
      if (mine === epoch) set({ loading: false });
    }
  }

  /** Re-reads one school's part of the queue (after a decision or an undo there). */
  async function refreshQueueSchool(uai: string): Promise<void> {
    const q = get().queue;
    if (!q) return;
    const { items } = await call('queue.list', { uais: [uai], includeUnmatched: q.includeUnmatched });
    const current = get().queue;
    if (!current || !current.order.includes(uai)) return;
    const bySchool = new Map(current.bySchool);
    bySchool.set(uai, items);
    set({ queue: { ...current, bySchool } });
  }

  /** Adds a chunk's schools to the queue being shown (dropped when another queue replaced it). */
  function addChunk(order: string[], uais: readonly string[], items: QueueItem[]): boolean {
    const q = get().queue;
    if (q?.order !== order) return false;
    const grouped = groupBySchool(items);
    const bySchool = new Map(q.bySchool);
    for (const uai of uais) bySchool.set(uai, grouped.get(uai) ?? []);
    set({ queue: { ...q, bySchool, pending: Math.max(0, q.pending - uais.length) } });
    return true;
  }

  /**
   * The queue, first schools first: a small first request so the first rows show at once, then the other schools in
   * requests of about `QUEUE_CHUNK_PAIRS` pairs (sizes from the board's counts), appended below in the same order.
   */
  async function loadQueue(order: string[], includeUnmatched: boolean): Promise<void> {
    set({ queue: { order, bySchool: new Map(), includeUnmatched, loaded: false, pending: order.length } });
    const weight = new Map((get().board?.rows ?? []).map((r) => [r.uai, r.counts ? r.counts.undecided + (includeUnmatched ? r.counts.unmatchedNew + r.counts.unmatchedOld : 0) : QUEUE_UNKNOWN_WEIGHT]));
    const chunks = chunksOf(order, (uai) => weight.get(uai) ?? QUEUE_UNKNOWN_WEIGHT, QUEUE_FIRST_PAIRS, QUEUE_CHUNK_PAIRS);
    const [first, ...rest] = chunks;
    if (!first) {
      const q = get().queue;
      if (q?.order === order) set({ queue: { ...q, loaded: true } });
      return;
    }
    const head = await call('queue.list', { uais: first, includeUnmatched });
    if (!addChunk(order, first, head.items)) return;
    void (async () => {
      try {
        for (const chunk of rest) {
          const { items } = await call('queue.list', { uais: chunk, includeUnmatched });
          if (!addChunk(order, chunk, items)) return;
        }
      } catch (err) {
        if (get().queue?.order === order) set({ error: shownError(err) });
      } finally {
        const q = get().queue;
        if (q?.order === order) set({ queue: { ...q, loaded: true, pending: 0 } });
      }
    })();
  }

  return {
    ...initial,
    owner: null,
    open(login) {
      if (get().owner === login) return;
      epoch++;
      inFlight = null;
      again = null;
      set({ ...initial, selected: new Set(), owner: login });
    },
    async loadBoard(refresh = false) {
      if (inFlight) {
        again = (again ?? false) || refresh;
        return inFlight;
      }
      inFlight = (async () => {
        let next: boolean | null = refresh;
        while (next !== null) {
          again = null;
          const started = performance.now();
          await fetchBoard(next);
          next = again;
          // Changes keep coming (300 downloads each say so twice): a breath between two boards, so the core works on the schools.
          if (next !== null) await new Promise((r) => setTimeout(r, Math.min(BOARD_GAP_MAX_MS, Math.max(BOARD_GAP_MIN_MS, 2 * (performance.now() - started)))));
        }
      })().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    setQuery: (query) => set({ query }),
    setStateFilter: (stateFilter) => set({ stateFilter }),
    setSort: (sort) => set({ sort }),
    setSelected: (selected) => set({ selected }),
    clearMessages: () => set({ error: null, notice: null, failures: [], imported: null, importError: null }),
    async prove(login, password) {
      const proof = await run('prove', () => call('legacy.prove', { login, password }));
      if (!proof) return false;
      set({ proof });
      await get().loadBoard();
      return true;
    },
    async pullMany(uais) {
      if (uais.length === 0) return;
      const results = await run('pull', async () => {
        set({ progress: { ...get().progress, 'pull-many': { task: 'pull-many', step: 'schools', done: 0, total: uais.length } } });
        return (await call('schools.pullMany', { uais })).results;
      });
      const progress = { ...get().progress };
      delete progress['pull-many'];
      set({ progress });
      if (results) {
        const ok = results.filter((r) => r.ok).length;
        set({ notice: { key: 'referent.notice.pulled', params: { n: ok } }, failures: failuresOf(results) });
      }
      await get().loadBoard();
    },
    async acceptAutoMany(uais) {
      if (uais.length === 0) return;
      const results = await run('acceptAuto', async () => (await call('schools.acceptAutoMany', { uais })).results);
      if (results) {
        const accepted = results.reduce((n, r) => n + r.accepted, 0);
        const schools = results.filter((r) => r.ok && r.accepted > 0).length;
        set({ notice: { key: 'referent.notice.accepted', params: { n: accepted, schools } }, failures: failuresOf(results) });
        const undoable = { ...get().undoable };
        for (const r of results) if (r.ok && r.accepted > 0) undoable[r.uai] = true;
        set({ undoable });
      }
      await get().loadBoard();
    },
    async confirmMany(uais) {
      if (uais.length === 0) return false;
      const results = await run('confirm', async () => (await call('schools.confirmMany', { uais })).results);
      if (results) {
        // A confirmed batch is frozen: no undo any more, an import result shown for it is over.
        const done = new Set(results.filter((r) => r.ok).map((r) => r.uai));
        const undoable = { ...get().undoable };
        for (const uai of done) undoable[uai] = false;
        const imported = get().imported;
        set({
          notice: { key: 'referent.notice.confirmed', params: { n: done.size } },
          failures: failuresOf(results),
          undoable,
          imported: withoutSchools(imported, done),
        });
      }
      await get().loadBoard();
      return results !== null && results.every((r) => r.ok);
    },
    async pushMany(uais) {
      if (uais.length === 0) return;
      const results = await run('push', async () => (await call('schools.pushMany', { uais })).results);
      if (results) set({ notice: { key: 'referent.notice.pushed', params: { n: results.filter((r) => r.ok).length } }, failures: failuresOf(results) });
      await get().loadBoard();
    },
    async openQueue(uais) {
      const names = new Map((get().board?.rows ?? []).map((r) => [r.uai, r.name]));
      const order = schoolOrder(uais, names);
      set({ view: 'queue', announce: null });
      await run('queue', () => loadQueue(order, get().queue?.includeUnmatched ?? false));
    },
    async setIncludeUnmatched(include) {
      const q = get().queue;
      if (!q) return;
      await run('queue', () => loadQueue(q.order, include));
    },
    showBoard() {
      set({ view: 'board', error: null, notice: null, failures: [], announce: null });
      void get().loadBoard();
    },
    async decide(uai, decision, announce) {
      if (get().busy === 'decide') return false;
      const done = await run('decide', async () => {
        const ack = await call('school.decide', { uai, decision });
        set({ undoable: { ...get().undoable, [uai]: ack.status.canUndo }, lastDecided: uai });
        await refreshQueueSchool(uai);
        set({ announce });
        return true;
      });
      return done === true;
    },
    async undo(uai) {
      await run('undo', async () => {
        const ack = await call('school.undo', { uai });
        set({ undoable: { ...get().undoable, [uai]: ack.status.canUndo }, announce: { key: 'queue.undone', params: { school: nameOf(uai) } } });
        await refreshQueueSchool(uai);
        // An import taken back: the board's counts move too.
        set({ imported: withoutSchools(get().imported, new Set([uai])) });
      });
      void get().loadBoard();
    },
    async exportDecisions(uais) {
      return run('export', async () => {
        const out = await call('decisions.export', uais && uais.length > 0 ? { uais } : {});
        return { csv: out.csv, fileName: out.fileName };
      });
    },
    async importDecisions(content) {
      set({ imported: null, importError: null });
      const mine = epoch;
      set({ busy: 'import', error: null, notice: null, failures: [] });
      try {
        const imported = await call('decisions.import', { content });
        if (mine !== epoch) return false;
        const undoable = { ...get().undoable };
        for (const s of imported.schools) undoable[s.uai] = true;
        set({ imported, undoable });
        const q = get().queue;
        if (q) for (const s of imported.schools) if (q.order.includes(s.uai)) await refreshQueueSchool(s.uai);
        return true;
      } catch (err) {
        if (mine === epoch) set({ importError: shownError(err) });
        return false;
      } finally {
        if (mine === epoch) set({ busy: null });
        void get().loadBoard();
      }
    },
    refuseFile: (message) => set({ imported: null, importError: { code: 'validation', message, problems: [] } }),
    dismissImport: () => set({ importError: null }),
    async openSchool(uai, step, classId) {
      const school = useSchoolStore.getState();
      await school.select(uai);
      const after = useSchoolStore.getState();
      if (!step || after.uai !== uai || !after.status) return;
      if (!stepReachable(step, after.status.phase, after.workspace !== null)) return;
      if (step === 'pupils') after.openPupils(classId ?? null);
      else after.go(step);
    },
    listen() {
      const offProgress = on('progress', (payload) => {
        const kind = payload.task.split(':')[0];
        if (kind !== 'pull-many' && kind !== 'pull' && kind !== 'merge') return;
        const progress = { ...get().progress, [payload.task]: payload };
        // Every download ended (its last event may arrive after the answer): no overall bar left behind.
        if (kind === 'pull-many' && payload.done >= payload.total) delete progress[payload.task];
        set({ progress });
      });
      const offChanged = on('school.changed', () => void get().loadBoard());
      return () => {
        offProgress();
        offChanged();
      };
    },
  };
});
