/**
 * The machine-wide policy an IT department deploys with the app (README, « Déployer sur les postes des écoles »):
 *
 *   { "entUrl": "https://ent.ac-exemple.fr", "updates": false, "updateFeed": "https://maj.ac-exemple.fr/passerelle" }
 *
 * every key optional, no other key allowed. Sources, strongest first (a key set by a stronger source wins):
 *   1. Windows only: registry values under HKLM\SOFTWARE\Policies\Passerelle (a GPO): `EntUrl` (REG_SZ),
 *      `Updates` (REG_DWORD 0 or 1), `UpdateFeed` (REG_SZ); read with reg.exe, no native module;
 *   2. the OS's machine-wide folder: %ProgramData%\Passerelle\, /etc/passerelle/,
 *      /Library/Application Support/Passerelle/ — file passerelle-policy.json;
 *   3. passerelle-policy.json beside the executable (Windows and Linux; the portable build's own folder, the
 *      AppImage's folder).
 * A source that cannot be read or does not follow the schema is ignored as a whole, a French message says why,
 * and updates are switched off (an administrator meant to set something: never enable updates on a guess).
 * Reading is injected (files, registry) so every rule is tested under plain Node; this file never imports `electron`.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { z } from 'zod';
import { parseServerUrl, resolveServerUrl } from '../core';

export const POLICY_FILE_NAME = 'passerelle-policy.json';
export const POLICY_REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\Passerelle';
const POLICY_KEYS = ['entUrl', 'updates', 'updateFeed'] as const;

export interface PolicyValues {
  entUrl?: string;
  updates?: boolean;
  updateFeed?: string;
}
type PolicyKey = keyof PolicyValues;

export interface PolicySource {
  kind: 'registry' | 'machine-file' | 'beside-executable';
  location: string;
}

/** One source as read: `values` null when the source is absent or was refused (then `problems` says why). */
export interface PolicyReading {
  source: PolicySource;
  values: PolicyValues | null;
  problems: string[];
}

export interface MachinePolicy extends PolicyValues {
  /** Some source exists but was refused: updates are off whatever the other sources say. */
  invalid: boolean;
  /** French, one line each, for the log. */
  problems: string[];
  /** Where each value came from (a path or the registry key), for the log and the update decision's message. */
  from: Partial<Record<PolicyKey, string>>;
}

export const EMPTY_POLICY: MachinePolicy = { invalid: false, problems: [], from: {} };

const policySchema = z.strictObject({
  entUrl: z.string().optional(),
  updates: z.boolean().optional(),
  updateFeed: z.string().optional(),
});

/** The machine-wide file and the file beside the executable, strongest first (the registry comes before both). */
export function policyFileSources(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, execPath: string): PolicySource[] {
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    // The portable build runs from a temporary copy: its own folder is the one the launcher was started from.
    const exeDir = env.PORTABLE_EXECUTABLE_DIR ?? nodePath.win32.dirname(execPath);
    return [
      { kind: 'machine-file', location: nodePath.win32.join(programData, 'Passerelle', POLICY_FILE_NAME) },
      { kind: 'beside-executable', location: nodePath.win32.join(exeDir, POLICY_FILE_NAME) },
    ];
  }
  if (platform === 'darwin') {
    // Beside the executable would be inside the signed .app bundle: not a place for a deployed file.
    return [{ kind: 'machine-file', location: nodePath.posix.join('/Library/Application Support/Passerelle', POLICY_FILE_NAME) }];
  }
  // An AppImage runs from a temporary mount: its own folder is the one holding the .AppImage file.
  const exeDir = env.APPIMAGE ? nodePath.posix.dirname(env.APPIMAGE) : nodePath.posix.dirname(execPath);
  return [
    { kind: 'machine-file', location: nodePath.posix.join('/etc/passerelle', POLICY_FILE_NAME) },
    { kind: 'beside-executable', location: nodePath.posix.join(exeDir, POLICY_FILE_NAME) },
  ];
}

const ignored = "elle est ignorée et les mises à jour automatiques sont désactivées par prudence";

function refused(source: PolicySource, why: string): PolicyReading {
  return { source, values: null, problems: [`Politique de la machine refusée (${source.location}) : ${why} ; ${ignored}.`] };
}

