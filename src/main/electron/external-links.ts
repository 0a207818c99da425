import type { Shell } from 'electron';

/**
 * Hosts whose https pages the app may open in the technician's browser: Microsoft's documentation and the admin
 * centres the guidance links to (activating a PIM-eligible role happens in the Entra admin centre).
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'learn.microsoft.com',
  'docs.microsoft.com',
  'support.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
];

/**
 * Whether a URL may go to `shell.openExternal` (Electron security checklist item 15): https only, on the default
 * port, without credentials, on an allow-listed host or one of `extraOrigins` (the MSP's own documentation).
 * The host is compared exactly after parsing, so `learn.microsoft.com.evil.example` is refused.
 */
export const isAllowedExternalUrl = (url: string, extraOrigins: readonly string[] = []): boolean => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (
    parsed.protocol !== 'https:' ||
    parsed.port !== '' ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return false;
  }
  return EXTERNAL_HOSTS.includes(parsed.hostname) || extraOrigins.includes(parsed.origin);
};

/** Opens the URLs `allowed` accepts in the system browser and refuses the rest; resolves whether it opened. */
const createCheckedOpener =
  (shell: Pick<Shell, 'openExternal'>, allowed: (url: string) => boolean) =>
  async (url: string): Promise<boolean> => {
    if (!allowed(url)) return false;
    // Pass the normalised URL, never the raw string: what was checked is what is opened.
    // electronegativity-excused: OPEN_EXTERNAL_JS_CHECK
    await shell.openExternal(new URL(url).href);
    return true;
  };

/** Opens allow-listed URLs in the system browser and refuses everything else; resolves whether it opened. */
export const createExternalOpener = (
  shell: Pick<Shell, 'openExternal'>,
  extraOrigins: readonly string[] = [],
) => createCheckedOpener(shell, (url) => isAllowedExternalUrl(url, extraOrigins));

/** The authority hosts of Microsoft's clouds (src/shared/cloud/cloud.ts and the China partner host). */
const AUTHORITY_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
];

/**
 * Whether a URL is a sign-in page the technician may open in the system browser: an https authorize or
 * admin-consent URL at a Microsoft authority, or at the practice tenant on this machine's loopback address.
 */
export const isSignInPageUrl = (url: string): boolean => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    (AUTHORITY_HOSTS.includes(parsed.hostname) ? parsed.port === '' : loopback) &&
    /\/oauth2\/v2\.0\/authorize$|\/v2\.0\/adminconsent$/.test(parsed.pathname)
  );
};

/** Opens Microsoft's sign-in page in the system browser, for the technician who chose it over the in-app window. */
export const createSignInPageOpener = (shell: Pick<Shell, 'openExternal'>) =>
  createCheckedOpener(shell, isSignInPageUrl);
