import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser, type BrowserServer, chromium, type Page } from '@playwright/test';
import type { RunEnvironment, RunLimits } from '../../src/main/onboarding/run-environment';
import { createRunStore, type RunStore } from '../../src/main/onboarding/run-store';
import { PRACTICE_PASSWORD, SIGN_IN_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import type { Scenario } from '../../src/main/practice-tenant/directory/scenario';
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
    signInClientIds: { practice: SIGN_IN_APP_ID },
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

/** A practice tenant and a Chromium that trusts its certificate (by its key, as the app's sign-in window does). */
export interface PracticeHost {
  readonly practice: PracticeTenant;
  readonly address: PracticeAddress;
  /** How long `startPracticeTenant` took. */
  readonly practiceStartMs: number;
  /** The Chromium's address, for a child process to connect to. */
  readonly browserEndpoint: string;
  readonly browser: Browser;
  /** Moves the practice tenant's clock (token lifetimes, replication) forward. */
  advanceClock(ms: number): void;
  /** The practice tenant's clock now, in milliseconds since the epoch: what its request log's `at` is read on. */
  now(): number;
  close(): Promise<void>;
}

/** Starts a {@link PracticeHost} serving `scenario` (the built-in one by default). */
export const startPracticeHost = async (
  options: { readonly latencyMs?: number; readonly scenario?: Scenario } = {},
): Promise<PracticeHost> => {
  let offset = 0;
  const clock = (): number => Date.now() + offset;
  const started = performance.now();
  const practice = await startPracticeTenant({
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
    clock,
  });
  const practiceStartMs = performance.now() - started;
  const launch = chromiumLaunchOptions();
  let server: BrowserServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await chromium.launchServer({
      ...launch,
      args: [
        ...(launch.args ?? []),
        `--ignore-certificate-errors-spki-list=${spkiSha256Base64(practice.certificate)}`,
      ],
    });
    browser = await chromium.connect(server.wsEndpoint());
  } catch (error) {
    await server?.close().catch(() => undefined);
    await practice.close();
    throw error;
  }
  const launched = { server, browser };
  return {
    practice,
    address: { authority: practice.authority, graph: practice.graph, certificate: practice.certificate },
    practiceStartMs,
    browserEndpoint: server.wsEndpoint(),
    browser,
    advanceClock: (ms) => {
      offset += ms;
    },
    now: clock,
    close: async () => {
      await launched.browser.close().catch(() => undefined);
      await launched.server.close().catch(() => undefined);
      await practice.close();
    },
  };
};

/** A runs folder of its own and a run environment on a {@link PracticeHost}, for one account. */
export interface RunSpace {
  readonly runsDirectory: string;
  /** A folder beside the runs, for reports. */
  readonly dataDirectory: string;
  readonly runs: RunStore;
  readonly env: RunEnvironment;
  /** Hooks the environment calls; replace them at any time. */
  hooks: RunHooks;
  /** Deletes the folder. */
  close(): Promise<void>;
}

/** Creates a {@link RunSpace} in a fresh temporary folder. */
export const createRunSpace = async (
  host: PracticeHost,
  options: { readonly upn: string; readonly limits?: Partial<RunLimits> },
): Promise<RunSpace> => {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'pia-figures-'));
  const runsDirectory = join(dataDirectory, 'runs');
  const runs = createRunStore(runsDirectory);
  const space: RunSpace = {
    runsDirectory,
    dataDirectory,
    runs,
    hooks: {},
    env: stageEnvironment({
      address: host.address,
      browser: host.browser,
      runs,
      upn: options.upn,
      ...(options.limits === undefined ? {} : { limits: options.limits }),
      hooks: {
        onRecord: (record) => space.hooks.onRecord?.(record),
        onProgress: (progress) => space.hooks.onProgress?.(progress),
        onGraphRequest: (method, url, status) => space.hooks.onGraphRequest?.(method, url, status),
      },
    }),
    close: () => rm(dataDirectory, { recursive: true, force: true }),
  };
  return space;
};

/** Options of {@link startPracticeStage}. */
export interface PracticeStageOptions {
  /** Latency the practice tenant adds to every request. */
  readonly latencyMs?: number;
  readonly upn?: string;
  readonly limits?: Partial<RunLimits>;
}

/** A fresh practice tenant with its Chromium, and one run space on it. */
export type PracticeStage = Omit<PracticeHost, 'close'> & RunSpace;

/** Starts a {@link PracticeStage} on the built-in scenario, where Contoso is a fresh tenant. */
export const startPracticeStage = async (options: PracticeStageOptions = {}): Promise<PracticeStage> => {
  const host = await startPracticeHost(
    options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs },
  );
  const space = await createRunSpace(host, {
    upn: options.upn ?? 'admin@contoso.com',
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  }).catch(async (error: unknown) => {
    await host.close();
    throw error;
  });
  return Object.assign(space, {
    practice: host.practice,
    address: host.address,
    practiceStartMs: host.practiceStartMs,
    browserEndpoint: host.browserEndpoint,
    browser: host.browser,
    advanceClock: host.advanceClock,
    now: host.now,
    close: async () => {
      await host.close();
      await rm(space.dataDirectory, { recursive: true, force: true });
    },
  });
};
