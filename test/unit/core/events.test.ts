import { describe, expect, it } from 'vitest';
import { CoreEmitter } from '../../../src-main/core/events';

describe('CoreEmitter', () => {
  it('delivers typed events, survives a failing listener, unsubscribes', () => {
    const emitter = new CoreEmitter();
    const seen: string[] = [];
    emitter.on('progress', () => {
      throw new Error('closed window');
    });
    const off = emitter.on('progress', (p) => seen.push(`${p.task}:${p.done}/${p.total}`));
    emitter.on('school.changed', (e) => seen.push(e.uai));
    emitter.emit('progress', { task: 'pull:X', step: 's', done: 1, total: 4 });
    emitter.emit('school.changed', { uai: '0131234X' });
    off();
    emitter.emit('progress', { task: 'pull:X', step: 's', done: 2, total: 4 });
    expect(seen).toEqual(['pull:X:1/4', '0131234X']);
  });
});