/** The checks both kinds of source share: the ENT address as the settings screen accepts it, an https feed. */
function checkValues(source: PolicySource, raw: PolicyValues): PolicyReading {
  const values: PolicyValues = {};
  const problems: string[] = [];
  if (raw.entUrl !== undefined) {
    try {
      values.entUrl = parseServerUrl(raw.entUrl);
    } catch (err) {
      problems.push(`« entUrl » : ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (raw.updateFeed !== undefined) {
    const feed = checkUpdateFeed(raw.updateFeed);
    if (feed.ok) values.updateFeed = feed.url;
    else problems.push(`« updateFeed » : ${feed.message}`);
  }
  if (raw.updates !== undefined) values.updates = raw.updates;
  if (problems.length > 0) return refused(source, problems.join(' ; '));
  return { source, values, problems: [] };
}

/** An update feed: https only (the installers it lists are run on the machine), no credentials in it. */
export function checkUpdateFeed(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `adresse invalide « ${text.slice(0, 100)} » (exemple : https://maj.ac-exemple.fr/passerelle)` };
  }
  if (url.protocol !== 'https:') return { ok: false, message: "l'adresse du flux de mises à jour doit commencer par https://" };
  if (url.username || url.password) return { ok: false, message: "l'adresse du flux ne doit contenir ni identifiant ni mot de passe" };
  if (url.search || url.hash) return { ok: false, message: "l'adresse du flux ne doit contenir ni « ? » ni « # »" };
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length > 0 ? `« ${issue.path.join('.')} »` : 'le fichier';
  if (issue.code === 'unrecognized_keys') {
    return `clé inconnue ${issue.keys.map((k) => `« ${k} »`).join(', ')} (clés possibles : ${POLICY_KEYS.join(', ')})`;
  }
  if (issue.code === 'invalid_type') {
    if (issue.path.length === 0) return 'le fichier doit contenir un objet JSON, par exemple { "updates": false }';
    const expected = issue.expected === 'boolean' ? 'true ou false (sans guillemets)' : issue.expected === 'string' ? 'une adresse entre guillemets' : issue.expected;
    return `${key} doit valoir ${expected}`;
  }
  return `${key} : ${issue.message}`;
}

/** A policy file's text (a UTF-8 byte-order mark, as Notepad writes it, is accepted). */
export function parsePolicyFile(text: string, source: PolicySource): PolicyReading {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return refused(source, `ce n'est pas du JSON valide (${detail.slice(0, 120)})`);
  }
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) return refused(source, parsed.error.issues.map(describeIssue).join(' ; '));
  return checkValues(source, parsed.data);
}

const REGISTRY_SOURCE: PolicySource = { kind: 'registry', location: `registre ${POLICY_REGISTRY_KEY}` };
const REGISTRY_NAMES: Record<string, PolicyKey> = { enturl: 'entUrl', updates: 'updates', updatefeed: 'updateFeed' };

/**
 * `reg query HKLM\SOFTWARE\Policies\Passerelle` output: lines `    <name>    <REG_TYPE>    <data>` under the key's
 * name (reg.exe separates the columns with four spaces; type names are never translated). Value names are
 * case-insensitive, as in the registry. `null` output (the key does not exist) is no source at all.
 */
export function parseRegistryPolicy(output: string | null): PolicyReading {
  if (output === null) return { source: REGISTRY_SOURCE, values: null, problems: [] };
  const raw: PolicyValues = {};
  const problems: string[] = [];
  let seen = 0;
  for (const line of output.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/.exec(line.trimEnd());
    if (!match) continue;
    seen++;
    const [, name = '', type = '', data = ''] = match;
    const key = REGISTRY_NAMES[name.trim().toLowerCase()];
    if (!key) {
      problems.push(`valeur inconnue « ${name.trim()} » (valeurs possibles : EntUrl, Updates, UpdateFeed)`);
    } else if (key === 'updates') {
      if (type !== 'REG_DWORD' || !/^0x[01]$/i.test(data.trim())) problems.push('« Updates » doit être une valeur REG_DWORD égale à 0 ou 1');
      else raw.updates = data.trim() === '0x1';
    } else if (type !== 'REG_SZ' && type !== 'REG_EXPAND_SZ') {
      problems.push(`« ${name.trim()} » doit être une valeur REG_SZ (une chaîne)`);
    } else {
      raw[key] = data;
    }
  }
  if (seen === 0) return { source: REGISTRY_SOURCE, values: null, problems: [] };
  if (problems.length > 0) return refused(REGISTRY_SOURCE, problems.join(' ; '));
  return checkValues(REGISTRY_SOURCE, raw);
}

/** Readings strongest first → the policy: each key from the strongest source that sets it. */
export function mergePolicy(readings: PolicyReading[]): MachinePolicy {
  const policy: MachinePolicy = { invalid: false, problems: [], from: {} };
  for (const reading of readings) {
    policy.problems.push(...reading.problems);
    if (reading.problems.length > 0) policy.invalid = true;
    if (!reading.values) continue;
    for (const key of POLICY_KEYS) {
      const value = reading.values[key];
      if (value === undefined || policy[key] !== undefined) continue;
      (policy as PolicyValues)[key] = value as never;
      policy.from[key] = reading.source.location;
    }
  }
  return policy;
}

export interface PolicyEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** The file's text, or null when it does not exist. Other errors (rights…) are thrown. */
  readText?: (path: string) => Promise<string | null>;
  /** reg.exe's output for POLICY_REGISTRY_KEY, or null when the key does not exist. Windows only. */
  queryRegistry?: () => Promise<string | null>;
}

