import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/support/chromium';

/**
 * Workers: each one drives a Chromium for the app, a Chromium for the sign-in pages, a preview host and a practice
 * tenant. PIA_E2E_WORKERS overrides the default, which was measured on a 2-core machine (README, Tests).
 */
const WORKERS = Number(process.env.PIA_E2E_WORKERS ?? 1);

const TRACE_MODES = ['off', 'on', 'retain-on-failure', 'retain-on-first-failure'] as const;
const traceMode = (value: string | undefined): (typeof TRACE_MODES)[number] => {
  const mode = TRACE_MODES.find((m) => m === (value ?? 'off'));
  if (mode === undefined)
    throw new Error(`PIA_E2E_TRACE must be one of ${TRACE_MODES.join(', ')}; it is "${value}".`);
  return mode;
};

// End-to-end tests drive the real renderer in Debian's Chromium (or CHROMIUM_PATH) through the preview host.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  forbidOnly: Boolean(process.env.CI),
  // No retries: a test that fails once has failed. Should retries ever be turned on, a test that passes only on a
  // retry still fails the run instead of being reported as passed.
  retries: 0,
  failOnFlakyTests: true,
  workers: WORKERS,
  // The budget of a test that walks up to one run through the practice tenant (sign-in, grant, verification's
  // reads, axe checks and screenshots of a few steps): each takes at most about a third of it on a quiet 2-core
  // machine (README, Tests), so a machine as busy as three times that still finishes. Tests that walk two runs
  // say so with a budget of their own.
  timeout: 90_000,
  // The checklist waits on the engine and the practice tenant; on 2 busy cores the default 5 s is too tight.
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    // Tracing records every action's DOM snapshots and screencast: it made the suite about 30% slower on 2 cores,
    // for traces that a passing run throws away. Turn it on to investigate a failure: PIA_E2E_TRACE=retain-on-failure.
    trace: traceMode(process.env.PIA_E2E_TRACE),
    screenshot: 'only-on-failure',
  },
});
