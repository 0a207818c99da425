/** Writes text through the main process; resolves false where it has no clipboard (the browser preview). */
type MainClipboard = (text: string) => Promise<boolean>;

let mainClipboard: MainClipboard | null = null;

/**
 * Routes copies through the main process. The desktop app denies the page every permission, clipboard included
 * (docs/SECURITY.md), so its main process writes the clipboard for it; set once when the bridge connects.
 */
export const routeCopiesThroughMain = (writer: MainClipboard): void => {
  mainClipboard = writer;
};

/**
 * Copies text to the clipboard: through the main process when it can, else with the asynchronous Clipboard API,
 * which needs a secure context and the page's focus. When both refuse, the caller shows the text for the
 * technician to copy by hand.
 * https://developer.mozilla.org/docs/Web/API/Clipboard/writeText
 */
export const copyText = async (text: string): Promise<boolean> => {
  try {
    if (mainClipboard !== null && (await mainClipboard(text))) return true;
  } catch {
    // The bridge refused or dropped: the page's own clipboard may still work.
  }
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};
