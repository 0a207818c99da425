/**
 * Copies text to the clipboard. The asynchronous Clipboard API needs a secure context and the page's focus; when
 * it is refused the caller shows the text for the technician to copy by hand.
 * https://developer.mozilla.org/docs/Web/API/Clipboard/writeText
 */
export const copyText = async (text: string): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};
