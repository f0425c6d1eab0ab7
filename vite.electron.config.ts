import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Electron main process (`--mode main`) and sandboxed preload (`--mode preload`), each bundled to one
// self-contained CommonJS file in dist-electron/ (package.json "main"). Two builds because a sandboxed
// preload cannot require a shared chunk.
export default defineConfig(({ mode }) => {
  const entry = mode === 'preload' ? 'src-main/electron/preload.ts' : 'src-main/electron/main.ts';
  const name = mode === 'preload' ? 'preload' : 'main';
  return {
    build: {
      outDir: 'dist-electron',
      emptyOutDir: mode !== 'preload',
      target: 'node20',
      minify: false,
      sourcemap: false,
      lib: { entry, formats: ['cjs'], fileName: () => `${name}.cjs` },
      rollupOptions: {
        external: ['electron', 'better-sqlite3-multiple-ciphers', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      },
    },
  };
});
