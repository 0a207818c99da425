import type { BrowserEvents } from './browser-events';
import type { OpenBrowserOptions, SignInBrowser } from './browser-opener';

/** What one kind of sign-in browser adds to the shell: how it shows a page, hides, and lets go of its session. */
export interface SignInBrowserParts {
  /** Shows a page; called only with an https URL, and only until the browser is closed. */
  show(url: string, options?: OpenBrowserOptions): Promise<void>;
  hide?(): void;
  /** Lets go of the window or page and clears its session; called once, when the browser closes. */
  release?(): Promise<void>;
}

/**
 * A sign-in browser over its events and its own parts: every kind refuses a page once the run's sign-in has ended
 * or one that is not https, and closes once, ending its events before it lets go of anything.
 */
export const createSignInBrowser = (events: BrowserEvents, parts: SignInBrowserParts): SignInBrowser => ({
  async openBrowser(url, options) {
    if (events.ended) throw new Error('This sign-in has ended; start a new run to sign in again.');
    // Electron security checklist item 1: only secure content. The practice tenant is https too.
    if (new URL(url).protocol !== 'https:') throw new Error('The sign-in page must be an https URL.');
    await parts.show(url, options);
  },
  onEvent: events.onEvent,
  nextOutcome: events.nextOutcome,
  hide() {
    parts.hide?.();
  },
  async close() {
    if (events.ended) return;
    events.end();
    await parts.release?.();
  },
});
