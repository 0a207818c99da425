import { type Browser, type BrowserContext, chromium, type LaunchOptions, type Page } from '@playwright/test';
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
  /** Where a navigation the sign-in page refused is reported. */
  readonly log?: { warn(message: string, detail?: unknown): void };
  /**
   * A Chromium already launched with the practice certificate's key trusted (a test worker's, shared by its tests);
   * `close()` then closes only the contexts these browsers opened. Without it, one is launched at first use.
   */
  readonly browser?: Browser;
}

/** Launches Chromium trusting the practice tenant's certificate (PEM) by its public key, for that Chromium only. */
export const launchTrustingPractice = (launchOptions: LaunchOptions, certificate: string): Promise<Browser> =>
  chromium.launch({
    ...launchOptions,
    args: [
      ...(launchOptions.args ?? []),
      `--ignore-certificate-errors-spki-list=${spkiSha256Base64(certificate)}`,
    ],
  });

/**
 * The preview's sign-in browser: a Chromium of its own (Playwright), one browser context per run, trusting the
 * practice tenant's certificate by its public key (`--ignore-certificate-errors-spki-list`), never by turning
 * certificate checks off. The desktop app uses its own isolated window instead (src/main/electron/sign-in-window.ts).
 */
export const previewSignInBrowsers = (
  options: PreviewSignInOptions,
): SignInBrowsers & { close(): Promise<void> } => {
  let browser: Promise<Browser> | null =
    options.browser === undefined ? null : Promise.resolve(options.browser);
  const contexts = new Set<BrowserContext>();
  const launched = (): Promise<Browser> => {
    browser ??= options
      .practiceCertificate()
      .then((certificate) => launchTrustingPractice(options.launchOptions, certificate));
    return browser;
  };
  return {
    inApp: (_pin: PracticeCertificatePin | null) =>
      createPlaywrightSignInBrowsers({
        newContext: async () => {
          const context = await (await launched()).newContext();
          contexts.add(context);
          context.on('close', () => contexts.delete(context));
          return context;
        },
        onPage: options.onPage,
        log: options.log,
      }),
    async close() {
      if (options.browser !== undefined) {
        await Promise.all([...contexts].map((context) => context.close()));
        return;
      }
      if (browser !== null) await (await browser).close();
      browser = null;
    },
  };
};
