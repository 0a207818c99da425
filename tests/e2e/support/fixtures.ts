import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, test as base, expect, type Page } from '@playwright/test';
import { type AppCore, createAppCore } from '../../../src/main/app-core';
import { type BridgeServer, createBridgeServer } from '../../../src/main/bridge/bridge-server';
import { downloadSaver } from '../../../src/main/files/file-saver';
import {
  createCertificate,
  type PracticeTenant,
  type PracticeTls,
  startPracticeTenant,
} from '../../../src/main/practice-tenant/server';
import { createChromiumPdfPrinter } from '../../../src/main/preview/chromium-pdf-printer';
import { type PreviewHost, startPreviewHost } from '../../../src/main/preview/preview-host';
import { launchTrustingPractice, previewSignInBrowsers } from '../../../src/main/preview/preview-sign-in';
import { bridgeContract } from '../../../src/shared/bridge/contract';
import { chromiumLaunchOptions } from './chromium';

const rendererDir = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

/** The sign-in pages the runs of a test open, in order (Microsoft's pages, served by the practice tenant). */
export interface SignInPages {
  /** The next run's sign-in page, once it opens. */
  next(): Promise<Page>;
  /** Hands over a page a run opened (the core's sign-in browser calls it). */
  offer(page: Page): void;
}

/** Where the core's events go: the preview's bridge, once it exists. */
interface EventRelay {
  sink: (event: string, payload: unknown) => void;
}

interface Fixtures {
  /**
   * The run manager's least time between two events of a run while a step works: the app's 200 ms, or 0 for a test
   * that acts on one particular write's event.
   */
  eventIntervalMs: number;
  /**
   * How long a run waits for its changes to replicate before Verify reports them as not visible yet (30 s). A test
   * in which something stays missing for good shortens it, so that it does not wait the whole time for nothing.
   */
  replicationDeadlineMs: number;
  /** Bridge requests the main process answers with an internal error, for a test of how the window copes. */
  failingRequests: readonly string[];
  /**
   * What becomes of an exported file: downloaded, as the preview does, or a save dialog the technician closes, as
   * the desktop app may answer.
   */
  saveDialog: 'download' | 'closed';
  events: EventRelay;
  /** The main-process core of the test: fresh data folder, practice tenant, run manager. */
  core: AppCore;
  /** The practice tenant the core started (its directory, knobs and request log). */
  practice: PracticeTenant;
  preview: PreviewHost;
  bridgeCalls: string[];
  /** What the app wrote to its log with `error` (the desktop app's log file), message first. */
  appLog: { message: string; detail: unknown }[];
  signInPages: SignInPages;
  app: Page;
}

/** What a worker shares among its tests: one practice certificate, and one sign-in Chromium that trusts it. */
interface WorkerFixtures {
  practiceTls: PracticeTls;
  signInChromium: Browser;
}

/**
 * A fresh preview host for each test: the main-process core under Node with its own data folder and practice
 * tenant, the real WebSocket bridge, and the sign-in pages in a Chromium of their own that trusts the practice
 * tenant's certificate by its key.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  // Each test still gets a practice tenant of its own (fresh directory, keys and request log); only its TLS
  // certificate is the worker's, so the sign-in Chromium is launched once per worker instead of once per test.
  practiceTls: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
    async ({}, use) => {
      await use(await createCertificate(new Date()));
    },
    { scope: 'worker' },
  ],
  signInChromium: [
    async ({ practiceTls }, use) => {
      const browser = await launchTrustingPractice(chromiumLaunchOptions(), practiceTls.cert);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  eventIntervalMs: [200, { option: true }],
  replicationDeadlineMs: [30_000, { option: true }],
  failingRequests: [[], { option: true }],
  saveDialog: ['download', { option: true }],
  // Every request the main process received, by method name, so a test can tell that the bridge was used.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  bridgeCalls: async ({}, use) => {
    await use([]);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  appLog: async ({}, use) => {
    await use([]);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  signInPages: async ({}, use) => {
    const pages: Page[] = [];
    const waiting: ((page: Page) => void)[] = [];
    await use({
      next: () => {
        const page = pages.shift();
        return page === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(page);
      },
      offer: (page) => {
        const waiter = waiting.shift();
        if (waiter === undefined) pages.push(page);
        else waiter(page);
      },
    });
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here.
  events: async ({}, use) => {
    await use({ sink: () => undefined });
  },
  core: async (
    {
      signInPages,
      events,
      practiceTls,
      signInChromium,
      eventIntervalMs,
      replicationDeadlineMs,
      saveDialog,
      appLog,
    },
    use,
  ) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pia-e2e-'));
    const signIn = previewSignInBrowsers({
      browser: signInChromium,
      launchOptions: chromiumLaunchOptions(),
      practiceCertificate: async () => (await core.practice()).certificate,
      onPage: (_runId, page) => signInPages.offer(page),
    });
    const printer = createChromiumPdfPrinter(chromiumLaunchOptions());
    const core: AppCore = createAppCore({
      version: '0.0.0-test',
      host: 'preview',
      dataDir,
      browsers: signIn,
      printer,
      saver: saveDialog === 'download' ? downloadSaver : { save: async () => ({ kind: 'cancelled' }) },
      openLogsFolder: async () => false,
      log: { error: (message, detail) => appLog.push({ message, detail }) },
      emit: {
        changed: (change) => events.sink('onboarding.changed', change),
        progress: (progress) => events.sink('onboarding.progress', progress),
      },
      startPractice: () => startPracticeTenant({ tls: practiceTls }),
      limits: { replicationDeadlineMs, firstPollIntervalMs: 300, maxPollIntervalMs: 2_000 },
      eventIntervalMs,
    });
    await use(core);
    await core.close();
    await signIn.close();
    await printer.close();
    await rm(dataDir, { recursive: true, force: true });
  },
  practice: async ({ core }, use) => {
    await use(await core.practice());
  },
  preview: async ({ core, events, bridgeCalls, failingRequests }, use) => {
    const server = createBridgeServer(bridgeContract, core.handlers, {
      error: (message, detail) => console.error(message, detail),
    });
    events.sink = (event, payload) => server.emit(event, payload);
    const bridge: BridgeServer = {
      ...server,
      handle: async (method, payload) => {
        bridgeCalls.push(method);
        if (failingRequests.includes(method)) {
          return { ok: false, error: { code: 'internal', message: `The app could not complete ${method}.` } };
        }
        return server.handle(method, payload);
      },
    };
    const host = await startPreviewHost({ rendererDir, bridge });
    await use(host);
    await host.close();
  },
  app: async ({ page, preview }, use) => {
    await page.goto(preview.url);
    await expect(page.getByRole('heading', { name: 'Pia Onboarding', level: 1 })).toBeVisible();
    // The first screen is ready once its profiles have loaded: until then "Start onboarding" is disabled, and the
    // moment it is enabled its colours fade from the disabled grey. An accessibility check that ran in between
    // measured that grey (1.64:1) on a button no longer disabled.
    await expect(page.getByRole('button', { name: 'Start onboarding' })).toBeEnabled();
    await use(page);
  },
});

/** Saves a full-page screenshot as a test artefact under test-results/screenshots. */
export const saveScreenshot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
};

export { expect };
