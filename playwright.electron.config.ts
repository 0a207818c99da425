import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './tests/e2e-electron/support/electron-binary';

// The desktop app's smoke test through Playwright's Electron support. It needs an Electron binary and a build
// (`electron-vite build`); without a binary every test reports itself skipped with the reason.
const binary = findElectronBinary();
// Said once, by the runner rather than each worker, so a skipped run explains itself in the log.
if (binary.kind === 'missing' && process.env.TEST_WORKER_INDEX === undefined) {
  console.log(`Electron smoke test skipped: ${binary.reason}`);
}

export default defineConfig({
  testDir: 'tests/e2e-electron',
  outputDir: 'test-results/e2e-electron',
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
