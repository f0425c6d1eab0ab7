import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY, mergePolicy, parsePolicyFile, type MachinePolicy } from '../../../../src-main/electron/policy';
import { decideUpdates, detectInstallKind, parseUpdateConfig, type InstallKind, type UpdateFacts } from '../../../../src-main/electron/updates';

const source = { kind: 'machine-file', location: 'C:\\ProgramData\\Passerelle\\passerelle-policy.json' } as const;
const policyFrom = (json: string): MachinePolicy => mergePolicy([parsePolicyFile(json, source)]);

// What electron-builder writes into resources/app-update.yml when built with -c.publish.provider=generic -c.publish.url=…
const APP_UPDATE_YML = 'provider: generic\nurl: https://maj.passerelle.example/desktop\nupdaterCacheDirName: passerelle-updater\n';
const buildConfig = parseUpdateConfig(APP_UPDATE_YML);

const facts = (overrides: Partial<UpdateFacts>): UpdateFacts => ({ isPackaged: true, installKind: 'nsis', policy: EMPTY_POLICY, buildConfig, ...overrides });

describe('automatic updates', () => {
  it('reads the feed electron-builder wrote into app-update.yml', () => {
    expect(buildConfig).toEqual({ provider: 'generic', url: 'https://maj.passerelle.example/desktop' });
    expect(parseUpdateConfig("provider: 'generic'\r\nurl: \"https://x.example/a\"\r\n")).toEqual({ provider: 'generic', url: 'https://x.example/a' });
    expect(parseUpdateConfig('owner: x\n')).toBeNull();
    expect(parseUpdateConfig(null)).toBeNull();
  });

  it('tells the kinds of install apart', () => {
    const exists = (files: string[]) => (p: string) => files.includes(p);
    const win = { platform: 'win32' as const, execPath: 'C:\\Program Files\\Passerelle\\Passerelle.exe', resourcesPath: 'C:\\Program Files\\Passerelle\\resources' };
    expect(detectInstallKind({ ...win, env: {}, exists: exists(['C:\\Program Files\\Passerelle\\Uninstall Passerelle.exe']) })).toBe('nsis');
    expect(detectInstallKind({ ...win, env: {}, exists: exists([]) })).toBe('windows-other');
    expect(detectInstallKind({ ...win, env: { PORTABLE_EXECUTABLE_DIR: 'E:\\' }, exists: exists(['C:\\Program Files\\Passerelle\\Uninstall Passerelle.exe']) })).toBe('portable');
    expect(detectInstallKind({ platform: 'darwin', env: {}, execPath: '/Applications/Passerelle.app/Contents/MacOS/Passerelle', resourcesPath: '', exists: exists([]) })).toBe('mac');
    const linux = { platform: 'linux' as const, execPath: '/opt/Passerelle/passerelle', resourcesPath: '/opt/Passerelle/resources' };
    expect(detectInstallKind({ ...linux, env: { APPIMAGE: '/home/e/Passerelle.AppImage' }, exists: exists([]) })).toBe('appimage');
    expect(detectInstallKind({ ...linux, env: {}, exists: exists(['/opt/Passerelle/resources/package-type']) })).toBe('deb');
    expect(detectInstallKind({ ...linux, env: {}, exists: exists([]) })).toBe('linux-other');
  });

  it('updates an NSIS, macOS or AppImage install from the build feed when nothing forbids it', () => {
    for (const installKind of ['nsis', 'mac', 'appimage'] as InstallKind[]) {
      expect(decideUpdates(facts({ installKind }))).toEqual({ enabled: true, feedUrl: 'https://maj.passerelle.example/desktop', overrideFeed: false });
    }
    expect(decideUpdates(facts({ policy: policyFrom('{ "updates": true }') }))).toMatchObject({ enabled: true });
  });

  it('lets the policy point to another https feed (a mirror)', () => {
    expect(decideUpdates(facts({ policy: policyFrom('{ "updateFeed": "https://miroir.ac-exemple.fr/passerelle/" }') }))).toEqual({
      enabled: true,
      feedUrl: 'https://miroir.ac-exemple.fr/passerelle',
      overrideFeed: true,
    });
  });

  it('stays off, with a French reason, in every other case', () => {
    const off: Array<[string, Partial<UpdateFacts>, RegExp]> = [
      ['development run', { isPackaged: false }, /version de développement/],
      ['policy updates: false', { policy: policyFrom('{ "updates": false }') }, /désactivées par la politique de la machine \(C:\\ProgramData/],
      ['refused policy file', { policy: policyFrom('{ "updates": tru }') }, /illisible ou invalide/],
      ['typo in a key', { policy: policyFrom('{ "update": false }') }, /illisible ou invalide/],
      ['policy feed over http', { policy: policyFrom('{ "updateFeed": "http://miroir.example" }') }, /illisible ou invalide/],
      ['MSI or copied folder', { installKind: 'windows-other' }, /MSI/],
      ['portable', { installKind: 'portable' }, /portable/],
      ['deb', { installKind: 'deb' }, /gestionnaire de paquets/],
      ['Linux without AppImage', { installKind: 'linux-other' }, /sans AppImage/],
      ['build without a feed', { buildConfig: null }, /construite sans flux/],
      ['build without a feed, policy feed', { buildConfig: null, policy: policyFrom('{ "updateFeed": "https://m.example" }') }, /ne suffit pas/],
      ['build feed over http', { buildConfig: { provider: 'generic', url: 'http://maj.example' } }, /https/],
      ['github provider', { buildConfig: { provider: 'github' } }, /non pris en charge/],
    ];
    for (const [name, overrides, reason] of off) {
      const decision = decideUpdates(facts(overrides));
      expect(decision.enabled, name).toBe(false);
      if (!decision.enabled) expect(decision.reason, name).toMatch(reason);
    }
  });

  it('never enables updates from a refused source, whatever a weaker source says', () => {
    const policy = mergePolicy([
      parsePolicyFile('{ "updates": "oui" }', source),
      parsePolicyFile('{ "updates": true, "updateFeed": "https://m.example" }', { kind: 'beside-executable', location: 'C:\\P\\passerelle-policy.json' }),
    ]);
    expect(policy.updates).toBe(true);
    expect(decideUpdates(facts({ policy })).enabled).toBe(false);
  });
});
