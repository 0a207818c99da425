/** The custom scheme the renderer is served from (Electron security checklist item 18: no `file://`). */
export const APP_SCHEME = 'app';

/** The app's own origin; the only origin whose main frame may use the bridge. */
export const APP_ORIGIN = `${APP_SCHEME}://pia`;

/** The page the main window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The host part of the app's origin. */
export const APP_HOST = 'pia';

/**
 * Whether a URL belongs to the app's own origin (parsed, never compared as a string prefix).
 *
 * Compares scheme and host rather than `URL.origin`: Node's WHATWG URL gives every non-special scheme the
 * opaque origin `"null"`, whatever Chromium's registration as a standard scheme says.
 */
export const isAppUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
};
