import { builtinModules } from 'node:module';
import { defaultServerConditions, defaultServerMainFields, defineConfig } from 'vite';

/**
 * Packages the Electron main loads from node_modules at run time instead of bundling them: `electron` itself,
 * the native SQLite module (a `.node` file rebuilt for Electron by electron-builder), electron-updater (loaded
 * only when updates are enabled; it reads its own files and the packaged app-update.yml), and pino with pino-roll
 * (the host's log files: pino finds its own files and worker code on disk, so it is not bundled — docs/TOOLCHAIN.md).
 * Each of them except `electron` must be a runtime dependency in package.json, and everything else the main imports
 * is bundled, so it is a devDependency (checked by test/unit/packaging/dependencies.test.ts).
 */
export const MAIN_EXTERNAL_PACKAGES = ['electron', 'better-sqlite3-multiple-ciphers', 'electron-updater', 'pino', 'pino-roll'] as const;

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Electron main process (`--mode main`) and sandboxed preload (`--mode preload`), each bundled to one
// self-contained CommonJS file in dist-electron/ (package.json "main"). Two builds because a sandboxed
// preload cannot require a shared chunk.
export default defineConfig(({ mode }) => {
  const isPreload = mode === 'preload';
  const entry = isPreload ? 'src-main/electron/preload.ts' : 'src-main/electron/main.ts';
  const name = isPreload ? 'preload' : 'main';
  return {
    // The main process is Node (Electron's own): packages resolve to their Node builds (axios's http adapter,
    // not its XMLHttpRequest one), as they do for the CLI and the browser host. The preload keeps the defaults.
    ...(isPreload ? {} : { resolve: { conditions: [...defaultServerConditions], mainFields: [...defaultServerMainFields] } }),
    build: {
      outDir: 'dist-electron',
      emptyOutDir: !isPreload,
      target: 'node20',
      minify: false,
      sourcemap: false,
      lib: { entry, formats: ['cjs'], fileName: () => `${name}.cjs` },
      rollupOptions: {
        external: isPreload ? ['electron', ...NODE_BUILTINS] : [...MAIN_EXTERNAL_PACKAGES, ...NODE_BUILTINS],
      },
    },
  };
});
