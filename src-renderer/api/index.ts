/**
 * The renderer's one door to the main process, with the same interface over whichever transport exists:
 * the Electron preload bridge (`window.passerelle`) or the browser host (`POST /rpc/:method`, SSE on /events).
 * Only store/ calls this module.
 */
import { appErrorShape, type AppErrorShape } from '../../src-shared/errors';
import { rpcEvents, rpcMethods, type RpcEventName, type RpcEventPayload, type RpcInput, type RpcMethodName, type RpcOutput } from '../../src-shared/rpc';

export class RpcError extends Error {
  readonly code: AppErrorShape['code'];
  readonly problems: AppErrorShape['problems'];
  /** The message key and parameters the screens word in their language (i18n/errors-*.ts); `message` is the French default. */
  readonly key: string | undefined;
  readonly params: AppErrorShape['params'];
  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.code = shape.code;
    this.problems = shape.problems;
    this.key = shape.key;
    this.params = shape.params;
  }
}

interface Transport {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(event: string, callback: (payload: unknown) => void): () => void;
}

interface ElectronBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    passerelle?: ElectronBridge;
  }
}

const TOKEN_KEY = 'passerelle.token';

/** Takes the per-launch token from the address fragment once, then removes it from the address bar. */
function browserToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function browserTransport(): Transport {
  const token = browserToken();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;

  async function stream(): Promise<void> {
    streaming = true;
    try {
      const response = await fetch('/events', { headers: { Authorization: `Bearer ${token}` } });
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (name && data) for (const cb of listeners.get(name) ?? []) cb(JSON.parse(data));
        }
      }
    } catch {
      // The host went away: the next invoke reports it.
    } finally {
      streaming = false;
    }
  }

  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? {}),
        });
        return await response.json();
      } catch {
        return { ok: false, error: { code: 'offline', message: 'Passerelle ne répond plus : relancez-la puis rouvrez cette page.' } };
      }
    },
    subscribe(event, callback) {
      const set = listeners.get(event) ?? new Set();
      set.add(callback);
      listeners.set(event, set);
      if (!streaming) void stream();
      return () => set.delete(callback);
    },
  };
}

let transport: Transport | undefined;
function currentTransport(): Transport {
  transport ??= window.passerelle ?? browserTransport();
  return transport;
}

export async function call<M extends RpcMethodName>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>> {
  const raw = (await currentTransport().invoke(method, input)) as { ok?: unknown; value?: unknown; error?: unknown };
  if (raw && raw.ok === true) {
    const parsed = rpcMethods[method].output.safeParse(raw.value);
    if (parsed.success) return parsed.data as RpcOutput<M>;
  }
  const error = appErrorShape.safeParse(raw?.error);
  throw new RpcError(error.success ? error.data : { code: 'internal', message: 'Réponse inattendue de Passerelle.' });
}

export function on<E extends RpcEventName>(event: E, callback: (payload: RpcEventPayload<E>) => void): () => void {
  return currentTransport().subscribe(event, (payload) => {
    const parsed = rpcEvents[event].safeParse(payload);
    if (parsed.success) callback(parsed.data as RpcEventPayload<E>);
  });
}
