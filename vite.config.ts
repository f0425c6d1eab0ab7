import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: built once into dist/renderer, served by the browser host or loaded by the Electron window.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
});
