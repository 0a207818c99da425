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

/** Opens allow-listed URLs in the system browser and refuses everything else; resolves whether it opened. */
export const createExternalOpener =
  (shell: Pick<Shell, 'openExternal'>, extraOrigins: readonly string[] = []) =>
  async (url: string): Promise<boolean> => {
    if (!isAllowedExternalUrl(url, extraOrigins)) return false;
    // Pass the normalised URL, never the raw string: what was checked is what is opened.
    await shell.openExternal(new URL(url).href);
    return true;
  };
