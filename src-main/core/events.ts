/** A small typed emitter for the core's events (progress bars, school state changes). */
import type { ProgressPayload } from '../../src-shared/rpc/events';

export interface CoreEvents {
  progress: ProgressPayload;
  /** A school's cached state changed (pull, decision, confirmation, sending, merge done). */
  'school.changed': { uai: string };
}
export type CoreEventName = keyof CoreEvents;
export type Listener<E extends CoreEventName> = (payload: CoreEvents[E]) => void;

export class CoreEmitter {
  private readonly listeners: { [E in CoreEventName]: Set<Listener<E>> } = { progress: new Set(), 'school.changed': new Set() };

  on<E extends CoreEventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void {
    for (const listener of this.listeners[event] as Set<Listener<E>>) {
      try {
        listener(payload);
      } catch {
        // A failing listener (a closed window) must never break the operation it observes.
      }
    }
  }
}
