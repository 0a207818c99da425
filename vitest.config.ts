import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests of pure code, and integration tests that start real servers (the practice
// tenant, the preview host) on 127.0.0.1. End-to-end tests in Chromium run under Playwright instead.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
