/**
 * Electron host: one sandboxed window on the bundled renderer (served as app://passerelle, never from the file
 * protocol), the RPC router behind one IPC channel, the French menu, the machine's policy, the updater. Every
 * decision lives in a pure, tested module beside this file (security, renderer-protocol, menu, policy, updates);
 * this file wires them.
 * The only file (with preload.ts) that imports `electron` at run time. Built by vite.electron.config.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session } from 'electron';
// External (vite.electron.config.ts): a plain require at startup; the platform's updater is only created on first
// use of `autoUpdater`, which happens only when updates are enabled.
import { autoUpdater } from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPasserelleApp } from '../app';
import { defaultDataRoot, SafeStorageKeyProvider, SafeStorageTokenStore } from '../core';
import { AppError } from '../../src-shared/errors';
import { logProcessFailures, logsDirOf, openHostLog, type HostLog } from '../log';
import { applicationMenuTemplate } from './menu';
import { describePolicy, readMachinePolicy, serverUrlAtStartup, type MachinePolicy } from './policy';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  RENDERER_ENTRY_URL,
  rendererResponseHeaders,
  rendererRootDir,
  resolveRendererRequest,
  windowEntryUrl,
} from './renderer-protocol';
import {
  ELECTRON_CSP,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isTrustedRendererUrl,
} from './security';
import { PRODUCT_NAME, UPDATE_CONFIG_FILE, decideUpdates, detectInstallKind, parseUpdateConfig } from './updates';

const rendererRoot = rendererRootDir(__dirname);
const STARTUP_LOG_FILE = 'demarrage.log';
let mainWindow: BrowserWindow | null = null;
/** What the startup said (policy, updates), also written to <data folder>/demarrage.log for the IT department. */
const startupLines: string[] = [];
const dataDir = defaultDataRoot();
/** <data folder>/logs/electron.<date>.<n>.log (src-main/log): opened at once, so a failure at startup is written too. */
let hostLog: HostLog | null = null;
const hostLogReady = openHostLog({ dir: logsDirOf(dataDir), host: 'electron' }).then(
  (opened) => {
    hostLog = opened;
    logProcessFailures(opened, () => {
      dialog.showErrorBox('Passerelle doit s’arrêter', `Une erreur inattendue s’est produite. Son détail, sans données personnelles, est dans ${opened.dir}.`);
      app.exit(1);
    });
    return opened;
  },
  () => null,
);

function log(level: 'info' | 'warn', text: string): void {
  startupLines.push(`${level === 'warn' ? 'ATTENTION ' : ''}${text}`);
  (level === 'warn' ? console.warn : console.info)(`[Passerelle] ${text}`);
  hostLog?.logger[level]({ text }, 'electron.startup');
}

// Before `ready`, once: our scheme's privileges (see renderer-protocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

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
      if (!isAllowedNavigation(url, RENDERER_ENTRY_URL)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, RENDERER_ENTRY_URL)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => decideWindowOpen(url));
  });
  void app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Passerelle ne peut pas démarrer', err instanceof Error ? err.message : String(err));
      app.quit();
    });
}

