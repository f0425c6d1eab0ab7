/**
 * App slice: what this installation is and whether the ENT server answers (the offline banner). The core's
 * background work watches the server and sends `server.status` at each change; « Réessayer » asks at once.
 */
import { create } from 'zustand';
import type { AppInfo, ServerStatus } from '../../src-shared/rpc';
import { call, on } from '../api';
import { shownError, type ShownError } from './errors';

interface AppState {
  info: AppInfo | null;
  error: ShownError | null;
  checking: boolean;
  /** Set once the server was seen unreachable, cleared when it answers: the banner's state. */
  offline: boolean;
  load(): Promise<void>;
  checkServer(): Promise<ServerStatus | null>;
  setServer(url: string): Promise<boolean>;
  /** Subscribes to `server.status` (sent by the core at each change); returns the cleanup. */
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
      // The core watches the server (src-main/core/background.ts) and says each change: no polling here.
      return on('server.status', apply);
    },
  };
});
