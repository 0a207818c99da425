import { type Browser, chromium, type LaunchOptions, type Page } from '@playwright/test';
import type { SignInBrowsers } from '../app-core';
import { spkiSha256Base64 } from '../security/spki-fingerprint';
import type { PracticeCertificatePin } from '../sign-in/browser-opener';
import { createPlaywrightSignInBrowsers } from './playwright-sign-in-browser';

/** Options of {@link previewSignInBrowsers}. */
export interface PreviewSignInOptions {
  /** How to launch Chromium (tests/e2e/support/chromium.ts finds one without downloading). */
  readonly launchOptions: LaunchOptions;
  /** The practice tenant's certificate (PEM), trusted by its key for that Chromium only. */
  readonly practiceCertificate: () => Promise<string>;
  readonly onPage?: (runId: string, page: Page) => void;
}

/**
 * The preview's sign-in browser: a Chromium of its own (Playwright), one browser context per run, trusting the
 * practice tenant's certificate by its public key (`--ignore-certificate-errors-spki-list`), never by turning
 * certificate checks off. The desktop app uses its own isolated window instead (src/main/electron/sign-in-window.ts).
 */
export const previewSignInBrowsers = (
  options: PreviewSignInOptions,
): SignInBrowsers & { close(): Promise<void> } => {
  let browser: Promise<Browser> | null = null;
  const launched = (): Promise<Browser> => {
    browser ??= options.practiceCertificate().then((certificate) =>
      chromium.launch({
        ...options.launchOptions,
        args: [
          ...(options.launchOptions.args ?? []),
          `--ignore-certificate-errors-spki-list=${spkiSha256Base64(certificate)}`,
        ],
      }),
    );
    return browser;
  };
  return {
    inApp: (_pin: PracticeCertificatePin | null) =>
      createPlaywrightSignInBrowsers({
        newContext: async () => (await launched()).newContext(),
        ...(options.onPage === undefined ? {} : { onPage: options.onPage }),
      }),
    async close() {
      if (browser !== null) await (await browser).close();
      browser = null;
    },
  };
};