async function start(): Promise<void> {
  await hostLogReady;
  // Never throws: a source that cannot be read is reported and ignored (updates then stay off).
  const policy = await readMachinePolicy({ platform: process.platform, env: process.env, execPath: process.execPath });
  for (const line of describePolicy(policy)) log(line.level, line.text);

  protocol.handle(APP_SCHEME, serveRenderer);
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, appName: PRODUCT_NAME })));

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });

  app.on('render-process-gone', (_event, _contents, details) => hostLog?.logger.error({ reason: details.reason, exitCode: details.exitCode }, 'electron.render-process-gone'));
  app.on('child-process-gone', (_event, details) => hostLog?.logger.warn({ type: details.type, reason: details.reason, exitCode: details.exitCode }, 'electron.child-process-gone'));
  const passerelle = createPasserelleApp({
    host: 'electron',
    dataDir,
    // PASSERELLE_SERVER_URL, else the address chosen in the settings, else the machine's preset (policy `entUrl`),
    // else the last session's, else the default (policy.ts, core/settings.ts).
    serverUrl: serverUrlAtStartup(dataDir, process.env.PASSERELLE_SERVER_URL, policy),
    // The cache key and the ENT tokens are protected by the OS keychain (safeStorage) in the desktop app.
    keyProviderFor: (userDir) => new SafeStorageKeyProvider(userDir, safeStorage),
    tokenStoreFor: (userDir) => new SafeStorageTokenStore(userDir, safeStorage),
    savePdf,
    // Chromium's network stack: the system (or PAC/WPAD) proxy, its authentication and the OS certificate store
    // apply to every ENT call, as they do for the school's browser.
    fetch: (url, init) => net.fetch(url, init),
    ...(hostLog ? { logger: hostLog.core, logsDir: hostLog.dir } : {}),
  });
  app.on('before-quit', () => void passerelle.close());

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedRendererUrl(event.senderFrame?.url, RENDERER_ENTRY_URL)) {
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
      devTools: !app.isPackaged,
    },
  });
  const unsubscribe = passerelle.events.subscribe((name, payload) => {
    mainWindow?.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  mainWindow.on('closed', () => {
    unsubscribe();
    mainWindow = null;
  });
  mainWindow.once('ready-to-show', () => {
    mainWindow?.show();
    void startUpdates(policy, dataDir);
  });
  void mainWindow.loadURL(windowEntryUrl(app.isPackaged));
}

/** `app://passerelle/<path>`: a file of the renderer folder (resolveRendererRequest decides which), with the CSP. */
async function serveRenderer(request: Request): Promise<Response> {
  const target = resolveRendererRequest(request.url, request.method, rendererRoot);
  if (target.kind === 'refused') return new Response(null, { status: target.status, headers: rendererResponseHeaders('text/plain; charset=utf-8') });
  try {
    const body = await readFile(target.path);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: rendererResponseHeaders(target.contentType) });
  } catch {
    return new Response(null, { status: 404, headers: rendererResponseHeaders('text/plain; charset=utf-8') });
  }
}

function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** electron-updater, only when updates.ts says so: downloads in the background, installs when the app quits. */
async function startUpdates(policy: MachinePolicy, dataDir: string): Promise<void> {
  const facts = { platform: process.platform, env: process.env, execPath: process.execPath, resourcesPath: process.resourcesPath, exists: existsSync };
  const decision = decideUpdates({
    isPackaged: app.isPackaged,
    installKind: detectInstallKind(facts),
    policy,
    buildConfig: parseUpdateConfig(app.isPackaged ? readTextOrNull(join(process.resourcesPath, UPDATE_CONFIG_FILE)) : null),
  });
  log('info', decision.enabled ? `Mises à jour automatiques depuis ${decision.feedUrl}.` : `Mises à jour automatiques désactivées : ${decision.reason}.`);
  await writeStartupLog(dataDir);
  if (!decision.enabled) return;
  try {
    autoUpdater.logger = {
      info: (message?: unknown) => hostLog?.logger.info({ text: String(message) }, 'electron.updates'),
      warn: (message?: unknown) => hostLog?.logger.warn({ text: String(message) }, 'electron.updates'),
      error: (message?: unknown) => hostLog?.logger.error({ text: String(message) }, 'electron.updates'),
    };
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    autoUpdater.allowDowngrade = false;
    autoUpdater.allowPrerelease = false;
    if (decision.overrideFeed) autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
    autoUpdater.on('error', (err: Error) => log('warn', `Mise à jour impossible : ${err.message}`));
    await autoUpdater.checkForUpdates();
  } catch (err) {
    log('warn', `Mise à jour impossible : ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The startup lines, readable by the user only, replaced at each start. A failure here never stops the app. */
async function writeStartupLog(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const text = [`Passerelle ${app.getVersion()} — démarrage le ${new Date().toISOString()}`, ...startupLines].join('\n');
    await writeFile(join(dataDir, STARTUP_LOG_FILE), `${text}\n`, { mode: 0o600 });
  } catch {
    // The console already has these lines.
  }
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
