import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppCore, createAppCore } from '../../src/main/app-core';
import { downloadSaver } from '../../src/main/files/file-saver';
import { BridgeError } from '../../src/shared/bridge/errors';

/**
 * An app core for tests of the bridge itself: a fresh data folder, and no sign-in browser or report printer (a
 * test that reaches them fails loudly, naming what it lacked). Onboarding tests use the e2e and integration
 * harnesses, which have both.
 */
export const createBridgeTestCore = (version = '0.0.0-test'): AppCore => {
  const unavailable = (what: string) => () => {
    throw new BridgeError({ code: 'refused', message: `This test core has no ${what}.` });
  };
  return createAppCore({
    version,
    host: 'preview',
    dataDir: mkdtempSync(join(tmpdir(), 'pia-bridge-test-')),
    browsers: { inApp: () => ({ forRun: unavailable('sign-in browser') }) },
    printer: { printHtmlToPdf: unavailable('report printer') },
    saver: downloadSaver,
    openLogsFolder: async () => false,
    log: { error: () => undefined },
    emit: { changed: () => undefined, progress: () => undefined },
  });
};
