/**
 * The screen's copy of a workspace after a decision the core has already journaled: the same one-to-one rule
 * as the core's fold (a link replaces any link of either account), so the pupils screen updates without
 * re-reading the whole workspace. Undo, redo and accept-all re-read it from the core instead.
 */
import type { Decision } from '../../src-shared/domain/decisions';
import type { RpcOutput } from '../../src-shared/rpc';

export type Workspace = RpcOutput<'school.workspace'>;
type Link = Workspace['links'][number];

function setLink(links: Link[], link: Link): Link[] {
  return [...links.filter((l) => l.newId !== link.newId && l.oldId !== link.oldId), link];
}

/** Returns the workspace with `decision` (journaled as `seq`) applied, or null when only the core can tell. */
export function applyDecision(ws: Workspace, decision: Decision, seq: number): Workspace | null {
  switch (decision.kind) {
    case 'accept':
      return { ...ws, links: setLink(ws.links, { oldId: decision.oldId, newId: decision.newId, origin: 'proposal', seq }) };
    case 'link':
      return { ...ws, links: setLink(ws.links, { oldId: decision.oldId, newId: decision.newId, origin: 'manual', seq }) };
    case 'unlink':
      return { ...ws, links: ws.links.filter((l) => l.newId !== decision.newId) };
    case 'map-class':
      return { ...ws, classMap: [...ws.classMap.filter((c) => c.oldClassId !== decision.oldClassId), { oldClassId: decision.oldClassId, newClassId: decision.newClassId }] };
    case 'choose-apps':
      return { ...ws, apps: [...ws.apps.filter((a) => a.target !== decision.target), { target: decision.target, appIds: [...new Set(decision.appIds)] }] };
    case 'class-apps':
      return { ...ws, classApps: [...ws.classApps.filter((c) => c.oldClassId !== decision.oldClassId), { oldClassId: decision.oldClassId, appIds: [...new Set(decision.appIds)] }] };
    case 'opt-out':
      return { ...ws, optedOut: decision.optedOut ? [...new Set([...ws.optedOut, decision.oldId])] : ws.optedOut.filter((id) => id !== decision.oldId) };
    default:
      return null;
  }
}
