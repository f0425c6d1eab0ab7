/**
 * App slice: what this installation is and whether the ENT server answers. The only code that calls api/.
 */
import { create } from 'zustand';
import type { AppInfo, ServerStatus } from '../../src-shared/rpc';
import { call, on, RpcError } from '../api';

interface AppState {
  info: AppInfo | null;
  error: string | null;
  checking: boolean;
  load(): Promise<void>;
  checkServer(): Promise<void>;
  listen(): () => void;
}

function message(err: unknown): string {
  return err instanceof RpcError ? err.message : 'Une erreur inattendue s’est produite.';
}

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  error: null,
  checking: false,
  async load() {
    try {
      set({ info: await call('app.info', {}), error: null });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async checkServer() {
    set({ checking: true });
    try {
      const server = await call('app.checkServer', {});
      const info = get().info;
      if (info) set({ info: { ...info, server } });
    } catch (err) {
      set({ error: message(err) });
    } finally {
      set({ checking: false });
    }
  },
  listen() {
    return on('server.status', (server: ServerStatus) => {
      const info = get().info;
      if (info) set({ info: { ...info, server } });
    });
  },
}));
