/**
 * Whether the packaged app updates itself (electron-updater), and from where. Pure decisions, tested under plain
 * Node; main.ts only reads the files named here and calls electron-updater when the decision says so.
 *
 * The feed is set when the app is built (electron-builder `-c.publish.url=…`, which writes
 * `resources/app-update.yml`); the machine's policy may point it to another https address (`updateFeed`) or switch
 * updates off (`updates: false`). Updates are off, with the reason in French, whenever one of these holds:
 * not a packaged app, a refused policy, `updates: false`, no feed in the build, a kind of install electron-updater
 * must not touch (MSI or copied folder, portable, deb — their updates belong to the deployment tool).
 */
import * as nodePath from 'node:path';
import { checkUpdateFeed, type MachinePolicy } from './policy';

/** electron-builder.yml `productName` (checked by test/unit/packaging): names the NSIS uninstaller. */
export const PRODUCT_NAME = 'Passerelle';
export const UPDATE_CONFIG_FILE = 'app-update.yml';

export type InstallKind = 'nsis' | 'windows-other' | 'portable' | 'mac' | 'appimage' | 'deb' | 'linux-other';

export interface InstallFacts {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
  resourcesPath: string;
  exists: (path: string) => boolean;
}

/**
 * How this copy was installed. The NSIS installer (per-user or per-machine) leaves `Uninstall Passerelle.exe` beside
 * the executable, the MSI does not; the portable launcher sets PORTABLE_EXECUTABLE_DIR; an AppImage sets APPIMAGE;
 * the deb package has `resources/package-type` (the file electron-updater itself reads).
 */
export function detectInstallKind(facts: InstallFacts): InstallKind {
  if (facts.platform === 'win32') {
    if (facts.env.PORTABLE_EXECUTABLE_DIR) return 'portable';
    const uninstaller = nodePath.win32.join(nodePath.win32.dirname(facts.execPath), `Uninstall ${PRODUCT_NAME}.exe`);
    return facts.exists(uninstaller) ? 'nsis' : 'windows-other';
  }
  if (facts.platform === 'darwin') return 'mac';
  if (facts.env.APPIMAGE) return 'appimage';
  return facts.exists(nodePath.posix.join(facts.resourcesPath, 'package-type')) ? 'deb' : 'linux-other';
}

/** The two keys of electron-builder's app-update.yml that matter here (flat `key: value` lines, as it writes them). */
export function parseUpdateConfig(text: string | null): { provider: string; url?: string } | null {
  if (text === null) return null;
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (match) values[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  if (!values.provider) return null;
  return values.url ? { provider: values.provider, url: values.url } : { provider: values.provider };
}

export type UpdateDecision =
  | { enabled: true; feedUrl: string; /** the policy's feed replaces the build's (autoUpdater.setFeedURL) */ overrideFeed: boolean }
  | { enabled: false; reason: string };

export interface UpdateFacts {
  isPackaged: boolean;
  installKind: InstallKind;
  policy: MachinePolicy;
  /** parseUpdateConfig(resources/app-update.yml) */
  buildConfig: { provider: string; url?: string } | null;
}

const INSTALL_KIND_REASONS: Partial<Record<InstallKind, string>> = {
  'windows-other': "installation par MSI (ou dossier copié) : les mises à jour passent par l'outil de déploiement (GPO, SCCM…)",
  portable: 'version portable : remplacez le fichier Passerelle-Portable par la nouvelle version',
  deb: 'paquet deb : les mises à jour passent par le gestionnaire de paquets',
  'linux-other': "installation Linux sans AppImage : les mises à jour passent par l'outil de déploiement",
};

export function decideUpdates(facts: UpdateFacts): UpdateDecision {
  const off = (reason: string): UpdateDecision => ({ enabled: false, reason });
  if (!facts.isPackaged) return off('version de développement (non installée)');
  if (facts.policy.invalid) return off('la politique de la machine est illisible ou invalide (voir le message ci-dessus) : désactivées par prudence');
  if (facts.policy.updates === false) return off(`désactivées par la politique de la machine (${facts.policy.from.updates})`);
  const kindReason = INSTALL_KIND_REASONS[facts.installKind];
  if (kindReason) return off(kindReason);
  if (!facts.buildConfig) {
    const feedNote = facts.policy.updateFeed ? ' ; le flux « updateFeed » de la politique ne suffit pas sans celui de la construction' : '';
    return off(`cette version a été construite sans flux de mises à jour${feedNote}`);
  }
  if (facts.policy.updateFeed) return { enabled: true, feedUrl: facts.policy.updateFeed, overrideFeed: true };
  if (facts.buildConfig.provider !== 'generic' || !facts.buildConfig.url) {
    return off(`flux de la construction non pris en charge (fournisseur « ${facts.buildConfig.provider} » ; attendu : generic avec une adresse https)`);
  }
  const feed = checkUpdateFeed(facts.buildConfig.url);
  if (!feed.ok) return off(`flux de la construction refusé : ${feed.message}`);
  return { enabled: true, feedUrl: feed.url, overrideFeed: false };
}
