// Fetches the Electron binary when this machine can (a normal developer machine), and never fails the
// install when it cannot (no access to the download host): Passerelle then runs in the browser host.
// electron's own postinstall is denied in package.json "allowScripts" so that npm install cannot fail on it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('[passerelle] ELECTRON_SKIP_BINARY_DOWNLOAD : binaire Electron non téléchargé (hôte navigateur disponible).');
  process.exit(0);
}
let installScript;
try {
  installScript = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0);
}
if (!existsSync(installScript)) process.exit(0);
const result = spawnSync(process.execPath, [installScript], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
if (result.status === 0) {
  console.log('[passerelle] binaire Electron prêt.');
} else {
  console.log("[passerelle] binaire Electron non téléchargé (pas d'accès au site de téléchargement) : `npm start` ouvrira l'hôte navigateur.");
}
