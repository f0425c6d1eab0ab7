/**
 * Where Passerelle keeps its data on this computer. `PASSERELLE_DATA_DIR` wins; otherwise the platform's
 * per-user application data folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.PASSERELLE_DATA_DIR) return env.PASSERELLE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Passerelle');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Passerelle');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'passerelle');
}

/** The reference server's own folder inside the app's data root (embedded default of `npm start`). */
export function embeddedServerDir(dataRoot: string): string {
  return join(dataRoot, 'serveur-ent');
}
