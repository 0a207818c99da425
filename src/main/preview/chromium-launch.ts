import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Where the tests find Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium (`apt-get install chromium`).
 * Playwright's own browser downloads are not used, so the tests run on machines without internet access.
 */
export const chromiumExecutable = (): string => {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find(
    (path): path is string => path !== undefined && path !== '' && existsSync(path),
  );
  if (found === undefined) {
    throw new Error(
      'No Chromium found: set CHROMIUM_PATH, or install it (Debian/Ubuntu: apt-get install chromium).',
    );
  }
  return found;
};

/** Launch options for headless Chromium on a machine with no outside network. */
export const chromiumLaunchOptions = (): LaunchOptions => ({
  executablePath: chromiumExecutable(),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
