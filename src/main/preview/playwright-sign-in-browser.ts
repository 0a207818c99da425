import type { BrowserContext, Page, Request } from '@playwright/test';
import { createBrowserEvents } from '../sign-in/browser-events';
import type { SignInBrowserFactory } from '../sign-in/browser-opener';
import { createSignInBrowser } from '../sign-in/sign-in-browser-shell';
import { decideSignInNavigation, type RedirectRule, redirectRuleFor } from '../sign-in/sign-in-navigation';

/** Options of {@link createPlaywrightSignInBrowsers}. */
export interface PlaywrightSignInBrowsersOptions {
  /** A fresh browser context per run: its cookies are the run's own sign-in session. */
  readonly newContext: () => Promise<BrowserContext>;
  /** Called with each run's page when it opens (tests fill Microsoft's pages through it). */
  readonly onPage?: (runId: string, page: Page) => void;
  /** Where a refused navigation is reported. */
  readonly log?: { warn(message: string, detail?: unknown): void };
}

/**
 * The sign-in browser of the preview and of the tests: a Playwright page in a browser context of its own per run,
 * standing in for the desktop app's sign-in window (src/main/electron/sign-in-window.ts) behind the same interface.
 */
export const createPlaywrightSignInBrowsers = (
  options: PlaywrightSignInBrowsersOptions,
): SignInBrowserFactory => ({
  forRun(runId) {
    let context: Promise<BrowserContext> | undefined;
    let page: Page | undefined;
    // The page's redirect URI and whether it loads (msal-node's loopback) or is stopped: the desktop window's rule.
    let redirect: RedirectRule | undefined;
    let reported: string | undefined;
    const events = createBrowserEvents();
    const emit = events.emit;
    const isRedirect = (url: string): boolean =>
      redirect !== undefined &&
      (url === redirect.uri || url.startsWith(`${redirect.uri.replace(/\/$/, '')}`));

    const ensurePage = async (): Promise<Page> => {
      if (page !== undefined && !page.isClosed()) return page;
      context ??= options.newContext();
      const ctx = await context;
      // The admin-consent redirect goes to the target app's own site, which the run must not load.
      await ctx.route(
        (url) => redirect?.load === false && isRedirect(url.toString()),
        async (route) => {
          if (reported !== route.request().url()) emit({ kind: 'redirected', url: route.request().url() });
          await route.fulfill({
            status: 200,
            contentType: 'text/html',
            body: '<!doctype html><title>Done</title><p>You can close this window and return to the app.</p>',
          });
        },
      );
      // The desktop sign-in window's navigation rules (src/main/sign-in/sign-in-navigation.ts): https pages and the
      // redirect URI load, everything else is refused and logged. Registered last, so it runs before the route
      // above. Navigations that an HTTP redirect starts are not routed by Playwright; Chromium itself refuses the
      // schemes that matter there (javascript:, file:).
      await ctx.route('**/*', async (route) => {
        const request = route.request();
        if (!request.isNavigationRequest()) return route.fallback();
        const url = request.url();
        if (decideSignInNavigation(url, redirect).kind !== 'block') return route.fallback();
        options.log?.warn('The sign-in page refused a navigation', { url });
        emit({ kind: 'navigation-blocked', url });
        return route.abort('blockedbyclient');
      });
      const created = await ctx.newPage();
      created.on('request', (request: Request) => {
        // Playwright's routes do not see a navigation that an HTTP redirect started, so the redirect is
        // recognised here for both modes; in `stop` mode the route below (or the unreachable host) ends it.
        if (request.isNavigationRequest() && isRedirect(request.url())) {
          reported = request.url();
          emit({ kind: 'redirected', url: request.url() });
        }
      });
      created.on('requestfailed', (request: Request) => {
        if (!request.isNavigationRequest() || request.frame() !== created.mainFrame()) return;
        const failure = request.failure()?.errorText ?? 'failed';
        if (failure.includes('ERR_ABORTED') || isRedirect(request.url())) return;
        emit({ kind: 'load-failed', url: request.url(), errorCode: -2, description: failure });
      });
      created.on('close', () => {
        if (page === created) page = undefined;
        if (!events.ended) emit({ kind: 'closed-by-user' });
      });
      page = created;
      options.onPage?.(runId, created);
      return created;
    };

    return createSignInBrowser(events, {
      async show(url, open) {
        redirect = redirectRuleFor(url, open);
        events.forgetQueued();
        const target = await ensurePage();
        void target.goto(url).catch(() => undefined);
      },
      async release() {
        await (await context)?.close().catch(() => undefined);
      },
    });
  },
});
