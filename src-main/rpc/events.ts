/**
 * The event bus between the core and the transports: payloads are checked against the contract before
 * they are fanned out, so a renderer never receives an event it cannot parse.
 */
import { isRpcEventName, rpcEvents, type RpcEventName, type RpcEventPayload } from '../../src-shared/rpc';

export type EventListener = (name: RpcEventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends RpcEventName>(name: E, payload: RpcEventPayload<E>): void {
    if (!isRpcEventName(name)) throw new Error(`unknown event ${String(name)}`);
    const parsed = rpcEvents[name].parse(payload);
    for (const listener of this.listeners) {
      try {
        listener(name, parsed);
      } catch {
        // A broken transport must not stop the others.
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
