/**
 * Server-sent events, one writer and one reader for the whole app: the reference ENT's merge progress and the
 * browser host's event stream are written with `sseWriter` (with a heartbeat comment, so a reader that gives up
 * after 30 s of silence never drops a stream that is merely waiting on a long chunk), and both the desktop core
 * and the renderer read with `sseReader` (eventsource-parser, the maintained parser). Platform-free: the caller
 * gives the write function and the timers.
 */
import { createParser } from 'eventsource-parser';

/** A reader gives up after this long without a byte (events or heartbeats). */
export const SSE_SILENCE_LIMIT_MS = 30_000;
/** A writer sends a heartbeat comment after this long without writing. */
export const SSE_HEARTBEAT_MS = 10_000;

export interface ServerSentEvent {
  event: string;
  data: string;
}

export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface SseWriter {
  send(event: string, data: unknown): void;
  close(): void;
}

/** Writes events (data as JSON) and a `: ping` comment whenever nothing was written for `heartbeatMs`. */
export function sseWriter(write: (chunk: string) => void, timers: Timers, heartbeatMs = SSE_HEARTBEAT_MS): SseWriter {
  let last = Date.now();
  const beat = timers.setInterval(() => {
    if (Date.now() - last >= heartbeatMs) {
      write(': ping\n\n');
      last = Date.now();
    }
  }, Math.max(250, Math.floor(heartbeatMs / 2)));
  return {
    send(event, data) {
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      last = Date.now();
    },
    close() {
      timers.clearInterval(beat);
    },
  };
}

/** Feeds text chunks as they arrive; calls `onEvent` for each complete event (comments and heartbeats skipped). */
export function sseReader(onEvent: (e: ServerSentEvent) => void): { feed(chunk: string): void; reset(): void } {
  const parser = createParser({ onEvent: (e) => onEvent({ event: e.event ?? 'message', data: e.data }) });
  return { feed: (chunk) => parser.feed(chunk), reset: () => parser.reset() };
}
