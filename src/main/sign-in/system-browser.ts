import { createBrowserEvents } from './browser-events';
import type { SignInBrowserFactory } from './browser-opener';
import { createSignInBrowser } from './sign-in-browser-shell';

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
    return createSignInBrowser(createBrowserEvents(), {
      async show(url, options) {
        if (options?.onRedirect === 'stop') {
          throw new Error(
            'The system browser cannot return the consent page’s answer: use the in-app window.',
          );
        }
        await openExternal(url);
      },
    });
  },
});
