import type { BrowserWindowConstructorOptions, Session, WebPreferences } from 'electron';

/**
 * The web preferences every window of the app shares (Electron security checklist items 2, 3, 4, 6, 8, 9, 10):
 * no Node, isolated and sandboxed renderers, same-origin policy on, no insecure content, no experimental or
 * Blink features, no `<webview>`, no spellchecker (it would send typed text to a dictionary service).
 */
export const hardenedWebPreferences: Readonly<WebPreferences> = {
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
  // Middle-click opens links in a new window: refused anyway by the window-open handler, and off here too.
  disableBlinkFeatures: 'Auxclick',
};

/** Options of the main window: the checklist UI, with the preload as its only bridge to the main process. */
export const mainWindowOptions = (options: {
  readonly preloadPath: string;
  readonly title: string;
  readonly iconPath?: string;
  readonly devTools: boolean;
}): BrowserWindowConstructorOptions => ({
  width: 1200,
  height: 820,
  minWidth: 880,
  minHeight: 600,
  show: false,
  title: options.title,
  ...(options.iconPath === undefined ? {} : { icon: options.iconPath }),
  webPreferences: {
    ...hardenedWebPreferences,
    preload: options.preloadPath,
    devTools: options.devTools,
  },
});

/**
 * Options of a run's sign-in window: Microsoft's pages on the run's own in-memory session, with no preload at
 * all, so nothing in it can reach the main process.
 */
export const signInWindowOptions = (options: {
  readonly session: Session;
  readonly title: string;
  readonly parent?: BrowserWindowConstructorOptions['parent'];
}): BrowserWindowConstructorOptions => ({
  width: 520,
  height: 720,
  show: false,
  title: options.title,
  autoHideMenuBar: true,
  ...(options.parent === undefined ? {} : { parent: options.parent }),
  webPreferences: {
    ...hardenedWebPreferences,
    session: options.session,
    devTools: false,
  },
});
