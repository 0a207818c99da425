import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests of pure code, and integration tests that start real servers (the practice
// tenant, the preview host) on 127.0.0.1. End-to-end tests in Chromium run under Playwright instead.
// Test files of a worker share its module cache instead of importing everything again for each file (the practice
// tenant, msal-node, the Graph SDK, zod schemas): measured on a quiet 2-core machine, the unit tests alone took 21 s
// instead of 47 s, most of it import time. No test relies on a fresh module: state a test changes (fake timers, a
// practice tenant, a data folder) is its own and undone in its hooks. Set per project: projects do not inherit it.
const SHARED_MODULES = { isolate: false } as const;
// expect.poll waits on a condition (a request reaching the practice tenant, a page's title): vitest gives it 1 s by
// default, which a busy 2-core machine can need more than for a page to load. The condition, not the time, ends it.
const POLL = { timeout: 15_000 };

export default defineConfig({
  test: {
    // One worker per core. Vitest's own default leaves a core free (one worker on 2 cores); measured on a quiet 2-core
    // machine, two workers ran the unit tests in 42 s instead of 73 s and the integration tests in 170 s instead of
    // 231 s: their sign-in Chromium and practice tenant leave a worker waiting often enough that both cores stay busy.
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'unit',
          ...SHARED_MODULES,
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // The slowest unit tests take about 1 s on a quiet 2-core machine (the practice Graph's request tests); a
          // machine three times as busy still finishes them well inside this, where vitest's 5 s default did not.
          testTimeout: 15_000,
          expect: { poll: POLL },
        },
      },
      {
        test: {
          name: 'integration',
          ...SHARED_MODULES,
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          expect: { poll: POLL },
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
