import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * How a Chromium is used: `headless` for the tests, the PDF printer and the benchmarks; `headed` for the preview's
 * visible sign-in window.
 */
export type ChromiumMode = 'headless' | 'headed';

/**
 * Where to look for Chromium, best first: CHROMIUM_PATH, else Debian's packages. Headless work prefers the headless
 * shell (`apt-get install chromium-headless-shell`), the build Playwright itself uses for headless Chromium: on a
 * 2-core machine the integration tests' sign-ins took half the time with it (a test file of eight runs: 13 s instead
 * of 25 s), because the full browser in headless mode starts and renders everything a visible one does.
 */
export const chromiumCandidates = (
  env: Readonly<Record<string, string | undefined>>,
  mode: ChromiumMode,
): readonly string[] => [
  ...(env.CHROMIUM_PATH === undefined || env.CHROMIUM_PATH === '' ? [] : [env.CHROMIUM_PATH]),
  ...(mode === 'headless' ? ['/usr/bin/chromium-headless-shell'] : []),
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

/**
 * The Chromium to launch. Playwright's own browser downloads are not used, so the tests run on machines without
 * internet access.
 */
export const chromiumExecutable = (
  mode: ChromiumMode = 'headless',
  env: Readonly<Record<string, string | undefined>> = process.env,
  exists: (path: string) => boolean = existsSync,
): string => {
  const found = chromiumCandidates(env, mode).find(exists);
  if (found === undefined) {
    throw new Error(
      'No Chromium found: set CHROMIUM_PATH, or install it (Debian/Ubuntu: apt-get install chromium chromium-headless-shell).',
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

/** Launch options for Chromium on a machine with no outside network; headless unless asked otherwise. */
export const chromiumLaunchOptions = (mode: ChromiumMode = 'headless'): LaunchOptions => ({
  executablePath: chromiumExecutable(mode),
  headless: mode === 'headless',
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
