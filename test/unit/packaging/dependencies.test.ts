/**
 * What the packaged app loads at run time is exactly package.json "dependencies": vite.electron.config.ts bundles
 * everything the main process imports except its `external` list, electron-builder packs the runtime dependencies'
 * node_modules beside the bundles. Checked on the config and on a real build of the main and preload bundles
 * (vite, in memory: nothing is written to dist-electron/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import electronViteConfig, { MAIN_EXTERNAL_PACKAGES } from '../../../vite.electron.config';

const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const runtime = Object.keys(pkg.dependencies);
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Server, renderer, CLI, test and build tools: never in the packaged app. */
const DEV_ONLY = [
  'fastify', 'pg', 'pg-boss', 'kysely', 'nodemailer', 'rate-limiter-flexible', // reference ENT server
  'react', 'react-dom', 'zustand', '@hello-pangea/dnd', // renderer, bundled into dist/renderer
  'axios', 'zod', // bundled into dist-electron/main.cjs
  'tsx', 'vite', '@vitejs/plugin-react', 'typescript', 'vitest', 'fast-check', 'fuse.js',
  '@playwright/test', '@axe-core/playwright', '@doyensec/electronegativity', 'eslint', '@eslint/js', 'typescript-eslint',
  'electron', 'electron-builder',
];

/** Packages that break when bundled: native addons, or code that finds its own files or workers on disk. */
const MUST_STAY_EXTERNAL = ['better-sqlite3-multiple-ciphers', 'electron-updater', 'pino', 'pino-roll', 'thread-stream', 'bindings'];

function isNative(name: string): boolean {
  const dir = join(root, 'node_modules', name);
  if (existsSync(join(dir, 'binding.gyp'))) return true;
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { gypfile?: boolean }).gypfile === true;
  } catch {
    return false;
  }
}

function externalOf(mode: 'main' | 'preload'): string[] {
  const config = electronViteConfig({ mode, command: 'build' });
  const external = (config as { build: { rollupOptions: { external: unknown } } }).build.rollupOptions.external;
  if (!Array.isArray(external) || !external.every((e): e is string => typeof e === 'string')) throw new Error('external doit être une liste de noms');
  return external;
}

/** The package a bundled module id belongs to (`…/node_modules/@scope/name/…` → `@scope/name`). */
function packageOf(id: string): string | null {
  const at = id.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const parts = id.slice(at + 'node_modules/'.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

async function bundle(mode: 'main' | 'preload'): Promise<{ imports: string[]; bundledPackages: string[] }> {
  const result = await build({
    root,
    configFile: join(root, 'vite.electron.config.ts'),
    mode,
    logLevel: 'silent',
    build: { write: false, outDir: join(root, 'node_modules', '.cache', 'passerelle-packaging-test') },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
  expect(chunks).toHaveLength(1);
  const chunk = chunks[0]!;
  const bundledPackages = [...new Set(chunk.moduleIds.map((id) => packageOf(id.replaceAll('\\', '/'))).filter((p): p is string => p !== null))];
  return { imports: [...chunk.imports, ...chunk.dynamicImports], bundledPackages };
}

describe('runtime dependencies of the packaged app', () => {
  it('holds in "dependencies" only what the main loads from node_modules; electron itself is a devDependency', () => {
    expect(pkg.main).toBe('dist-electron/main.cjs');
    for (const name of runtime) {
      expect(MAIN_EXTERNAL_PACKAGES.includes(name as never) || isNative(name), `${name} : ni externe dans vite.electron.config.ts ni module natif`).toBe(true);
    }
    for (const name of MAIN_EXTERNAL_PACKAGES.filter((n) => n !== 'electron')) {
      expect(pkg.dependencies[name], `${name} est externe : il doit être dans "dependencies"`).toBeDefined();
    }
    expect(pkg.dependencies.electron).toBeUndefined();
    expect(pkg.devDependencies.electron).toBeDefined();
    for (const name of DEV_ONLY) expect(pkg.dependencies[name], `${name} ne sert pas à l'application installée`).toBeUndefined();
    for (const name of runtime) expect(pkg.devDependencies[name], `${name} est à la fois dependency et devDependency`).toBeUndefined();
    expect(runtime.some((n) => n.startsWith('@types/'))).toBe(false);
  });

  it('keeps external exactly the runtime dependencies, electron and Node built-ins', () => {
    for (const mode of ['main', 'preload'] as const) {
      for (const name of externalOf(mode).filter((n) => !builtins.has(n))) {
        expect(name === 'electron' || runtime.includes(name), `${mode} : ${name} externe mais absent de "dependencies"`).toBe(true);
      }
    }
    expect(externalOf('main')).toEqual(expect.arrayContaining([...MAIN_EXTERNAL_PACKAGES]));
  });

  it('builds a main bundle that requires only built-ins, electron and the runtime dependencies', { timeout: 120_000 }, async () => {
    const main = await bundle('main');
    const nonBuiltin = main.imports.filter((i) => !builtins.has(i));
    for (const name of nonBuiltin) expect(name === 'electron' || runtime.includes(name), `main.cjs charge ${name} au démarrage`).toBe(true);
    // Every runtime dependency is really loaded (no dead weight in the installer).
    for (const name of runtime) expect(nonBuiltin, `${name} est dans "dependencies" mais main.cjs ne le charge pas`).toContain(name);
    for (const name of main.bundledPackages) {
      expect(MUST_STAY_EXTERNAL.includes(name), `${name} a été empaqueté dans main.cjs : ajoutez-le à MAIN_EXTERNAL_PACKAGES et à "dependencies"`).toBe(false);
      expect(isNative(name), `${name} est un module natif empaqueté dans main.cjs`).toBe(false);
    }
  });

  it('builds a sandboxed preload that requires nothing but electron', { timeout: 120_000 }, async () => {
    const preload = await bundle('preload');
    expect(preload.imports).toEqual(['electron']);
  });

  it('runs on Node 20.19 and later, the current LTS included (no upper bound)', () => {
    expect(pkg.engines.node).toBe('>=20.19');
  });
});