/** The default file reader: the text, or null when the file (or its folder) does not exist. */
export async function readPolicyText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw err;
  }
}

/** reg.exe by its full path (not found through PATH), no window, a few seconds at most. */
export function queryPolicyRegistry(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const regExe = nodePath.win32.join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'reg.exe');
  return new Promise((resolve, reject) => {
    execFile(regExe, ['query', POLICY_REGISTRY_KEY], { windowsHide: true, timeout: 5000, encoding: 'utf8' }, (err, stdout) => {
      if (!err) return resolve(stdout);
      // Exit code 1: the key does not exist — the usual case, no policy in the registry.
      if (typeof (err as { code?: unknown }).code === 'number' && (err as { code: number }).code === 1) return resolve(null);
      reject(err);
    });
  });
}

/** Every source read, never throws: a source that cannot be read is refused with its reason. */
export async function readMachinePolicy(environment: PolicyEnvironment): Promise<MachinePolicy> {
  const readText = environment.readText ?? readPolicyText;
  const readings: PolicyReading[] = [];
  if (environment.platform === 'win32') {
    try {
      readings.push(parseRegistryPolicy(await (environment.queryRegistry ?? (() => queryPolicyRegistry(environment.env)))()));
    } catch (err) {
      readings.push(refused(REGISTRY_SOURCE, `lecture impossible (${err instanceof Error ? err.message : String(err)})`));
    }
  }
  for (const source of policyFileSources(environment.platform, environment.env, environment.execPath)) {
    try {
      const text = await readText(source.location);
      readings.push(text === null ? { source, values: null, problems: [] } : parsePolicyFile(text, source));
    } catch (err) {
      readings.push(refused(source, `lecture impossible (${(err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err))})`));
    }
  }
  return mergePolicy(readings);
}

/** What the log says about the policy at startup (French): the refused sources as warnings, then what applies. */
export function describePolicy(policy: MachinePolicy): Array<{ level: 'warn' | 'info'; text: string }> {
  const lines: Array<{ level: 'warn' | 'info'; text: string }> = policy.problems.map((text) => ({ level: 'warn', text }));
  if (policy.entUrl) lines.push({ level: 'info', text: `Adresse de l'ENT préréglée pour ce poste : ${policy.entUrl} (${policy.from.entUrl}) ; le réglage de l'utilisateur reste prioritaire.` });
  if (policy.updates !== undefined) lines.push({ level: 'info', text: `Mises à jour automatiques ${policy.updates ? 'autorisées' : 'désactivées'} par la politique de la machine (${policy.from.updates}).` });
  if (policy.updateFeed) lines.push({ level: 'info', text: `Flux de mises à jour imposé : ${policy.updateFeed} (${policy.from.updateFeed}).` });
  return lines;
}

/**
 * The ENT server at startup: the host's explicit address (PASSERELLE_SERVER_URL) > the user's settings.json >
 * the machine's preset > the last session's server > the built-in default (core/settings.ts).
 */
export function serverUrlAtStartup(dataRoot: string, explicit: string | undefined, policy: MachinePolicy): string {
  return resolveServerUrl(dataRoot, explicit || undefined, policy.entUrl);
}
