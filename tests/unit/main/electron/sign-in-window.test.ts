import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_ACCEPT, CERTIFICATE_USE_CHROMIUM } from '../../../../src/main/electron/certificate-pin';
import { createSignInBrowserFactory } from '../../../../src/main/electron/sign-in-window';
import type { SignInBrowserEvent } from '../../../../src/main/sign-in/browser-opener';
import { FakeSession, FakeWindow } from './support/fakes';

const AUTHORIZE =
  'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A51234%2F&code_challenge=x';

// An elliptic-curve key, as the practice tenant's own certificate has: generating two RSA keys in JavaScript took
// over ten seconds, the hook's whole budget, on a 2-core machine at load 20.
const EC_KEY = { keyType: 'ec', curve: 'P-256' } as const;
let practicePem = '';
let practiceFingerprint = '';
beforeAll(async () => {
  practicePem = (await generate([{ name: 'commonName', value: '127.0.0.1' }], EC_KEY)).cert;
  practiceFingerprint = new X509Certificate(practicePem).fingerprint256;
});

const setup = (pin = false) => {
  const sessions: FakeSession[] = [];
  const windows: FakeWindow[] = [];
  let counter = 0;
  const factory = createSignInBrowserFactory({
    sessionFromPartition: (partition, options) => {
      expect(options).toEqual({ cache: false });
      const session = new FakeSession(partition);
      sessions.push(session);
      return session.asElectron();
    },
    createWindow: (options) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window.asElectron();
    },
    newId: () => {
      counter += 1;
      return `id${counter}`;
    },
    ...(pin
      ? { practicePin: { origin: 'https://127.0.0.1:9443', sha256Fingerprint: practiceFingerprint } }
      : {}),
  });
  return { factory, sessions, windows };
};

