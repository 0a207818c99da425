import { randomUUID } from 'node:crypto';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import { createBrowserEvents } from '../sign-in/browser-events';
import type { PracticeCertificatePin, SignInBrowserFactory } from '../sign-in/browser-opener';
import { createSignInBrowser } from '../sign-in/sign-in-browser-shell';
import { decideSignInNavigation, type RedirectRule, redirectRuleFor } from '../sign-in/sign-in-navigation';
import { createCertificateVerifyProc } from './certificate-pin';
import { denyAllPermissions } from './permissions';
import { signInWindowOptions } from './window-options';

/** What the sign-in window needs from Electron, passed in so it runs under Node with fakes. */
export interface SignInWindowDeps {
  /** `session.fromPartition`. */
  readonly sessionFromPartition: (partition: string, options: { cache: boolean }) => Session;
  /** `(options) => new BrowserWindow(options)`. */
  readonly createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** The practice tenant's certificate, trusted for its loopback origin only; absent outside practice mode. */
  readonly practicePin?: PracticeCertificatePin;
  /** The main window, which the sign-in window stays in front of. */
  readonly parent?: () => BrowserWindow | undefined;
  readonly log?: { warn(message: string, detail?: unknown): void };
  readonly newId?: () => string;
}

// Chromium's net::ERR_ABORTED: what a navigation the window itself cancelled reports; not a failure to show.
const ERR_ABORTED = -3;

/** The in-memory partition name of a run's sign-in session: never `persist:`, so nothing reaches the disk. */
export const signInPartition = (runId: string, unique: string): string =>
  `sign-in-${runId.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 64)}-${unique}`;

/**
 * Creates the sign-in browser of each run: a window without preload or Node, on a session of its own that lives
 * in memory, denies every permission and download, and trusts the practice tenant's certificate only on the
 * practice origin. Closing it clears the session's cookies, storage, cache and credentials.
 */
export const createSignInBrowserFactory = (deps: SignInWindowDeps): SignInBrowserFactory => {
  // Checked once, up front: a bad pin is a configuration error, not something to discover mid-sign-in.
  const verifyProc = createCertificateVerifyProc(deps.practicePin);
  return {
    forRun(runId) {
      const partition = signInPartition(runId, (deps.newId ?? randomUUID)());
      const session = deps.sessionFromPartition(partition, { cache: false });
      denyAllPermissions(session);
      // electronegativity-excused: CERTIFICATE_VERIFY_PROC_JS_CHECK
      session.setCertificateVerifyProc(verifyProc);

      let window: BrowserWindow | undefined;
      let redirect: RedirectRule | undefined;
      const events = createBrowserEvents();
      const emit = events.emit;

      const onNavigation = (event: { preventDefault(): void }, url: string): void => {
        const decision = decideSignInNavigation(url, redirect);
        switch (decision.kind) {
          case 'allow':
            return;
          case 'redirect':
            if (!decision.load) event.preventDefault();
            emit({ kind: 'redirected', url });
            return;
          case 'block':
            event.preventDefault();
            deps.log?.warn('The sign-in window refused a navigation', { url });
            emit({ kind: 'navigation-blocked', url });
            return;
          default: {
            const never: never = decision;
            throw new Error(`Unknown navigation decision ${String(never)}`);
          }
        }
      };

      const ensureWindow = (): BrowserWindow => {
        if (window !== undefined && !window.isDestroyed()) return window;
        const parent = deps.parent?.();
        const created = deps.createWindow(
          signInWindowOptions({
            session,
            title: 'Sign in to the client tenant',
            ...(parent === undefined ? {} : { parent }),
          }),
        );
        const contents = created.webContents;
        contents.on('will-navigate', (event, url) => onNavigation(event, url));
        contents.on('will-redirect', (event, url) => onNavigation(event, url));
        contents.on('will-frame-navigate', (event) => {
          // Sub-frames (Microsoft's pages embed a few) follow the same scheme rules, never count as the redirect.
          if (!event.isMainFrame && decideSignInNavigation(event.url, undefined).kind === 'block') {
            event.preventDefault();
          }
        });
        contents.on('will-attach-webview', (event) => event.preventDefault());
        contents.setWindowOpenHandler(() => ({ action: 'deny' }));
        contents.on('did-fail-load', (_event, errorCode, description, url, isMainFrame) => {
          if (isMainFrame && errorCode !== ERR_ABORTED) {
            emit({ kind: 'load-failed', url, errorCode, description });
          }
        });
        created.on('closed', () => {
          if (window === created) window = undefined;
          if (!events.ended) emit({ kind: 'closed-by-user' });
        });
        window = created;
        return created;
      };

      return createSignInBrowser(events, {
        async show(url, options) {
          redirect = redirectRuleFor(url, options);
          events.forgetQueued();
          const target = ensureWindow();
          // msal-node waits for openBrowser before it listens; the load's own failures arrive as events.
          void target.webContents.loadURL(url).catch(() => undefined);
          target.show();
          target.focus();
        },
        hide() {
          if (window !== undefined && !window.isDestroyed()) window.hide();
        },
        async release() {
          const open = window;
          window = undefined;
          if (open !== undefined && !open.isDestroyed()) open.destroy();
          // Sign-in cookies and the identity platform's session state must not outlive the run.
          await session.clearStorageData();
          await session.clearCache();
          await session.clearAuthCache();
          await session.closeAllConnections();
        },
      });
    },
  };
};
