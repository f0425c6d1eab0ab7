/**
 * Can an Electron window run here? Only when the binary was fetched (postinstall) and a display exists.
 * Nothing here imports `electron`'s API: `require('electron')` under Node only returns the binary's path.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export type HostChoice = { kind: 'electron'; binary: string } | { kind: 'browser'; reason: string };

export function chooseHost(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): HostChoice {
  if (env.PASSERELLE_HOST === 'browser') return { kind: 'browser', reason: 'PASSERELLE_HOST=browser' };
  const binary = electronBinary();
  if (!binary) return { kind: 'browser', reason: "Electron n'est pas installé sur cette machine (binaire non téléchargé)" };
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { kind: 'browser', reason: "pas d'affichage graphique (DISPLAY)" };
  return { kind: 'electron', binary };
}
