import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { lockMainWindowNavigation } from './navigation';
import { mainWindowOptions } from './window-options';

/** Creates the main window on the app's own origin, its navigation locked, shown once painted. */
export const createMainWindow = (deps: {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly preloadPath: string;
  readonly title: string;
  readonly iconPath?: string;
  readonly devTools: boolean;
  readonly openExternal: (url: string) => Promise<boolean>;
}): BrowserWindow => {
  const window = deps.createWindow(
    mainWindowOptions({
      preloadPath: deps.preloadPath,
      title: deps.title,
      devTools: deps.devTools,
      iconPath: deps.iconPath,
    }),
  );
  lockMainWindowNavigation(window.webContents, deps.openExternal);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
};

/** Brings the main window forward when a second copy of the app is started (the single-instance lock). */
export const focusWindow = (
  window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'focus'> | undefined,
): void => {
  if (window === undefined) return;
  if (window.isMinimized()) window.restore();
  window.focus();
};
