import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EMPTY_POLICY,
  POLICY_FILE_NAME,
  describePolicy,
  mergePolicy,
  parsePolicyFile,
  parseRegistryPolicy,
  policyFileSources,
  readMachinePolicy,
  readPolicyText,
  serverUrlAtStartup,
  type PolicySource,
} from '../../../../src-main/electron/policy';
import { writeSettings } from '../../../../src-main/core/settings';
import { writeCurrentSession } from '../../../../src-main/core/user-folders';

const machineFile: PolicySource = { kind: 'machine-file', location: '/etc/passerelle/passerelle-policy.json' };
const besideExe: PolicySource = { kind: 'beside-executable', location: '/opt/Passerelle/passerelle-policy.json' };

// What `reg query HKLM\SOFTWARE\Policies\Passerelle` prints (CRLF, four-space columns).
const REG_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Passerelle',
  '    EntUrl    REG_SZ    https://ent.ac-exemple.fr/',
  '    Updates    REG_DWORD    0x0',
  '    UpdateFeed    REG_SZ    https://maj.ac-exemple.fr/passerelle/',
  '',
  '',
].join('\r\n');

describe('machine-wide policy', () => {
  let cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanup) c();
    cleanup = [];
  });
  const folder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-policy-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it('looks in the OS machine-wide folder, then beside the executable', () => {
    expect(policyFileSources('win32', { ProgramData: 'D:\\ProgramData' }, 'C:\\Program Files\\Passerelle\\Passerelle.exe')).toEqual([
      { kind: 'machine-file', location: 'D:\\ProgramData\\Passerelle\\passerelle-policy.json' },
      { kind: 'beside-executable', location: 'C:\\Program Files\\Passerelle\\passerelle-policy.json' },
    ]);
    expect(policyFileSources('win32', {}, 'C:\\P\\Passerelle.exe')[0]!.location).toBe('C:\\ProgramData\\Passerelle\\passerelle-policy.json');
    // The portable build runs from %TEMP%: its policy sits beside the .exe the user started.
    expect(policyFileSources('win32', { PORTABLE_EXECUTABLE_DIR: 'E:\\Cle USB' }, 'C:\\Users\\x\\AppData\\Local\\Temp\\abc\\Passerelle.exe')[1]!.location).toBe('E:\\Cle USB\\passerelle-policy.json');
    expect(policyFileSources('linux', {}, '/opt/Passerelle/passerelle')).toEqual([machineFile, besideExe]);
    expect(policyFileSources('linux', { APPIMAGE: '/home/ecole/Passerelle-0.1.0.AppImage' }, '/tmp/.mount_x/passerelle')[1]!.location).toBe('/home/ecole/passerelle-policy.json');
    expect(policyFileSources('darwin', {}, '/Applications/Passerelle.app/Contents/MacOS/Passerelle')).toEqual([
      { kind: 'machine-file', location: '/Library/Application Support/Passerelle/passerelle-policy.json' },
    ]);
    expect(POLICY_FILE_NAME).toBe('passerelle-policy.json');
  });

  it('reads a valid file, Notepad byte-order mark included, and normalises the addresses', () => {
    const text = '\uFEFF{ "entUrl": " https://ent.ac-exemple.fr/ ", "updates": false, "updateFeed": "https://maj.ac-exemple.fr/passerelle/" }';
    expect(parsePolicyFile(text, machineFile)).toEqual({
      source: machineFile,
      values: { entUrl: 'https://ent.ac-exemple.fr', updates: false, updateFeed: 'https://maj.ac-exemple.fr/passerelle' },
      problems: [],
    });
    expect(parsePolicyFile('{}', machineFile).values).toEqual({});
  });

  it('refuses a broken file as a whole, with a French reason naming the file', () => {
    const cases: Array<[string, RegExp]> = [
      ['{ "updates": false, }', /n'est pas du JSON valide/],
      ['', /n'est pas du JSON valide/],
      ['{ "updtes": false }', /clé inconnue « updtes » \(clés possibles : entUrl, updates, updateFeed\)/],
      ['{ "updates": "non" }', /« updates » doit valoir true ou false/],
      ['{ "entUrl": 42 }', /« entUrl » doit valoir une adresse entre guillemets/],
      ['[1, 2]', /doit contenir un objet JSON/],
      ['{ "entUrl": "ftp://ent.ac-exemple.fr" }', /« entUrl » : .*https:\/\//],
      ['{ "entUrl": "https://moi:secret@ent.ac-exemple.fr" }', /« entUrl » : .*identifiant/],
      ['{ "updateFeed": "http://maj.ac-exemple.fr" }', /« updateFeed » : .*https:\/\//],
      ['{ "updateFeed": "https://u:p@maj.ac-exemple.fr" }', /« updateFeed » : .*identifiant/],
      ['{ "updateFeed": "pas une adresse" }', /« updateFeed » : adresse invalide/],
    ];
    for (const [text, message] of cases) {
      const reading = parsePolicyFile(text, machineFile);
      expect(reading.values, text).toBeNull();
      expect(reading.problems, text).toHaveLength(1);
      expect(reading.problems[0], text).toMatch(message);
      expect(reading.problems[0], text).toContain('/etc/passerelle/passerelle-policy.json');
      expect(reading.problems[0], text).toContain('les mises à jour automatiques sont désactivées par prudence');
    }
    // A good entUrl beside a bad key is not applied either: the file is refused as a whole.
    expect(parsePolicyFile('{ "entUrl": "https://ent.ac-exemple.fr", "updates": 0 }', machineFile).values).toBeNull();
  });

  it('parses reg.exe output: names case-insensitive, Updates as a 0/1 DWORD', () => {
    expect(parseRegistryPolicy(REG_OUTPUT).values).toEqual({ entUrl: 'https://ent.ac-exemple.fr', updates: false, updateFeed: 'https://maj.ac-exemple.fr/passerelle' });
    expect(parseRegistryPolicy('\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Passerelle\r\n    updates    REG_DWORD    0x1\r\n').values).toEqual({ updates: true });
    expect(parseRegistryPolicy('\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Passerelle\r\n    EntUrl    REG_SZ    https://ent avec espace.fr\r\n').values).toBeNull();
    // No key, or a key without values: no source at all.
    expect(parseRegistryPolicy(null)).toMatchObject({ values: null, problems: [] });
    expect(parseRegistryPolicy('\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Passerelle\r\n\r\n')).toMatchObject({ values: null, problems: [] });
    const refused: Array<[string, RegExp]> = [
      ['    Updates    REG_SZ    0', /REG_DWORD égale à 0 ou 1/],
      ['    Updates    REG_DWORD    0x2', /REG_DWORD égale à 0 ou 1/],
      ['    EntUrl    REG_DWORD    0x1', /doit être une valeur REG_SZ/],
      ['    MisesAJour    REG_DWORD    0x0', /valeur inconnue « MisesAJour »/],
    ];
    for (const [line, message] of refused) {
      const reading = parseRegistryPolicy(`HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Passerelle\r\n${line}\r\n`);
      expect(reading.values, line).toBeNull();
      expect(reading.problems[0], line).toMatch(message);
      expect(reading.problems[0], line).toContain('HKLM\\SOFTWARE\\Policies\\Passerelle');
    }
  });

  it('merges key by key, strongest source first; a refused source turns updates off', () => {
    const registry = parseRegistryPolicy('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Passerelle\r\n    Updates    REG_DWORD    0x1\r\n');
    const file = parsePolicyFile('{ "entUrl": "https://ent.ac-exemple.fr", "updates": false }', machineFile);
    const beside = parsePolicyFile('{ "entUrl": "https://autre.example.fr", "updateFeed": "https://maj.example.fr" }', besideExe);
    const policy = mergePolicy([registry, file, beside]);
    expect(policy).toMatchObject({ entUrl: 'https://ent.ac-exemple.fr', updates: true, updateFeed: 'https://maj.example.fr', invalid: false, problems: [] });
    expect(policy.from).toEqual({ updates: 'registre HKLM\\SOFTWARE\\Policies\\Passerelle', entUrl: machineFile.location, updateFeed: besideExe.location });

    const broken = mergePolicy([parsePolicyFile('{ "updates": tru }', machineFile), beside]);
    expect(broken.invalid).toBe(true);
    expect(broken.entUrl).toBe('https://autre.example.fr');
    expect(broken.problems).toHaveLength(1);
    expect(mergePolicy([])).toEqual(EMPTY_POLICY);
  });

  it('reads the real files and the registry through the injected readers, never throwing', async () => {
    // Windows: a reader keyed by location stands for the disk, reg.exe's output for the registry.
    const files = new Map<string, string>([
      ['C:\\ProgramData\\Passerelle\\passerelle-policy.json', '{ "entUrl": "https://ent.ac-exemple.fr" }'],
      ['C:\\Program Files\\Passerelle\\passerelle-policy.json', '{ "updates": true }'],
    ]);
    const windows = await readMachinePolicy({
      platform: 'win32',
      env: {},
      execPath: 'C:\\Program Files\\Passerelle\\Passerelle.exe',
      readText: async (p) => files.get(p) ?? null,
      queryRegistry: async () => REG_OUTPUT,
    });
    expect(windows).toMatchObject({ entUrl: 'https://ent.ac-exemple.fr', updates: false, updateFeed: 'https://maj.ac-exemple.fr/passerelle', invalid: false });
    expect(windows.from.updates).toContain('registre');

    const registryDown = await readMachinePolicy({
      platform: 'win32',
      env: {},
      execPath: 'C:\\P\\Passerelle.exe',
      readText: async () => null,
      queryRegistry: async () => {
        throw new Error('reg.exe introuvable');
      },
    });
    expect(registryDown.invalid).toBe(true);
    expect(registryDown.problems[0]).toMatch(/registre .*lecture impossible \(reg\.exe introuvable\)/);

    // Linux, the real disk through the default reader: /etc/passerelle stands in a temporary folder.
    const dir = folder();
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc', POLICY_FILE_NAME), '{ "entUrl": "https://ent.ac-exemple.fr" }');
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', POLICY_FILE_NAME), '{ "updates": false, "entUrl": "https://ignoree.example.fr" }');
    const onDisk = (p: string) => readPolicyText(p.startsWith('/etc/passerelle/') ? join(dir, 'etc', POLICY_FILE_NAME) : p);
    const linux = await readMachinePolicy({ platform: 'linux', env: {}, execPath: join(dir, 'app', 'passerelle'), readText: onDisk });
    expect(linux).toMatchObject({ entUrl: 'https://ent.ac-exemple.fr', updates: false, invalid: false });
    expect(linux.from).toEqual({ entUrl: '/etc/passerelle/passerelle-policy.json', updates: join(dir, 'app', POLICY_FILE_NAME) });
    // A missing file (or folder) is no source; an unreadable one is refused.
    expect(await readPolicyText(join(dir, 'absent', POLICY_FILE_NAME))).toBeNull();
    rmSync(join(dir, 'app', POLICY_FILE_NAME));
    mkdirSync(join(dir, 'app', POLICY_FILE_NAME));
    const unreadable = await readMachinePolicy({ platform: 'linux', env: {}, execPath: join(dir, 'app', 'passerelle'), readText: onDisk });
    expect(unreadable).toMatchObject({ entUrl: 'https://ent.ac-exemple.fr', invalid: true });
    expect(unreadable.problems[0]).toMatch(/passerelle-policy\.json\) : lecture impossible \(EISDIR\)/);
    const denied = await readMachinePolicy({
      platform: 'linux',
      env: {},
      execPath: '/opt/Passerelle/passerelle',
      readText: async () => {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      },
    });
    expect(denied.invalid).toBe(true);
    expect(denied.problems).toHaveLength(2);
    expect(denied.problems[0]).toMatch(/lecture impossible \(EACCES\)/);
  });

  it('says in French what applies and what was refused', () => {
    const policy = mergePolicy([parsePolicyFile('{ "entUrl": "https://ent.ac-exemple.fr", "updates": false }', machineFile), parsePolicyFile('{', besideExe)]);
    const lines = describePolicy(policy);
    expect(lines[0]).toMatchObject({ level: 'warn' });
    expect(lines.map((l) => l.text).join('\n')).toContain("Adresse de l'ENT préréglée pour ce poste : https://ent.ac-exemple.fr");
    expect(lines.map((l) => l.text).join('\n')).toContain('Mises à jour automatiques désactivées par la politique de la machine');
  });

  it('starts on: explicit address > user settings > machine preset > last session > default', () => {
    const dir = folder();
    const preset = mergePolicy([parsePolicyFile('{ "entUrl": "https://ent.ac-exemple.fr" }', machineFile)]);
    expect(serverUrlAtStartup(dir, undefined, EMPTY_POLICY)).toBe('http://127.0.0.1:8787');
    expect(serverUrlAtStartup(dir, undefined, preset)).toBe('https://ent.ac-exemple.fr');
    writeCurrentSession(dir, { serverUrl: 'https://session.example', userKey: '0123456789abcdef', login: 'x' });
    expect(serverUrlAtStartup(dir, undefined, EMPTY_POLICY)).toBe('https://session.example');
    expect(serverUrlAtStartup(dir, undefined, preset)).toBe('https://ent.ac-exemple.fr');
    writeSettings(dir, { serverUrl: 'https://choisi.example.fr' });
    expect(serverUrlAtStartup(dir, undefined, preset)).toBe('https://choisi.example.fr');
    expect(serverUrlAtStartup(dir, 'https://explicite.example/', preset)).toBe('https://explicite.example');
    expect(serverUrlAtStartup(dir, '', preset)).toBe('https://choisi.example.fr');
  });
});
