/** Listens to the browser host's server-sent events (`GET /events` with the launch token), for the RPC tests. */
import { request } from 'node:http';
import type { BrowserHost } from '../../../src-main/host/server';

export interface EventStream {
  /** Waits a moment for the last events in flight, closes the stream and returns everything received. */
  close(): Promise<string>;
}

export async function listenToEvents(host: BrowserHost): Promise<EventStream> {
  const chunks: string[] = [];
  const sse = request({ host: '127.0.0.1', port: host.port, path: '/events', headers: { Authorization: `Bearer ${host.token}` } }, (res) => {
    res.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  });
  sse.on('error', () => undefined);
  sse.end();
  await new Promise((r) => setTimeout(r, 100));
  return {
    async close() {
      await new Promise((r) => setTimeout(r, 100));
      sse.destroy();
      return chunks.join('');
    },
  };
}
