import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src-main/rpc/events';

describe('EventBus', () => {
  it('fans a valid payload out to every subscriber until they unsubscribe', () => {
    const bus = new EventBus();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = bus.subscribe((name, p) => a.push([name, p]));
    bus.subscribe((name, p) => b.push([name, p]));
    const payload = { task: 'pull:0131234X', step: 'roster', done: 1, total: 3 };
    bus.emit('progress', payload);
    offA();
    bus.emit('progress', { ...payload, done: 2 });
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    expect(bus.size).toBe(1);
  });

  it('refuses a payload that does not match the contract', () => {
    const bus = new EventBus();
    expect(() => bus.emit('progress', { task: 'x', step: 'y', done: -1, total: 1 })).toThrow();
  });

  it('keeps delivering when one subscriber throws', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('broken transport');
    });
    bus.subscribe((name) => seen.push(name));
    bus.emit('server.status', { url: 'http://x', reachable: true });
    expect(seen).toEqual(['server.status']);
  });
});
