/**
 * App slice: what this installation is and whether the ENT server answers (the offline banner). The server is
 * checked again every few seconds while it does not answer, less often while it does.
 */
import { create } from 'zustand';
import type { AppInfo, ServerStatus } from '../../src-shared/rpc';
import { call, on } from '../api';
import { shownError, type ShownError } from './errors';

const CHECK_OFFLINE_MS = 3_000;
const CHECK_ONLINE_MS = 10_000;

interface AppState {
  info: AppInfo | null;
  error: ShownError | null;
  checking: boolean;
  /** Set once the server was seen unreachable, cleared when it answers: the banner's state. */
  offline: boolean;
  load(): Promise<void>;
  checkServer(): Promise<ServerStatus | null>;
  setServer(url: string): Promise<boolean>;
  /** Subscribes to `server.status` and starts the periodic check; returns the cleanup. */
  watch(): () => void;
}

export const useAppStore = create<AppState>((set, get) => {
  const apply = (server: ServerStatus): void => {
    const info = get().info;
    set({ offline: !server.reachable, ...(info ? { info: { ...info, server } } : {}) });
  };
  return {
    info: null,
    error: null,
    checking: false,
    offline: false,
    async load() {
      try {
        const info = await call('app.info', {});
        set({ info, error: null, offline: !info.server.reachable });
      } catch (err) {
        set({ error: shownError(err) });
      }
    },
    async checkServer() {
      set({ checking: true });
      try {
        const server = await call('app.checkServer', {});
        apply(server);
        return server;
      } catch (err) {
        set({ error: shownError(err) });
        return null;
      } finally {
        set({ checking: false });
      }
    },
    async setServer(url) {
      try {
        const server = await call('app.setServer', { url });
        apply(server);
        await get().load();
        return true;
      } catch (err) {
        set({ error: shownError(err) });
        return false;
      }
    },
    watch() {
      const off = on('server.status', apply);
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      const tick = async (): Promise<void> => {
        await get().checkServer();
        if (!stopped) timer = setTimeout(() => void tick(), get().offline ? CHECK_OFFLINE_MS : CHECK_ONLINE_MS);
      };
      timer = setTimeout(() => void tick(), get().offline ? CHECK_OFFLINE_MS : CHECK_ONLINE_MS);
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        off();
      };
    },
  };
});