describe('sign-in window', () => {
  it('gives each run its own in-memory session and a window without preload on it', async () => {
    const { factory, sessions, windows } = setup();
    await factory.forRun('run-1').openBrowser(AUTHORIZE);
    await factory.forRun('run-2').openBrowser(AUTHORIZE);
    expect(sessions.map((s) => s.partition)).toEqual(['sign-in-run-1-id1', 'sign-in-run-2-id2']);
    for (const session of sessions) expect(session.partition.startsWith('persist:')).toBe(false);
    expect(windows).toHaveLength(2);
    expect(windows[0]?.options.webPreferences?.session).toBe(sessions[0]);
    expect(windows[1]?.options.webPreferences?.session).toBe(sessions[1]);
    expect(windows[0]?.options.webPreferences).not.toHaveProperty('preload');
    expect(windows[0]?.options.webPreferences).toMatchObject({ nodeIntegration: false, sandbox: true });
    expect(windows[0]?.webContents.loaded).toEqual([AUTHORIZE]);
    expect(windows[0]?.visible).toBe(true);
  });

  it('denies permissions in the sign-in session', async () => {
    const { factory, sessions } = setup();
    factory.forRun('run');
    expect(await sessions[0]?.requestPermission('media')).toBe(false);
  });

  it('reports the loopback redirect and lets it load, so msal-node receives the code', async () => {
    const { factory, windows } = setup();
    const browser = factory.forRun('run');
    await browser.openBrowser(AUTHORIZE);
    const outcome = browser.nextOutcome();
    const contents = windows[0]?.webContents;
    expect(
      contents?.fire('will-redirect', {}, 'https://login.microsoftonline.com/common/login').prevented,
    ).toBe(false);
    expect(contents?.fire('will-redirect', {}, 'http://localhost:51234/?code=abc&state=s').prevented).toBe(
      false,
    );
    expect(await outcome).toEqual({ kind: 'redirected', url: 'http://localhost:51234/?code=abc&state=s' });
  });

  it("stops a web redirect (the admin-consent page) and reports it without loading the target app's site", async () => {
    const { factory, windows } = setup();
    const browser = factory.forRun('run');
    await browser.openBrowser(
      'https://login.microsoftonline.com/contoso.com/v2.0/adminconsent?client_id=c&redirect_uri=https%3A%2F%2Fpia.example%2Fconsent&scope=x',
    );
    const redirect = 'https://pia.example/consent?admin_consent=True&tenant=t&error=access_denied';
    expect(windows[0]?.webContents.fire('will-redirect', {}, redirect).prevented).toBe(true);
    expect(await browser.nextOutcome()).toEqual({ kind: 'redirected', url: redirect });
  });

  it('blocks anything but https on the way, and tells its listeners', async () => {
    const { factory, windows } = setup();
    const browser = factory.forRun('run');
    const events: SignInBrowserEvent[] = [];
    browser.onEvent((event) => events.push(event));
    await browser.openBrowser(AUTHORIZE);
    const contents = windows[0]?.webContents;
    for (const url of [
      'http://evil.example/',
      'file:///etc/passwd',
      'ms-outlook://x',
      'app://pia/index.html',
    ]) {
      expect(contents?.fire('will-navigate', {}, url).prevented, url).toBe(true);
    }
    expect(events.map((e) => e.kind)).toEqual(Array(4).fill('navigation-blocked'));
    expect(contents?.windowOpenHandler?.({ url: 'https://login.microsoftonline.com/help' })).toEqual({
      action: 'deny',
    });
    expect(contents?.fire('will-attach-webview', {}).prevented).toBe(true);
  });

  it('refuses to open a page that is not https', async () => {
    const { factory } = setup();
    await expect(factory.forRun('run').openBrowser('http://login.example/authorize')).rejects.toThrow(
      /https/,
    );
  });

  it('reports a main-frame load failure but not the abort its own stop causes', async () => {
    const { factory, windows } = setup();
    const browser = factory.forRun('run');
    await browser.openBrowser(AUTHORIZE);
    const contents = windows[0]?.webContents;
    contents?.fire('did-fail-load', {}, -3, 'ERR_ABORTED', 'https://pia.example/consent', true);
    contents?.fire('did-fail-load', {}, -202, 'ERR_CERT_AUTHORITY_INVALID', 'https://frame.example/', false);
    contents?.fire('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'https://login.example/', true);
    expect(await browser.nextOutcome()).toEqual({
      kind: 'load-failed',
      url: 'https://login.example/',
      errorCode: -105,
      description: 'ERR_NAME_NOT_RESOLVED',
    });
  });

  it('reports the technician closing the window, and opens a new one on the same session afterwards', async () => {
    const { factory, windows, sessions } = setup();
    const browser = factory.forRun('run');
    await browser.openBrowser(AUTHORIZE);
    windows[0]?.closeByUser();
    expect(await browser.nextOutcome()).toEqual({ kind: 'closed-by-user' });
    await browser.openBrowser(AUTHORIZE);
    expect(windows).toHaveLength(2);
    expect(windows[1]?.options.webPreferences?.session).toBe(sessions[0]);
  });

  it('keeps the session between pages when hidden, so the consent page needs no second sign-in', async () => {
    const { factory, windows } = setup();
    const browser = factory.forRun('run');
    await browser.openBrowser(AUTHORIZE);
    browser.hide();
    expect(windows[0]?.visible).toBe(false);
    await browser.openBrowser(
      'https://login.microsoftonline.com/t/v2.0/adminconsent?redirect_uri=https%3A%2F%2Fa.example%2F',
    );
    expect(windows).toHaveLength(1);
    expect(windows[0]?.visible).toBe(true);
  });

  it('on close, destroys the window, clears the session and ends waiting callers, without a "closed by user"', async () => {
    const { factory, windows, sessions } = setup();
    const browser = factory.forRun('run');
    const events: SignInBrowserEvent[] = [];
    browser.onEvent((event) => events.push(event));
    await browser.openBrowser(AUTHORIZE);
    const waiting = browser.nextOutcome();
    await browser.close();
    await browser.close();
    expect(await waiting).toEqual({ kind: 'ended' });
    expect(windows[0]?.isDestroyed()).toBe(true);
    expect(sessions[0]?.cleared).toEqual(['storage', 'cache', 'auth', 'connections']);
    expect(events).toEqual([]);
    await expect(browser.openBrowser(AUTHORIZE)).rejects.toThrow(/ended/);
  });

  it('trusts the practice certificate on the practice host only', async () => {
    const { factory, sessions } = setup(true);
    factory.forRun('run');
    const session = sessions[0];
    expect(await session?.verify('127.0.0.1', practicePem)).toBe(CERTIFICATE_ACCEPT);
    expect(await session?.verify('login.microsoftonline.com', practicePem)).toBe(CERTIFICATE_USE_CHROMIUM);
  });

  it('without practice mode, trusts nothing Chromium does not', async () => {
    const { factory, sessions } = setup(false);
    factory.forRun('run');
    expect(await sessions[0]?.verify('127.0.0.1', practicePem)).toBe(CERTIFICATE_USE_CHROMIUM);
  });

  it('refuses to start with a pin for a real host', () => {
    expect(() =>
      createSignInBrowserFactory({
        sessionFromPartition: () => new FakeSession('x').asElectron(),
        createWindow: (options) => new FakeWindow(options).asElectron(),
        practicePin: { origin: 'https://login.microsoftonline.com', sha256Fingerprint: 'AB'.repeat(32) },
      }),
    ).toThrow(/on this computer/);
  });
});
