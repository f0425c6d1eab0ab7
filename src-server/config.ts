/** Server constants: name, version (from package.json), default data folder. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_NAME = 'Passerelle — serveur ENT de référence';

function readVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8'));
    const v = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
export const SERVER_VERSION = readVersion();

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Default data folder: `$PASSERELLE_DATA_DIR`, else the user's data directory. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PASSERELLE_DATA_DIR) return env.PASSERELLE_DATA_DIR;
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'));
  return join(base, 'passerelle', 'ent-server');
}
