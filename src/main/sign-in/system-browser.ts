import { createBrowserEvents } from './browser-events';
import type { SignInBrowser, SignInBrowserFactory } from './browser-opener';

/**
 * The technician's default browser as the sign-in browser: Microsoft's page opens in a tab, and msal-node's
 * loopback server receives the answer as usual. The tool cannot see that tab, so it never reports the window
 * closed or a page failing; the run's timeout and the Cancel button cover those. Its cookies are the technician's
 * own browser's: the in-app window is the isolated choice, and the default.
 */
export const createSystemBrowserFactory = (
  openExternal: (url: string) => Promise<void>,
): SignInBrowserFactory => ({
  forRun() {
    const events = createBrowserEvents();
    let ended = false;
    const browser: SignInBrowser = {
      async openBrowser(url, options) {
        if (ended) throw new Error('This sign-in has ended; start a new run to sign in again.');
        if (new URL(url).protocol !== 'https:') throw new Error('The sign-in page must be an https URL.');
        if (options?.onRedirect === 'stop') {
          throw new Error(
            'The system browser cannot return the consent page’s answer: use the in-app window.',
          );
        }
        await openExternal(url);
      },
      onEvent: events.onEvent,
      nextOutcome: events.nextOutcome,
      hide() {},
      async close() {
        if (ended) return;
        ended = true;
        events.end();
      },
    };
    return browser;
  },
});
