import { useEffect } from 'react';
import type { RpcOutput } from '../../../src-shared/rpc';
import { useReferentStore } from '../../store/referent';
import type { BoardRow } from './model';
import { useSessionStore } from '../../store/session';
import { Board } from './Board';
import { Queue } from './Queue';
import './referent.css';

type SchoolItem = RpcOutput<'schools.list'>[number];

/** The account manages several schools (a referent, a director of two schools): it gets the board, not the plain list. */
export function managesMany(schools: readonly SchoolItem[] | null): boolean {
  return (schools ?? []).filter((s) => s.roles.includes('director') || s.roles.includes('referent')).length > 1;
}

/** A merge the ENT has not finished saying (merging, or merged here while the ENT's last word is still « en cours »). */
const entMoving = (r: BoardRow): boolean => r.state === 'merging' || (r.state === 'merged' && r.ent !== null && (r.ent.status === 'accepted' || r.ent.status === 'running'));

/** How often the board is asked again while a school downloads, sends or merges (the events say the rest). */
const ACTIVE_POLL_MS = 3_000;

/** The referent's screens: the board of her schools, or the one review queue across them. */
export function Referent() {
  const login = useSessionStore((s) => s.account?.login ?? null);
  const view = useReferentStore((s) => s.view);
  const moving = useReferentStore((s) => (s.board ? s.board.pendingPulls.length > 0 || s.board.rows.some((r) => r.state === 'pulling' || r.state === 'sending' || r.state === 'confirmed' || entMoving(r)) : false));
  const merging = useReferentStore((s) => s.board?.rows.some(entMoving) ?? false);

  useEffect(() => {
    if (!login) return;
    const store = useReferentStore.getState();
    store.open(login);
    // Fresh from the ENT on each arrival (who reconciled what may have changed elsewhere); the last board shows meanwhile.
    void store.loadBoard(true);
  }, [login]);
  useEffect(() => useReferentStore.getState().listen(), []);
  useEffect(() => {
    if (!moving) return;
    // While merging, the ENT's own view is asked (a merge sent from elsewhere has no local events).
    const timer = setInterval(() => void useReferentStore.getState().loadBoard(merging), ACTIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [moving, merging]);

  return view === 'queue' ? <Queue /> : <Board />;
}
