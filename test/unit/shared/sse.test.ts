/** The one SSE reader and writer of the app (src-shared/sse.ts): what one writes, the other reads back. */
import { describe, expect, it, vi } from 'vitest';
import { sseReader, sseWriter, type ServerSentEvent } from '../../../src-shared/sse';

describe('server-sent events', () => {
  it('reads blocks split across chunks, joins data lines, skips comments and heartbeats, accepts CRLF', () => {
    const events: ServerSentEvent[] = [];
    const reader = sseReader((e) => events.push(e));
    for (const chunk of ['event: progress\ndata: {"a":', '1}\n\n: keep-alive\n\nevent: end\r\ndata: x\r\ndata: y\r\n\r\n', 'data: tail-without-blank-line']) reader.feed(chunk);
    expect(events).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'end', data: 'x\ny' },
    ]);
  });

  it('writes events as JSON, and a heartbeat comment only after a silence', () => {
    vi.useFakeTimers();
    try {
      const chunks: string[] = [];
      const writer = sseWriter((c) => chunks.push(c), { setInterval, clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>) }, 1000);
      writer.send('progress', { done: 1, label: 'Élèves' });
      vi.advanceTimersByTime(900);
      expect(chunks).toHaveLength(1);
      vi.advanceTimersByTime(700);
      expect(chunks).toEqual(['event: progress\ndata: {"done":1,"label":"Élèves"}\n\n', ': ping\n\n']);
      writer.close();
      vi.advanceTimersByTime(5000);
      expect(chunks).toHaveLength(2);
      const read: ServerSentEvent[] = [];
      const reader = sseReader((e) => read.push(e));
      for (const c of chunks) reader.feed(c);
      expect(read.map((e) => JSON.parse(e.data))).toEqual([{ done: 1, label: 'Élèves' }]);
    } finally {
      vi.useRealTimers();
    }
  });
});
