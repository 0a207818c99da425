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

/**
 * Whether Chromium must run without its sandbox: only where it cannot have one, as root (Chromium refuses to start
 * there with it) or in CI containers. Anywhere else the sandbox stays on: the preview's sign-in Chromium shows real
 * Global Administrators Microsoft's pages.
 */
export const needsNoSandbox = (
  env: Readonly<Record<string, string | undefined>>,
  /** The user ID (`process.getuid()`); undefined on Windows. */
  uid: number | undefined,
): boolean => uid === 0 || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false');

/** Launch options for headless Chromium on a machine with no outside network. */
export const chromiumLaunchOptions = (): LaunchOptions => ({
  executablePath: chromiumExecutable(),
  args: [
    ...(needsNoSandbox(process.env, process.getuid?.()) ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
