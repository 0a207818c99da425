import { describe, expect, it, vi } from 'vitest';
import {
  createUpdateService,
  type Updater,
  updateCheckMessage,
  updateFeedUrlFrom,
} from '../../../../src/main/electron/updates';

const fakeUpdater = (check: Updater['checkForUpdates']): Updater & { feeds: unknown[] } => {
  const feeds: unknown[] = [];
  return {
    feeds,
    autoDownload: true,
    autoInstallOnAppQuit: true,
    setFeedURL: (options) => feeds.push(options),
    checkForUpdates: check,
    downloadUpdate: vi.fn(async () => []),
    quitAndInstall: vi.fn(),
  };
};
const log = { warn: () => {} };

describe('update feed URL', () => {
  it('comes from PIA_UPDATE_URL and must be https', () => {
    expect(updateFeedUrlFrom({ PIA_UPDATE_URL: 'https://updates.msp.example/pia/' })).toBe(
      'https://updates.msp.example/pia/',
    );
    expect(updateFeedUrlFrom({ PIA_UPDATE_URL: 'http://updates.msp.example/' })).toBeUndefined();
    expect(updateFeedUrlFrom({ PIA_UPDATE_URL: 'nonsense' })).toBeUndefined();
    expect(updateFeedUrlFrom({})).toBeUndefined();
  });
});

describe('update service', () => {
  it('without a server, says so clearly and never touches the updater', async () => {
    const check = vi.fn(async () => null);
    const updater = fakeUpdater(check);
    const service = createUpdateService({
      updater,
      feedUrl: undefined,
      packagedFeed: false,
      isPackaged: true,
      log,
    });
    const result = await service.check();
    expect(result).toEqual({ kind: 'not-configured' });
    expect(updateCheckMessage(result, '0.1.0')).toMatch(/No update server is configured/);
    expect(check).not.toHaveBeenCalled();
    expect(updater.feeds).toEqual([]);
  });

  it('points electron-updater at the generic server and never downloads behind the technician', async () => {
    const updater = fakeUpdater(async () => ({ isUpdateAvailable: true, updateInfo: { version: '0.2.0' } }));
    const service = createUpdateService({
      updater,
      feedUrl: 'https://u.example/',
      packagedFeed: false,
      isPackaged: true,
      log,
    });
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://u.example/' }]);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(await service.check()).toEqual({ kind: 'available', version: '0.2.0' });
  });

  it("uses the installer's own update server when the environment names none", async () => {
    const updater = fakeUpdater(async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }));
    const service = createUpdateService({
      updater,
      feedUrl: undefined,
      packagedFeed: true,
      isPackaged: true,
      log,
    });
    expect(updater.feeds).toEqual([]);
    expect(await service.check()).toEqual({ kind: 'up-to-date', version: '0.1.0' });
  });

  it('reports up to date', async () => {
    const updater = fakeUpdater(async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }));
    const service = createUpdateService({
      updater,
      feedUrl: 'https://u.example/',
      packagedFeed: false,
      isPackaged: true,
      log,
    });
    const result = await service.check();
    expect(updateCheckMessage(result, '0.1.0')).toBe('You have the latest version (0.1.0).');
  });

  it('turns an unreachable server into a message instead of a crash', async () => {
    const updater = fakeUpdater(async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED\n    at stack');
    });
    const service = createUpdateService({
      updater,
      feedUrl: 'https://u.example/',
      packagedFeed: false,
      isPackaged: true,
      log,
    });
    const result = await service.check();
    expect(result).toEqual({ kind: 'failed', reason: 'net::ERR_NAME_NOT_RESOLVED' });
    expect(updateCheckMessage(result, '0.1.0')).toMatch(/could not be reached/);
  });

  it('does not check when running from source', async () => {
    const check = vi.fn(async () => null);
    const service = createUpdateService({
      updater: fakeUpdater(check),
      feedUrl: 'https://u.example/',
      packagedFeed: false,
      isPackaged: false,
      log,
    });
    expect(await service.check()).toEqual({ kind: 'development' });
    expect(check).not.toHaveBeenCalled();
  });

  it('downloads then installs, and reports a failed download', async () => {
    const updater = fakeUpdater(async () => null);
    const service = createUpdateService({
      updater,
      feedUrl: 'https://u.example/',
      packagedFeed: false,
      isPackaged: true,
      log,
    });
    expect(await service.downloadAndInstall()).toBeUndefined();
    expect(updater.quitAndInstall).toHaveBeenCalledOnce();
    updater.downloadUpdate = async () => {
      throw new Error('checksum mismatch');
    };
    expect(await service.downloadAndInstall()).toEqual({ kind: 'failed', reason: 'checksum mismatch' });
  });
});
