import { describe, expect, it, vi } from 'vitest';
import { aboutPanelOptions, appMenuTemplate } from '../../../../src/main/electron/menu';
import { shellConfigFrom } from '../../../../src/main/electron/shell-config';

type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void };

const flatten = (items: readonly Item[]): Item[] =>
  items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);

const actions = () => ({
  checkForUpdates: vi.fn(),
  openLogsFolder: vi.fn(),
  showAbout: vi.fn(),
  openHelp: vi.fn(),
});

describe('application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)(
    'offers About, Check for Updates and Open Logs Folder on %s',
    (platform) => {
      const act = actions();
      const items = flatten(
        appMenuTemplate({ platform, appName: 'Pia Onboarding', development: false, actions: act }) as Item[],
      );
      items.find((i) => i.label === 'Check for Updates…')?.click?.();
      items.find((i) => i.label === 'Open Logs Folder')?.click?.();
      items.find((i) => i.label === 'About Pia Onboarding')?.click?.();
      expect(act.checkForUpdates).toHaveBeenCalledOnce();
      expect(act.openLogsFolder).toHaveBeenCalledOnce();
      expect(act.showAbout).toHaveBeenCalledOnce();
    },
  );

  it('offers reload and developer tools only in development', () => {
    const roles = (development: boolean) =>
      flatten(
        appMenuTemplate({ platform: 'linux', appName: 'Pia', development, actions: actions() }) as Item[],
      ).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('shows the version in the about panel', () => {
    expect(
      aboutPanelOptions({ appName: 'Pia', version: '1.2.3', electron: '45.5.0', chrome: '142.0' }),
    ).toMatchObject({
      applicationName: 'Pia',
      applicationVersion: '1.2.3',
      version: 'Electron 45.5.0, Chromium 142.0',
    });
  });
});

describe('shell configuration', () => {
  it('reads the update server and documentation origin, ignoring anything not https', () => {
    expect(
      shellConfigFrom(
        { PIA_UPDATE_URL: 'https://u.example/pia', PIA_DOCS_URL: 'https://docs.msp.example/pia/x' },
        false,
      ),
    ).toEqual({
      updateFeedUrl: 'https://u.example/pia',
      docsOrigin: 'https://docs.msp.example',
      development: true,
    });
    expect(shellConfigFrom({ PIA_DOCS_URL: 'http://docs.msp.example' }, false)).toEqual({
      updateFeedUrl: undefined,
      docsOrigin: undefined,
      development: true,
    });
  });

  it('ignores PIA_UPDATE_URL in an installed copy, which updates only from its installer’s own server', () => {
    expect(
      shellConfigFrom(
        { PIA_UPDATE_URL: 'https://attacker.example/pia', PIA_DOCS_URL: 'https://docs.msp.example/' },
        true,
      ),
    ).toEqual({ updateFeedUrl: undefined, docsOrigin: 'https://docs.msp.example', development: false });
  });
});
