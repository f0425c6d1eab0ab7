import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readServerSentEvents } from '../../../../src-main/core/ent/sse';

describe('readServerSentEvents', () => {
  it('splits blocks across chunks, joins data lines, skips comments', async () => {
    const stream = Readable.from(['event: progress\ndata: {"a":', '1}\n\n: keep-alive\n\nevent: end\r\ndata: x\r\ndata: y\r\n\r\n', 'data: tail-without-blank-line']);
    const events = [];
    for await (const e of readServerSentEvents(stream)) events.push(e);
    expect(events).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'end', data: 'x\ny' },
    ]);
  });
});
