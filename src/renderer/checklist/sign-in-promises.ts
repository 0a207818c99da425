import type { RunInput } from '../../shared/onboarding/run-entry';

/**
 * What the checklist promises about the administrator's sign-in session, for each browser it can happen in. The
 * in-app window's session is the tool's own and is wiped; the default browser keeps its own cookies, which the tool
 * cannot wipe, so it never promises that nothing stays.
 */
type Browser = RunInput['browser'];

/** Where the administrator signs in, as a phrase ("in …"). */
export const signInPlace = (browser: Browser): string =>
  browser === 'system' ? 'your default browser' : 'a separate sign-in window';

/** What stays on this computer of the sign-in, said on the Sign in step. */
export const sessionPromise = (browser: Browser): string =>
  browser === 'system'
    ? 'Your browser keeps its own cookies for Microsoft’s sign-in after the run: sign out there (or close a private window) when the administrator is done. The tool’s own tokens are never stored.'
    : 'The window keeps its own session: nothing of it stays on this computer after the run.';

/** What Finish cannot wipe, said beside the Finish button; empty where it wipes everything. */
export const finishLeaves = (browser: Browser): string =>
  browser === 'system' ? ' (your default browser keeps its own cookies: sign out there too)' : '';
