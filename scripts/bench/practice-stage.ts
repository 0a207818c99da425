import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser, type BrowserServer, chromium, type Page } from '@playwright/test';
import type { RunEnvironment, RunLimits } from '../../src/main/onboarding/onboarding-run';
import { createRunStore, type RunStore } from '../../src/main/onboarding/run-store';
import { PRACTICE_PASSWORD, SIGN_IN_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { type PracticeTenant, startPracticeTenant } from '../../src/main/practice-tenant/server';
import { chromiumLaunchOptions } from '../../src/main/preview/chromium-launch';
import { createPlaywrightSignInBrowsers } from '../../src/main/preview/playwright-sign-in-browser';
import { spkiSha256Base64 } from '../../src/main/security/spki-fingerprint';
import type { RunProgress } from '../../src/shared/onboarding/run-progress';
import type { RunRecord } from '../../src/shared/onboarding/run-record';

/** Where a practice tenant listens and which certificate to trust: what a child process needs to reach it. */
export interface PracticeAddress {
  readonly authority: string;
  readonly graph: string;
  readonly certificate: string;
}

/** What a run's environment reports to whoever drives it. */
export interface RunHooks {
  readonly onRecord?: (record: RunRecord) => void;
  readonly onProgress?: (progress: RunProgress) => void;
  readonly onGraphRequest?: (method: string, url: string, status: number) => void;
}

/** Fills the practice tenant's Email and Password pages, as the client's administrator does at Microsoft. */
export const enterCredentials = async (page: Page, upn: string): Promise<void> => {
  await page.getByRole('textbox', { name: 'Email' }).fill(upn);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password').fill(PRACTICE_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

/** Options of {@link stageEnvironment}. */
export interface StageEnvironmentOptions {
  readonly address: PracticeAddress;
  readonly browser: Browser;
  readonly runs: RunStore;
  /** The account that signs in on every sign-in page a run opens. */
  readonly upn: string;
  readonly limits?: Partial<RunLimits>;
  readonly hooks?: RunHooks;
}

/**
 * A run environment against a practice tenant whose sign-in pages are filled in as soon as a run opens them, so a
 * run signs in through the real pages (Chromium, msal-node's loopback redirect) without anyone at the keyboard.
 */
export const stageEnvironment = (options: StageEnvironmentOptions): RunEnvironment => ({
  toolVersion: '0.0.0-bench',
  connection: {
    target: {
      kind: 'practice',
      origins: { authorityOrigin: options.address.authority, graphOrigin: options.address.graph },
    },
    signInClientId: SIGN_IN_APP_ID,
    trustedCertificate: options.address.certificate,
  },
  runs: options.runs,
  browsers: createPlaywrightSignInBrowsers({
    newContext: () => options.browser.newContext(),
    onPage: (_runId, page) => {
      // A page that closes first (the run stopped, or was killed) simply ends the filling.
      void enterCredentials(page, options.upn).catch(() => undefined);
    },
  }),
  limits: {
    signInTimeoutMs: 60_000,
    replicationDeadlineMs: 30_000,
    firstPollIntervalMs: 250,
    maxPollIntervalMs: 1_000,
    ...options.limits,
  },
  onRecord: (record) => options.hooks?.onRecord?.(record),
  onProgress: (progress) => options.hooks?.onProgress?.(progress),
  onGraphRequest: (method, url, status) => options.hooks?.onGraphRequest?.(method, url, status),
});

/** Options of {@link startPracticeStage}. */
export interface PracticeStageOptions {
  /** Latency the practice tenant adds to every request. */
  readonly latencyMs?: number;
  readonly upn?: string;
  readonly limits?: Partial<RunLimits>;
  readonly hooks?: RunHooks;
}

/** A fresh practice tenant, a Chromium that trusts its certificate, a runs folder and a run environment. */
export interface PracticeStage {
  readonly practice: PracticeTenant;
  readonly address: PracticeAddress;
  /** How long `startPracticeTenant` took. */
  readonly practiceStartMs: number;
  /** The Chromium's address, for a child process to connect to. */
  readonly browserEndpoint: string;
  readonly browser: Browser;
  readonly runsDirectory: string;
  readonly runs: RunStore;
  readonly env: RunEnvironment;
  /** Hooks the environment calls; replace them at any time. */
  hooks: RunHooks;
  /** Moves the practice tenant's clock (token lifetimes, replication) forward. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/** Starts a {@link PracticeStage}: the built-in scenario, so Contoso is a fresh tenant. */
export const startPracticeStage = async (options: PracticeStageOptions = {}): Promise<PracticeStage> => {
  let offset = 0;
  const started = performance.now();
  const practice = await startPracticeTenant({
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    clock: () => Date.now() + offset,
  });
  const practiceStartMs = performance.now() - started;
  const launch = chromiumLaunchOptions();
  let server: BrowserServer | null = null;
  let browser: Browser | null = null;
  let dataDir: string | null = null;
  try {
    server = await chromium.launchServer({
      ...launch,
      // Trust exactly this practice tenant's certificate, by its key, as the app's sign-in window does.
      args: [
        ...(launch.args ?? []),
        `--ignore-certificate-errors-spki-list=${spkiSha256Base64(practice.certificate)}`,
      ],
    });
    browser = await chromium.connect(server.wsEndpoint());
    dataDir = await mkdtemp(join(tmpdir(), 'pia-figures-'));
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await practice.close();
    throw error;
  }
  const runsDirectory = join(dataDir, 'runs');
  const runs = createRunStore(runsDirectory);
  const address: PracticeAddress = {
    authority: practice.authority,
    graph: practice.graph,
    certificate: practice.certificate,
  };
  const stage: PracticeStage = {
    practice,
    address,
    practiceStartMs,
    browserEndpoint: server.wsEndpoint(),
    browser,
    runsDirectory,
    runs,
    hooks: options.hooks ?? {},
    env: stageEnvironment({
      address,
      browser,
      runs,
      upn: options.upn ?? 'admin@contoso.com',
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      hooks: {
        onRecord: (record) => stage.hooks.onRecord?.(record),
        onProgress: (progress) => stage.hooks.onProgress?.(progress),
        onGraphRequest: (method, url, status) => stage.hooks.onGraphRequest?.(method, url, status),
      },
    }),
    advanceClock: (ms) => {
      offset += ms;
    },
    close: async () => {
      await browser?.close().catch(() => undefined);
      await server?.close().catch(() => undefined);
      await practice.close();
      if (dataDir !== null) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return stage;
};
