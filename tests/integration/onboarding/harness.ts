import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import type { RunEnvironment, RunLimits } from '../../../src/main/onboarding/onboarding-run';
import { createRunStore, type RunStore } from '../../../src/main/onboarding/run-store';
import {
  PRACTICE_PASSWORD,
  SIGN_IN_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import type { Scenario } from '../../../src/main/practice-tenant/directory/scenario';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';
import { createPlaywrightSignInBrowsers } from '../../../src/main/preview/playwright-sign-in-browser';
import type { GrantStrategy, RunInput } from '../../../src/shared/onboarding/run-entry';
import type { RunProgress } from '../../../src/shared/onboarding/run-progress';
import { DEFAULT_PROFILE } from '../../../src/shared/profile/default-profile';
import type { PermissionProfile } from '../../../src/shared/profile/permission-profile';
import { checkClientIdentifier } from '../../../src/shared/tenant/client-identifier';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';

/** Base64 SHA-256 of the certificate's public key, the form `--ignore-certificate-errors-spki-list` takes. */
export const spkiFingerprint = (certificate: string): string =>
  createHash('sha256')
    .update(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');

/** A practice tenant, a Chromium for its pages, a fresh runs folder, and the environment a run needs. */
export interface Harness {
  readonly practice: PracticeTenant;
  readonly runs: RunStore;
  readonly env: RunEnvironment;
  readonly progress: RunProgress[];
  /** Graph HTTP requests made by runs of this harness (method, path, status). */
  readonly graphRequests: { method: string; url: string; status: number }[];
  /** The sign-in page of the next run that opens one. */
  nextPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  readonly scenario?: Scenario;
  readonly limits?: Partial<RunLimits>;
  /** Sleeps of the run (polling, Retry-After) are skipped, to keep tests quick; the real clock still runs. */
  readonly instantSleep?: boolean;
}

/** Starts everything an onboarding integration test needs. */
export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const practice = await startPracticeTenant(
    options.scenario === undefined ? {} : { scenario: options.scenario },
  );
  const launch = chromiumLaunchOptions();
  const browser: Browser = await chromium.launch({
    ...launch,
    // Trust exactly this practice tenant's certificate, by its key, rather than ignoring certificate errors.
    args: [
      ...(launch.args ?? []),
      `--ignore-certificate-errors-spki-list=${spkiFingerprint(practice.certificate)}`,
    ],
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'pia-runs-'));
  const runs = createRunStore(join(dataDir, 'runs'));
  const pages: Page[] = [];
  const waiting: ((page: Page) => void)[] = [];
  const progress: RunProgress[] = [];
  const graphRequests: { method: string; url: string; status: number }[] = [];
  const env: RunEnvironment = {
    toolVersion: '0.0.0-test',
    connection: {
      target: {
        kind: 'practice',
        origins: { authorityOrigin: practice.authority, graphOrigin: practice.graph },
      },
      signInClientId: SIGN_IN_APP_ID,
      trustedCertificate: practice.certificate,
    },
    runs,
    browsers: createPlaywrightSignInBrowsers({
      newContext: () => browser.newContext(),
      onPage: (_runId, page) => {
        const waiter = waiting.shift();
        if (waiter === undefined) pages.push(page);
        else waiter(page);
      },
    }),
    limits: {
      signInTimeoutMs: 60_000,
      replicationDeadlineMs: 20_000,
      firstPollIntervalMs: 200,
      maxPollIntervalMs: 1_000,
      ...options.limits,
    },
    ...(options.instantSleep === true ? { sleep: async () => undefined } : {}),
    onProgress: (p) => progress.push(p),
    onGraphRequest: (method, url, status) =>
      graphRequests.push({ method, url: new URL(url).pathname, status }),
  };
  return {
    practice,
    runs,
    env,
    progress,
    graphRequests,
    nextPage: () => {
      const page = pages.shift();
      return page === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(page);
    },
    async close() {
      await browser.close();
      await practice.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** What the technician enters on the Client step. */
export const runInput = (
  client: string,
  options: { strategy?: GrantStrategy; profile?: PermissionProfile } = {},
): RunInput => {
  const check = checkClientIdentifier(client);
  if (!check.valid) throw new Error(`Not a client identifier: ${client}`);
  return {
    clientText: client,
    identifier: check.identifier,
    technician: 'Alex Technician',
    ticket: 'T-1001',
    profile: options.profile ?? DEFAULT_PROFILE,
    strategy: options.strategy ?? 'direct-grant',
    browser: 'in-app',
  };
};

/** Fills the practice tenant's Email and Password pages, as the administrator would at Microsoft. */
export const enterCredentials = async (
  page: Page,
  upn: string,
  password = PRACTICE_PASSWORD,
): Promise<void> => {
  await page.getByRole('textbox', { name: 'Email' }).fill(upn);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

/** Everything the practice directory holds, to show that a stopped run changed nothing. */
export const directoryState = (practice: PracticeTenant): string =>
  JSON.stringify(practice.scenario().tenants);

/** Graph write requests that reached the practice tenant outside `$batch` (every write of the engine is batched). */
export const directWrites = (practice: PracticeTenant): number =>
  practice.requestLog.entries.filter(
    (e) => e.host === 'graph' && e.method !== 'GET' && !e.path.endsWith('/$batch'),
  ).length;
