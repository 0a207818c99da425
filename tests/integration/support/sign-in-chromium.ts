import type { Browser } from '@playwright/test';
import { afterAll } from 'vitest';
import { createCertificate, type PracticeTls } from '../../../src/main/practice-tenant/server';
import { launchTrustingPractice } from '../../../src/main/preview/preview-sign-in';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';

/** A TLS certificate for practice tenants, and a Chromium that trusts exactly it. */
export interface SignInChromium {
  readonly tls: PracticeTls;
  readonly browser: Browser;
}

let shared: Promise<SignInChromium> | null = null;

/**
 * One TLS certificate, and one Chromium that trusts exactly it by its key (never by ignoring certificate errors),
 * shared by the tests of a file: each test still starts a practice tenant of its own (directory, signing keys,
 * request log) with this certificate, and opens browser contexts of its own, but Chromium starts once per file
 * instead of once per test. Vitest evaluates this module again for each test file, so the hook below, registered
 * on the importing file, closes that file's Chromium.
 */
export const signInChromium = (): Promise<SignInChromium> => {
  shared ??= createCertificate(new Date()).then(async (tls) => ({
    tls,
    browser: await launchTrustingPractice(chromiumLaunchOptions(), tls.cert),
  }));
  return shared;
};

afterAll(async () => {
  const started = shared;
  shared = null;
  if (started !== null) await (await started).browser.close();
});
