import type { Event, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/** The part of a web contents the lock-down attaches to. */
export type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Locks down every web contents the app creates (Electron security checklist items 11, 12, 14): no `<webview>`
 * may attach, and no page may open a window. A link to an allow-listed documentation page goes to the system
 * browser instead; anything else is dropped.
 */
export const lockDownContents = (
  contents: LockableContents,
  openExternal: (url: string) => Promise<boolean>,
): void => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url).catch(() => false);
    return { action: 'deny' };
  });
};

/**
 * Keeps the main window on the app's own pages (checklist item 13): any navigation away, by a link, a form or a
 * script, is cancelled, and a link to allow-listed documentation opens in the system browser.
 */
export const lockMainWindowNavigation = (
  contents: Pick<WebContents, 'on'>,
  openExternal: (url: string) => Promise<boolean>,
): void => {
  const guard = (event: Event, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternal(url).catch(() => false);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
};
