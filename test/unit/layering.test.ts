/**
 * The folders' import rules (docs/ARCHITECTURE.md), checked on every source file: a layering lint.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

/** Runtime imports (type-only imports are erased and allowed). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push((m[1] ?? m[2])!);
  return specs;
}

function targetFolder(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const rel = relative(root, resolve(dirname(file), spec));
  if (rel.startsWith('src-main' + sep + 'electron')) return 'src-main/electron';
  return rel.split(sep)[0]!;
}

const RULES: Record<string, string[]> = {
  'src-shared': ['src-shared'],
  'src-renderer': ['src-renderer', 'src-shared'],
  'src-server': ['src-server', 'src-shared', 'package.json'],
  'src-main': ['src-main', 'src-shared', 'package.json'],
};

describe('layering', () => {
  for (const [folder, allowed] of Object.entries(RULES)) {
    it(`${folder} imports only ${allowed.join(', ')}`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(join(root, folder))) {
        for (const spec of runtimeImports(file)) {
          const target = targetFolder(file, spec);
          if (target && target !== 'src-main/electron' && !allowed.includes(target)) violations.push(`${relative(root, file)} → ${spec}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('only src-main/electron imports electron at run time, and nothing imports src-main/electron', () => {
    const violations: string[] = [];
    for (const folder of ['src-shared', 'src-main', 'src-server', 'src-renderer', 'scripts']) {
      for (const file of sourceFiles(join(root, folder))) {
        const inElectron = relative(root, file).startsWith(join('src-main', 'electron'));
        for (const spec of runtimeImports(file)) {
          if (spec === 'electron' && !inElectron) violations.push(`${relative(root, file)} imports electron`);
          if (!inElectron && targetFolder(file, spec) === 'src-main/electron') violations.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  /** Where a relative import lands, from the repository root, without extension ('src-main/core/index'). */
  const landing = (file: string, spec: string) => relative(root, resolve(dirname(file), spec)).split(sep).join('/').replace(/\.(ts|tsx)$/, '');
  const inMain = (sub: string) => sourceFiles(join(root, 'src-main', sub));

  it('the core never imports the router, a host, the CLI, the Electron host or the app assembly, at any depth', () => {
    const forbidden = ['src-main/rpc', 'src-main/host', 'src-main/cli', 'src-main/electron', 'src-main/app'];
    const violations = inMain('core').flatMap((file) =>
      runtimeImports(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => forbidden.some((f) => landing(file, spec) === f || landing(file, spec).startsWith(f + '/')))
        .map((spec) => `${relative(root, file)} → ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('the router, the hosts and the CLI reach the core through its public entry only', () => {
    const violations = ['rpc', 'host', 'cli', 'electron'].flatMap((sub) =>
      inMain(sub).flatMap((file) =>
        runtimeImports(file)
          .filter((spec) => spec.startsWith('.'))
          .filter((spec) => {
            const to = landing(file, spec);
            return to.startsWith('src-main/core/') && to !== 'src-main/core/index';
          })
          .map((spec) => `${relative(root, file)} → ${spec}`),
      ),
    );
    expect(violations).toEqual([]);
  });

  it('src-shared uses no Node built-in', () => {
    const violations = sourceFiles(join(root, 'src-shared')).flatMap((file) =>
      runtimeImports(file)
        .filter((spec) => spec.startsWith('node:') || ['fs', 'path', 'crypto', 'os', 'http'].includes(spec))
        .map((spec) => `${relative(root, file)} → ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it('the check sees real imports (guard against a regex that matches nothing)', () => {
    const imports = runtimeImports(join(root, 'src-main', 'electron', 'main.ts'));
    expect(imports).toContain('electron');
    expect(imports).toContain('./security');
  });
});
