import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import type { RunEnvironment, RunLimits } from '../../../src/main/onboarding/run-environment';
import { createRunStore, type RunStore } from '../../../src/main/onboarding/run-store';
import { MICROSOFT_TEAMS_APP_ID } from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinScenario,
  PRACTICE_PASSWORD,
  SIGN_IN_APP_ID,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type Scenario, ScenarioSchema } from '../../../src/main/practice-tenant/directory/scenario';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';
import { createPlaywrightSignInBrowsers } from '../../../src/main/preview/playwright-sign-in-browser';
import type { OffboardChoice } from '../../../src/shared/offboarding/removal-plan';
import type { GrantStrategy, RunInput } from '../../../src/shared/onboarding/run-entry';
import type { RunProgress } from '../../../src/shared/onboarding/run-progress';
import { DEFAULT_PROFILE } from '../../../src/shared/profile/default-profile';
import type { PermissionProfile } from '../../../src/shared/profile/permission-profile';
import { checkClientIdentifier } from '../../../src/shared/tenant/client-identifier';
import { signInChromium } from '../support/sign-in-chromium';

/** A practice tenant, a Chromium for its pages, a fresh runs folder, and the environment a run needs. */
export interface Harness {
  readonly practice: PracticeTenant;
  readonly runs: RunStore;
  readonly env: RunEnvironment;
  readonly progress: RunProgress[];
  /** Graph HTTP requests made by runs of this harness (method, path, status). */
  readonly graphRequests: { method: string; url: string; status: number }[];
  /** The runs' limits, which a test may change between two steps (a run reads them when it needs them). */
  readonly limits: { -readonly [K in keyof RunLimits]?: RunLimits[K] };
  /** Moves the clock the run and the practice tenant share forward, as if `ms` had passed. */
  skipAhead(ms: number): void;
  /** The sign-in page of the next run that opens one. */
  nextPage(): Promise<Page>;
  /** The sign-in page a run opened (a run keeps its page for the consent page). */
  pageOf(runId: string): Page;
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  readonly scenario?: Scenario;
  readonly limits?: Partial<RunLimits>;
  /**
   * What the run's sleeps (polling, Retry-After) do. `real` (the default) waits. `instant` returns at once and leaves
   * the clock alone, so what the run waits for stays as it was (a replica that lags keeps lagging). `skip-ahead`
   * returns at once and moves the clock the run and the practice tenant share forward by as much, as if the time had
   * passed: replication completes and deadlines pass without waiting for them.
   */
  readonly sleep?: 'real' | 'instant' | 'skip-ahead';
  /** The practice tenant's own clock (token lifetimes, replication), for a test that moves only Microsoft's time. */
  readonly practiceClock?: () => number;
}

/** Starts everything an onboarding integration test needs. */
export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const { tls, browser } = await signInChromium();
  // The real clock, plus whatever was skipped.
  let skipped = 0;
  const clock = (): number => Date.now() + skipped;
  const practice = await startPracticeTenant({
    tls,
    clock: options.practiceClock ?? clock,
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
  });
  const contexts: BrowserContext[] = [];
  const limits: { -readonly [K in keyof RunLimits]?: RunLimits[K] } = {
    signInTimeoutMs: 60_000,
    replicationDeadlineMs: 20_000,
    firstPollIntervalMs: 200,
    maxPollIntervalMs: 1_000,
    ...options.limits,
  };
  const dataDir = await mkdtemp(join(tmpdir(), 'pia-runs-'));
  const runs = createRunStore(join(dataDir, 'runs'));
  const pages: Page[] = [];
  const waiting: ((page: Page) => void)[] = [];
  const progress: RunProgress[] = [];
  const byRun = new Map<string, Page>();
  const graphRequests: { method: string; url: string; status: number }[] = [];
  const env: RunEnvironment = {
    toolVersion: '0.0.0-test',
    connection: {
      target: {
        kind: 'practice',
        origins: { authorityOrigin: practice.authority, graphOrigin: practice.graph },
      },
      signInClientIds: { practice: SIGN_IN_APP_ID },
      trustedCertificate: practice.certificate,
    },
    runs,
    browsers: createPlaywrightSignInBrowsers({
      newContext: async () => {
        const context = await browser.newContext();
        contexts.push(context);
        return context;
      },
      onPage: (runId, page) => {
        byRun.set(runId, page);
        const waiter = waiting.shift();
        if (waiter === undefined) pages.push(page);
        else waiter(page);
      },
    }),
    limits,
    now: () => new Date(clock()),
    ...(options.sleep === 'instant' ? { sleep: async () => undefined } : {}),
    ...(options.sleep === 'skip-ahead'
      ? {
          sleep: async (ms: number) => {
            skipped += ms;
          },
        }
      : {}),
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
    limits,
    skipAhead: (ms) => {
      skipped += ms;
    },
    pageOf: (runId) => {
      const page = byRun.get(runId);
      if (page === undefined) throw new Error(`The run ${runId} opened no page.`);
      return page;
    },
    nextPage: () => {
      const page = pages.shift();
      return page === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(page);
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
      await practice.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** What the technician enters on the Client step. */
export const runInput = (
  client: string,
  options: { strategy?: GrantStrategy; profile?: PermissionProfile; offboard?: OffboardChoice } = {},
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
    ...(options.offboard === undefined ? {} : { offboard: options.offboard }),
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

/** Starts a run for `client`, discovers it and signs `upn` in through the practice pages. */
export const signedInRun = async (
  harness: Harness,
  client: string,
  upn: string,
  options: Parameters<typeof runInput>[1] = {},
): Promise<OnboardingRun> => {
  const run = await OnboardingRun.start(harness.env, runInput(client, options));
  await run.discover();
  const signedIn = run.signIn({ prompt: 'select_account' });
  await enterCredentials(await harness.nextPage(), upn);
  await signedIn;
  return run;
};

/** A Microsoft Teams application permission of the scenario below (test data: Teams publishes none here). */
export const PRACTICE_TEAMS_ROLE = {
  id: '5f8ac5e6-3c4b-4c43-9b5d-1b7a1c0d9e01',
  value: 'PracticeTeams.ReadWrite.All',
};

/**
 * The built-in scenario where the target app's registration also asks for a Microsoft Teams application permission,
 * as MSP tools often do: admin consent then fails in a tenant without the Teams service principal (AADSTS650052).
 */
export const scenarioNeedingTeams = (): Scenario => {
  const scenario = builtinScenario();
  return ScenarioSchema.parse({
    ...scenario,
    applications: scenario.applications.map((app) => {
      if (app.appId === MICROSOFT_TEAMS_APP_ID) return { ...app, appRoles: [PRACTICE_TEAMS_ROLE] };
      if (app.appId === TARGET_APP_ID) {
        return {
          ...app,
          requiredResourceAccess: [
            ...app.requiredResourceAccess,
            {
              resourceAppId: MICROSOFT_TEAMS_APP_ID,
              resourceAccess: [{ id: PRACTICE_TEAMS_ROLE.id, type: 'Role' }],
            },
          ],
        };
      }
      return app;
    }),
  });
};
