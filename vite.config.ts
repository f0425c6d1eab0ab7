import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { RENDERER_META_CSP } from './src-shared/csp';

/** index.html's meta CSP from the one policy (src-shared/csp.ts); the build fails if the placeholder is missing. */
function metaCsp(): Plugin {
  return {
    name: 'passerelle-meta-csp',
    transformIndexHtml(html) {
      if (!html.includes('%PASSERELLE_CSP%')) throw new Error('src-renderer/index.html: the CSP placeholder %PASSERELLE_CSP% is missing');
      return html.replace('%PASSERELLE_CSP%', RENDERER_META_CSP);
    },
  };
}

// The renderer: built once into dist/renderer, served by the browser host or loaded by the Electron window.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), metaCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
});
