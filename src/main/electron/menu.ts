import type { AboutPanelOptionsOptions, MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; the adapter wires them to dialogs, the updater and the shell. */
export interface MenuActions {
  readonly checkForUpdates: () => void;
  readonly openLogsFolder: () => void;
  readonly showAbout: () => void;
  readonly openHelp: () => void;
}

/**
 * The application menu: the platform's usual File/Edit/View/Window items, plus About, Check for updates and
 * Open logs folder. Reload and developer tools appear only in development: in an installed app a reload would
 * drop a run in progress.
 */
export const appMenuTemplate = (options: {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly development: boolean;
  readonly actions: MenuActions;
}): MenuItemConstructorOptions[] => {
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: actions.showAbout };
  const updates: MenuItemConstructorOptions = { label: 'Check for Updates…', click: actions.checkForUpdates };
  const logs: MenuItemConstructorOptions = { label: 'Open Logs Folder', click: actions.openLogsFolder };
  const view: MenuItemConstructorOptions[] = [
    ...(options.development
      ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac
      ? [
          {
            label: options.appName,
            submenu: [
              about,
              updates,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    { label: 'File', submenu: [logs, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Documentation', click: actions.openHelp },
        ...(mac ? [] : [{ type: 'separator' } as const, updates, about]),
      ],
    },
  ];
};

/** The about panel: name, version, and the Electron and Chromium versions support will ask for. */
export const aboutPanelOptions = (info: {
  readonly appName: string;
  readonly version: string;
  readonly electron: string;
  readonly chrome: string;
  readonly iconPath?: string;
}): AboutPanelOptionsOptions => ({
  applicationName: info.appName,
  applicationVersion: info.version,
  version: `Electron ${info.electron}, Chromium ${info.chrome}`,
  copyright: 'Guided, verified admin consent for Pia.',
  iconPath: info.iconPath,
});
