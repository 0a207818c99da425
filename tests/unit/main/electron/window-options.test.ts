import { describe, expect, it } from 'vitest';
import { mainWindowOptions, signInWindowOptions } from '../../../../src/main/electron/window-options';
import { FakeSession } from './support/fakes';

const secure = {
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  contextIsolation: true,
  sandbox: true,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
};

describe('window options', () => {
  it('gives the main window an isolated, sandboxed renderer with only the preload as a bridge', () => {
    const options = mainWindowOptions({
      preloadPath: '/app/out/preload/index.cjs',
      title: 'Pia',
      devTools: false,
    });
    expect(options.webPreferences).toMatchObject({
      ...secure,
      preload: '/app/out/preload/index.cjs',
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.show).toBe(false);
  });

  it('gives the sign-in window no preload, no dev tools and the run session', () => {
    const session = new FakeSession('sign-in-run').asElectron();
    const options = signInWindowOptions({ session, title: 'Sign in' });
    expect(options.webPreferences).toMatchObject({ ...secure, session, devTools: false });
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(options.webPreferences).not.toHaveProperty('partition');
  });
});
