/**
 * Electron host: one sandboxed window on the bundled renderer, the RPC router behind one IPC channel.
 * The only file (with preload.ts) that imports `electron` at run time. Built by vite.electron.config.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPasserelleApp } from '../app';
import { defaultDataRoot } from '../core/paths';
import { SafeStorageKeyProvider, SafeStorageTokenStore } from '../core';
import { AppError } from '../../src-shared/errors';
import {
  ELECTRON_CSP,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isTrustedRendererUrl,
} from './security';

const indexFile = join(__dirname, '../dist/renderer/index.html');
const indexFileUrl = pathToFileURL(indexFile).toString();
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, indexFileUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, indexFileUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => decideWindowOpen(url));
  });
  void app.whenReady().then(start);
}

function start(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });

  const passerelle = createPasserelleApp({
    host: 'electron',
    dataDir: defaultDataRoot(),
    // Without PASSERELLE_SERVER_URL: the address chosen in the settings, else the last session's, else the default.
    serverUrl: process.env.PASSERELLE_SERVER_URL || undefined,
    // The cache key and the ENT tokens are protected by the OS keychain (safeStorage) in the desktop app.
    keyProviderFor: (userDir) => new SafeStorageKeyProvider(userDir, safeStorage),
    tokenStoreFor: (userDir) => new SafeStorageTokenStore(userDir, safeStorage),
    savePdf,
  });
  app.on('before-quit', () => void passerelle.close());

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedRendererUrl(event.senderFrame?.url, indexFileUrl)) {
      return { ok: false, error: new AppError('forbidden', 'Appel refusé : il ne vient pas de la fenêtre de Passerelle.').toShape() };
    }
    return passerelle.router.call(method, input);
  });

  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Passerelle',
    show: false,
    // Written out literally, in the constructor call, so that the static security scan reads every setting.
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const unsubscribe = passerelle.events.subscribe((name, payload) => {
    mainWindow?.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  mainWindow.on('closed', () => {
    unsubscribe();
    mainWindow = null;
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadFile(indexFile);
}

/**
 * `letters.savePdf`: the letters the window shows, printed to an A4 PDF, saved where the director chooses
 * (the Documents folder by default). The uai was checked by the router against the contract (7 digits, a letter).
 */
async function savePdf(uai: string): Promise<{ path: string }> {
  const window = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (!window) throw new AppError('bad-request', "La fenêtre de Passerelle n'est pas ouverte : impossible de créer le PDF.");
  const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  const choice = await dialog.showSaveDialog(window, {
    title: 'Enregistrer les lettres d’identifiants',
    defaultPath: join(app.getPath('documents'), `identifiants-${uai}.pdf`),
    filters: [{ name: 'Document PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) throw new AppError('bad-request', "Enregistrement annulé : aucun fichier PDF n'a été créé.");
  try {
    // The letters hold pupils' passwords: readable by this user only.
    await writeFile(choice.filePath, pdf, { mode: 0o600 });
  } catch {
    throw new AppError('bad-request', "Impossible d'enregistrer le PDF à cet endroit. Choisissez un autre dossier (par exemple Documents).");
  }
  return { path: choice.filePath };
}
