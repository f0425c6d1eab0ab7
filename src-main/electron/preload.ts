/**
 * Sandboxed preload: exposes exactly `invoke(method, input)` and `subscribe(event, cb)` for names of the
 * contract; anything else is refused here, before it reaches the main process (which checks again).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { AppError } from '../../src-shared/errors';
import { isRpcEventName, isRpcMethodName } from '../../src-shared/rpc';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './security';

const bridge = {
  invoke(method: unknown, input: unknown): Promise<unknown> {
    if (!isRpcMethodName(method)) {
      return Promise.resolve({ ok: false, error: new AppError('unknown-method').toShape() });
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input);
  },
  subscribe(event: unknown, callback: (payload: unknown) => void): () => void {
    if (!isRpcEventName(event) || typeof callback !== 'function') throw new Error('Événement inconnu');
    const listener = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) callback(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('passerelle', bridge);
