/**
 * No installer can be built here (no Electron binary), so electron-builder.yml is checked as data: electron-builder's
 * own loader and schema (app-builder-lib, a dependency of electron-builder), then what the school deployment needs.
 * The YAML is read with js-yaml, present in node_modules through electron-builder and electron-updater (no types:
 * loaded with createRequire and given the small interface used here).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../../src-main/electron/updates';

const root = resolve(import.meta.dirname, '../../..');
const requireFromRoot = createRequire(join(root, 'package.json'));
const yaml = requireFromRoot('js-yaml') as { load(text: string): unknown };
const builderConfig = requireFromRoot('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: object | null): Promise<Record<string, unknown>>;
  validateConfiguration(config: object, debugLogger: object): Promise<void>;
};
const { DebugLogger } = requireFromRoot('builder-util') as { DebugLogger: new (enabled: boolean) => object };

type Target = { target: string; arch?: string[] };
interface BuilderYml {
  appId: string;
  productName: string;
  electronVersion: string;
  files: string[];
  extraMetadata: { main: string };
  asar: boolean;
  asarUnpack: string[];
  forceCodeSigning: boolean;
  publish: unknown;
  electronFuses: Record<string, boolean>;
  win: { target: Target[]; [key: string]: unknown };
  nsis: { oneClick: boolean; perMachine: boolean; allowElevation?: boolean; [key: string]: unknown };
  msi: { oneClick: boolean; perMachine: boolean; runAfterFinish: boolean; upgradeCode: string };
  portable: { requestExecutionLevel: string };
  mac: { target: Target[]; notarize: unknown; [key: string]: unknown };
  linux: { target: Target[]; [key: string]: unknown };
  [key: string]: unknown;
}

const ymlText = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const yml = yaml.load(ymlText) as BuilderYml;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
const electronPkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };

function targets(platform: { target: Target[] }): Map<string, string[]> {
  return new Map(platform.target.map((t) => [t.target, t.arch ?? []]));
}

/** Every key and string anywhere in the configuration, with its path. */
function walk(value: unknown, path = ''): Array<{ path: string; key: string; value: unknown }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => walk(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [{ path: `${path}.${k}`, key: k, value: v }, ...walk(v, `${path}.${k}`)]);
  }
  return [];
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own loader and schema, with and without a build-time update feed", { timeout: 60_000 }, async () => {
    const loaded = await builderConfig.getConfig(root, null, null);
    expect(loaded.appId).toBe(yml.appId);
    await builderConfig.validateConfiguration(structuredClone(loaded), new DebugLogger(false));
    // What `-c.publish.provider=generic -c.publish.url=…` gives (README: builds that update themselves).
    const withFeed = await builderConfig.getConfig(root, null, { publish: { provider: 'generic', url: 'https://maj.example.fr/passerelle' } });
    expect(withFeed.publish).toEqual({ provider: 'generic', url: 'https://maj.example.fr/passerelle' });
    await builderConfig.validateConfiguration(structuredClone(withFeed), new DebugLogger(false));
    // The schema really is checked: a misspelt fuse is refused.
    await expect(builderConfig.validateConfiguration({ ...structuredClone(loaded), electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('builds every installer a school IT department asks for', () => {
    const win = targets(yml.win);
    for (const t of ['nsis', 'msi', 'portable']) expect(win.get(t), `win ${t}`).toContain('x64');
    const mac = targets(yml.mac);
    for (const t of ['dmg', 'zip']) expect(mac.get(t), `mac ${t}`).toEqual(expect.arrayContaining(['x64', 'arm64']));
    const linux = targets(yml.linux);
    for (const t of ['AppImage', 'deb']) expect(linux.get(t), `linux ${t}`).toContain('x64');
  });

  it('offers per-user and per-machine NSIS installs, a per-machine MSI for GPO and a portable build without admin rights', () => {
    // oneClick false + perMachine false = the install-mode page (silent: /S /currentuser or /S /allusers).
    expect(yml.nsis).toMatchObject({ oneClick: false, perMachine: false });
    expect(yml.nsis.allowElevation).not.toBe(false);
    expect(yml.msi).toMatchObject({ oneClick: true, perMachine: true, runAfterFinish: false });
    expect(yml.msi.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(yml.portable.requestExecutionLevel).toBe('user');
    // The three Windows files never share a name.
    const names = ['nsis', 'msi', 'portable'].map((t) => (yml[t] as { artifactName?: string }).artifactName);
    expect(new Set(names).size).toBe(3);
  });

  it('flips the Electron fuses', () => {
    expect(yml.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar needs the app inside an asar archive; the native module is unpacked beside it.
    expect(yml.asar).toBe(true);
    expect(yml.asarUnpack).toContain('**/*.node');
  });

  it('packs the built app only, never a source folder', () => {
    expect(yml.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'package.json']));
    for (const pattern of yml.files.filter((p) => !p.startsWith('!'))) {
      expect(pattern, pattern).toMatch(/^(dist\/renderer\/|dist-electron\/|package\.json$)/);
      expect(pattern, pattern).not.toMatch(/^(src-|test|scripts|docs|resources|node_modules|\*)/);
    }
    for (const key of ['extraResources', 'extraFiles']) expect(yml[key], key).toBeUndefined();
    expect(yml.extraMetadata.main).toBe(pkg.main);
    expect(yml.productName).toBe(PRODUCT_NAME);
    expect(yml.electronVersion).toBe(electronPkg.version);
  });

  it('signs only from the environment, and builds without it', () => {
    const secretKeys = /^(cscLink|cscKeyPassword|certificateFile|certificatePassword|certificateSha1|certificateSubjectName|identity|appleId|appleIdPassword|teamId|keychain|password|apiKey)$/i;
    for (const entry of walk(yml)) {
      expect(secretKeys.test(entry.key), `${entry.path} : la signature vient des variables d'environnement, pas du fichier`).toBe(false);
      // `${env.X}` fails the build when X is absent: nothing in this file may require a variable.
      if (typeof entry.value === 'string') expect(entry.value, entry.path).not.toContain('${env.');
    }
    expect(yml.forceCodeSigning).toBe(false);
    expect(yml.win.forceCodeSigning).not.toBe(true);
    // true = notarise when the APPLE_* variables exist (skipped with a warning otherwise), never credentials here.
    expect(typeof yml.mac.notarize).toBe('boolean');
    expect(yml.win.signtoolOptions).toBeUndefined();
    expect(ymlText).toMatch(/CSC_LINK/);
    expect(ymlText).toMatch(/APPLE_API_KEY/);
  });

  it('has no update feed unless one is given when building', () => {
    expect(yml.publish).toBeNull();
    for (const entry of walk(yml)) if (entry.key === 'publish') expect(entry.path).toBe('.publish');
  });
});

describe('src-main/electron/main.ts (the packaged window never loads the file protocol)', () => {
  const main = readFileSync(join(root, 'src-main', 'electron', 'main.ts'), 'utf8');

  it('loads the window through the pure windowEntryUrl, registers app:// before ready', () => {
    expect(main).not.toMatch(/loadFile\(/);
    expect(main).not.toMatch(/file:\/\//);
    expect(main).not.toMatch(/pathToFileURL/);
    expect(main).toMatch(/\.loadURL\(windowEntryUrl\(app\.isPackaged\)\)/);
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME, serveRenderer\)/);
    const register = main.indexOf('protocol.registerSchemesAsPrivileged(');
    expect(register).toBeGreaterThan(0);
    expect(register).toBeLessThan(main.indexOf('whenReady()'));
  });

  it('keeps developer tools out of a packaged app and the French menu in', () => {
    expect(main).toMatch(/devTools: !app\.isPackaged/);
    expect(main).toMatch(/Menu\.setApplicationMenu\(Menu\.buildFromTemplate\(applicationMenuTemplate\(/);
    expect(main).not.toMatch(/openDevTools\(/);
  });
});
