import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, net, protocol } from 'electron';
import { bridgeContract } from '../../shared/bridge/contract';
import { createBridgeServer } from '../bridge/bridge-server';
import { createHandlers } from '../bridge/handlers';
import { rendererCsp } from '../security/renderer-csp';
import { registerIpcBridge, senderIsAppOrigin } from './ipc';

// The thin Electron adapter: windows, protocol and IPC. Everything it wires together runs under plain Node.
const SCHEME = 'app';
const ORIGIN = `${SCHEME}://pia`;

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const rendererDir = join(import.meta.dirname, '../renderer');
const { version } = JSON.parse(readFileSync(join(app.getAppPath(), 'package.json'), 'utf8')) as {
  version: string;
};

const createMainWindow = (): BrowserWindow => {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    show: false,
    title: 'Pia Onboarding',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadURL(`${ORIGIN}/index.html`);
  return window;
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    protocol.handle(SCHEME, async (request) => {
      const { pathname } = new URL(request.url);
      const file = join(rendererDir, decodeURIComponent(pathname));
      if (!file.startsWith(rendererDir)) return new Response(null, { status: 404 });
      const response = await net.fetch(`file://${file}`);
      const headers = new Headers(response.headers);
      headers.set('Content-Security-Policy', rendererCsp());
      return new Response(response.body, { status: response.status, headers });
    });
    const bridge = createBridgeServer(
      bridgeContract,
      createHandlers({ appInfo: { version, mode: 'practice', host: 'electron' } }),
      { error: (message, detail) => console.error(message, detail) },
    );
    const forwardEvents = registerIpcBridge(ipcMain, bridgeContract, bridge, senderIsAppOrigin(ORIGIN));
    const window = createMainWindow();
    const stopEvents = forwardEvents(window.webContents);
    window.on('closed', stopEvents);
    app.on('second-instance', () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    });
  });
  app.on('window-all-closed', () => app.quit());
}
