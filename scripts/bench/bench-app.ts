import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type AppCore, createAppCore } from '../../src/main/app-core';
import { type BridgeServer, createBridgeServer } from '../../src/main/bridge/bridge-server';
import { downloadSaver } from '../../src/main/files/file-saver';
import type { RunLimits } from '../../src/main/onboarding/run-environment';
import type { PracticeTenant } from '../../src/main/practice-tenant/server';
import { chromiumLaunchOptions } from '../../src/main/preview/chromium-launch';
import { createChromiumPdfPrinter } from '../../src/main/preview/chromium-pdf-printer';
import { type PreviewHost, startPreviewHost } from '../../src/main/preview/preview-host';
import { previewSignInBrowsers } from '../../src/main/preview/preview-sign-in';
import { bridgeContract } from '../../src/shared/bridge/contract';

/** The whole app as the bench drives it: the core under Node, its bridge, and the preview host serving the renderer. */
export interface BenchApp {
  readonly core: AppCore;
  readonly bridge: BridgeServer;
  readonly host: PreviewHost;
  /** The app's data folder (a fresh temporary one). */
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Options of {@link startBenchApp}. */
export interface BenchAppOptions {
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** Prepares the data folder before the core reads it (a saved profile). */
  readonly prepare?: (dataDir: string) => Promise<void>;
  /** Starts the practice tenant (the built-in one by default). */
  readonly startPractice?: () => Promise<PracticeTenant>;
  readonly limits?: Partial<RunLimits>;
  /** Each sign-in page a run opens (to fill it in). */
  readonly onSignInPage?: (page: Page) => void;
}

/**
 * Starts the app as the end-to-end tests and the browser preview do (src/main/preview/cli.ts): a fresh data folder,
 * the app's core with the preview's sign-in browsers and PDF printer, the WebSocket bridge and the preview host.
 */
export const startBenchApp = async (options: BenchAppOptions): Promise<BenchApp> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pia-bench-app-'));
  await options.prepare?.(dataDir);
  let emit: (event: string, payload: unknown) => void = () => undefined;
  const signIn = previewSignInBrowsers({
    launchOptions: chromiumLaunchOptions(),
    practiceCertificate: async () => (await core.practice()).certificate,
    onPage: (_runId, page) => options.onSignInPage?.(page),
  });
  const printer = createChromiumPdfPrinter(chromiumLaunchOptions());
  const core = createAppCore({
    version: '0.0.0-bench',
    host: 'preview',
    dataDir,
    browsers: signIn,
    printer,
    saver: downloadSaver,
    openLogsFolder: async () => false,
    log: { error: () => undefined },
    emit: {
      changed: (change) => emit('onboarding.changed', change),
      progress: (progress) => emit('onboarding.progress', progress),
    },
    startPractice: options.startPractice,
    limits: options.limits,
  });
  const bridge = createBridgeServer(bridgeContract, core.handlers, { error: () => undefined });
  emit = (event, payload) => bridge.emit(event, payload);
  const host = await startPreviewHost({ rendererDir: options.rendererDir, bridge });
  return {
    core,
    bridge,
    host,
    dataDir,
    async close() {
      await host.close();
      await core.close();
      await signIn.close();
      await printer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
