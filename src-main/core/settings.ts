/**
 * The app's own settings, chosen by the director in the settings screen: `<dataRoot>/settings.json` (no secret).
 * Today only the ENT server's address. Which server is used at startup, first match wins: the address given by
 * the host (PASSERELLE_SERVER_URL, `npm start`, `--server`) > this file > the machine-wide preset an IT department
 * deployed (the desktop app's policy file, `entUrl`: src-main/electron/policy.ts) > the last session's server >
 * the default. The preset comes before the last session so that a machine whose académie changes its ENT follows it.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readCurrentSession } from './user-folders';
import { keyedError } from '../../src-shared/messages';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';
export const SETTINGS_FILE_NAME = 'settings.json';

export const settingsSchema = z.object({ serverUrl: z.string().optional() });
export type Settings = z.infer<typeof settingsSchema>;

const settingsFile = (dataRoot: string): string => join(dataRoot, SETTINGS_FILE_NAME);

/** The settings file, or `{}` when it is missing or unreadable (a broken file never stops the app). */
export function readSettings(dataRoot: string): Settings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(settingsFile(dataRoot), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Written to a temporary file then renamed: a crash leaves the old settings or the new ones, never half. */
export function writeSettings(dataRoot: string, settings: Settings): void {
  mkdirSync(dataRoot, { recursive: true, mode: 0o700 });
  const target = settingsFile(dataRoot);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, target);
  } catch {
    rmSync(temporary, { force: true });
    throw keyedError('internal', 'settings.save-failed', "Impossible d'enregistrer les réglages dans le dossier des données de Passerelle. Vérifiez l'espace disque et les droits du dossier.");
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
/** A host name of this computer (an URL's `hostname`): localhost, 127.0.0.0/8, [::1]. */
export const isLoopback = (host: string): boolean => LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * The one rule for an ENT address (typed by a director, preset by an académie, given by a host, used by the
 * client): https, or http only for this computer (the reference server of `npm start`); no credentials in it;
 * normalised without a trailing slash. Anything else is a French `validation` error.
 */
export function parseServerUrl(input: string): string {
  const text = input.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw keyedError('validation', 'settings.url-invalid', 'Adresse de serveur invalide : « {url} ». Exemple : https://ent.example.fr', { url: text.slice(0, 100) });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw keyedError('validation', 'settings.url-https', "L'adresse du serveur de l'ENT doit commencer par https://, par exemple https://ent.example.fr");
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw keyedError('validation', 'settings.url-http-loopback', "Une adresse en http:// n'est acceptée que pour un serveur sur ce poste (localhost, 127.0.0.1) : l'ENT de l'académie s'adresse en https://.");
  }
  if (parsed.username || parsed.password) {
    throw keyedError('validation', 'settings.url-credentials', "L'adresse du serveur ne doit pas contenir d'identifiant ni de mot de passe : indiquez-la sous la forme https://ent.example.fr");
  }
  return parsed.toString().replace(/\/+$/, '');
}

function validOrNull(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return parseServerUrl(url);
  } catch {
    return null;
  }
}

/**
 * The server used at startup (see the file comment). An explicit address that is not valid is an error; a
 * preset, a setting or a session address that is not valid is skipped.
 */
export function resolveServerUrl(dataRoot: string, explicit?: string, machinePreset?: string): string {
  if (explicit) return parseServerUrl(explicit);
  return (
    validOrNull(readSettings(dataRoot).serverUrl) ??
    validOrNull(machinePreset) ??
    validOrNull(readCurrentSession(dataRoot)?.serverUrl) ??
    DEFAULT_SERVER_URL
  );
}
