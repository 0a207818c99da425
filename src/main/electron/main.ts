import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  type BrowserWindowConstructorOptions,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
} from 'electron';
import electronUpdater from 'electron-updater';
import { bridgeContract } from '../../shared/bridge/contract';
import { createAppCore } from '../app-core';
import { createBridgeServer } from '../bridge/bridge-server';
import { createAppLog } from '../logging/app-log';
import { rendererCsp } from '../security/renderer-csp';
import { createSystemBrowserFactory } from '../sign-in/system-browser';
import { APP_ORIGIN, APP_SCHEME } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import { refusedSwitches } from './command-line-guard';
import { createExternalOpener, createSignInPageOpener } from './external-links';
import { registerIpcBridge, senderIsAppOrigin } from './ipc';
import { createMainWindow, focusWindow } from './main-window';
import { aboutPanelOptions, appMenuTemplate } from './menu';
import { lockDownContents } from './navigation';
import { createElectronPdfPrinter } from './pdf-printer';
import { denyAllPermissions } from './permissions';
import { createSaveDialogSaver } from './save-dialog-saver';
import { shellConfigFrom } from './shell-config';
import { createSignInBrowserFactory } from './sign-in-window';
import { createUpdateService, updateCheckMessage } from './updates';

// The thin Electron adapter: it creates Electron objects and hands them to the functions beside it, which hold
// every decision and are tested under plain Node. Nothing here decides anything about security by itself.
const APP_NAME = 'Pia Onboarding';
const HELP_URL = 'https://learn.microsoft.com/entra/identity-platform/v2-admin-consent';

// Must run before `ready`: the custom scheme behaves like https (secure context, fetch, CSP 'self').
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// Every renderer sandboxed, whatever a window's options say (Electron security checklist item 4).
app.enableSandbox();

const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');
const { version } = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as {
  version: string;
};

/**
 * The one place a window is constructed. Whatever options a caller built, the security-relevant preferences are
 * written here as literals last, so no caller can weaken them (and Electronegativity can see them).
 */
const createWindow = (options: BrowserWindowConstructorOptions): BrowserWindow =>
  new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });

const start = async (): Promise<void> => {
  const config = shellConfigFrom(process.env, app.isPackaged);
  const log = createAppLog({ directory: app.getPath('logs'), console: config.development });
  process.on('uncaughtException', (error) => log.error('Uncaught exception', error));
  process.on('unhandledRejection', (reason) => log.error('Unhandled rejection', reason));
  log.info(`${APP_NAME} ${version} starting`, { electron: process.versions.electron });
  const refused = refusedSwitches(process.argv, app.isPackaged);
  if (refused.length > 0) {
    // Before any window or session exists: nothing of an administrator's sign-in is ever in this process.
    log.error(`${APP_NAME} does not start with ${refused.map((name) => `--${name}`).join(', ')}: exiting.`);
    app.exit(1);
    return;
  }

  const openExternal = createExternalOpener(
    shell,
    config.docsOrigin === undefined ? [] : [config.docsOrigin],
  );
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, openExternal));

  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir, csp: rendererCsp() }));

  let mainWindow: BrowserWindow | undefined;
  const openLogsFolder = async (): Promise<boolean> => (await shell.openPath(log.directory)) === '';
  // The bridge is created after the core, whose events it carries; the core only emits once a run starts.
  let bridge: ReturnType<typeof createBridgeServer> | undefined;
  const core = createAppCore({
    version,
    host: 'electron',
    dataDir: app.getPath('userData'),
    browsers: {
      inApp: (pin) =>
        createSignInBrowserFactory({
          sessionFromPartition: (partition, options) => session.fromPartition(partition, options),
          createWindow,
          parent: () => mainWindow,
          log,
          ...(pin === null ? {} : { practicePin: pin }),
        }),
      system: () => {
        const openSignInPage = createSignInPageOpener(shell);
        return createSystemBrowserFactory(async (url) => {
          if (!(await openSignInPage(url)))
            throw new Error('Only Microsoft’s sign-in pages open in the browser.');
        });
      },
    },
    printer: createElectronPdfPrinter({ createWindow }),
    saver: createSaveDialogSaver({
      showSaveDialog: (options) =>
        mainWindow === undefined
          ? dialog.showSaveDialog(options)
          : dialog.showSaveDialog(mainWindow, options),
      settings: () => core.settings,
      defaultFolder: () => app.getPath('documents'),
    }),
    writeClipboard: (text) => clipboard.writeText(text),
    openLogsFolder,
    log,
    emit: {
      changed: (change) => bridge?.emit('onboarding.changed', change),
      progress: (progress) => bridge?.emit('onboarding.progress', progress),
    },
  });
  app.on('before-quit', () => {
    // Live runs are let go (sessions wiped, journals closed) and stay resumable from history.
    void core.close();
  });

  bridge = createBridgeServer(bridgeContract, core.handlers, {
    error: (message, detail) => log.error(message, detail),
  });
  const forwardEvents = registerIpcBridge(ipcMain, bridgeContract, bridge, senderIsAppOrigin(APP_ORIGIN));

  const updates = createUpdateService({
    updater: electronUpdater.autoUpdater,
    feedUrl: config.updateFeedUrl,
    packagedFeed: app.isPackaged && existsSync(join(process.resourcesPath, 'app-update.yml')),
    isPackaged: app.isPackaged,
    log,
  });
  const checkForUpdates = async (): Promise<void> => {
    const check = await updates.check();
    const message = updateCheckMessage(check, version);
    const owner = mainWindow;
    const options = {
      type: check.kind === 'failed' ? ('warning' as const) : ('info' as const),
      title: 'Check for updates',
      message,
      buttons: check.kind === 'available' ? ['Download and restart', 'Later'] : ['OK'],
      defaultId: 0,
      cancelId: check.kind === 'available' ? 1 : 0,
    };
    const answer =
      owner === undefined
        ? await dialog.showMessageBox(options)
        : await dialog.showMessageBox(owner, options);
    if (check.kind !== 'available' || answer.response !== 0) return;
    const failed = await updates.downloadAndInstall();
    if (failed !== undefined)
      await dialog.showMessageBox({ type: 'warning', message: updateCheckMessage(failed, version) });
  };

  app.setAboutPanelOptions(
    aboutPanelOptions({
      appName: APP_NAME,
      version,
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
    }),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        appName: APP_NAME,
        development: config.development,
        actions: {
          checkForUpdates: () =>
            void checkForUpdates().catch((error) => log.error('Update check failed', error)),
          openLogsFolder: () => void openLogsFolder(),
          showAbout: () => app.showAboutPanel(),
          openHelp: () => void openExternal(HELP_URL),
        },
      }),
    ),
  );

  mainWindow = createMainWindow({
    createWindow,
    preloadPath,
    title: APP_NAME,
    devTools: config.development,
    openExternal,
  });
  const stopEvents = forwardEvents(mainWindow.webContents);
  mainWindow.on('closed', () => {
    stopEvents();
    mainWindow = undefined;
  });
  app.on('second-instance', () => focusWindow(mainWindow));
};

// One copy at a time: two copies would share the data folder and could both write a run's journal.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('window-all-closed', () => app.quit());
  start().catch((error: unknown) => {
    dialog.showErrorBox(
      `${APP_NAME} could not start`,
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}
