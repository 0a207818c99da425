import { join } from 'node:path';
import type { z } from 'zod';
import type { AppInfo, BridgeHandlers, RunChange } from '../shared/bridge/contract';
import type { RunProgress } from '../shared/onboarding/run-progress';
import { effectivePracticeMode, ownAccessDefaults } from '../shared/settings/settings';
import { createHandlers } from './bridge/handlers';
import type { FileSaver } from './files/file-saver';
import type { RunConnection, RunLimits } from './onboarding/run-environment';
import { createRunManager, type RunManager } from './onboarding/run-manager';
import { createRunStore } from './onboarding/run-store';
import { SIGN_IN_APP_ID } from './practice-tenant/directory/builtin-scenario';
import { type PracticeTenant, startPracticeTenant } from './practice-tenant/server';
import type { PdfPrinter } from './report/pdf-printer';
import { createReportExporter } from './report/report-exporter';
import type { PracticeCertificatePin, SignInBrowserFactory } from './sign-in/browser-opener';
import { createProfileStore } from './storage/profile-store';
import { createSettingsStore, type SettingsStore } from './storage/settings-store';

/** The sign-in browsers a host offers. */
export interface SignInBrowsers {
  /** The in-app window (desktop) or a Playwright page (preview, tests); `pin` trusts the practice tenant. */
  readonly inApp: (pin: PracticeCertificatePin | null) => SignInBrowserFactory;
  /** The technician's default browser; absent where there is none (tests), then the in-app one is used. */
  readonly system?: (pin: PracticeCertificatePin | null) => SignInBrowserFactory;
}

/** Options of {@link createAppCore}. */
export interface AppCoreOptions {
  readonly version: string;
  readonly host: AppInfo['host'];
  /** `app.getPath('userData')` in the desktop app; a folder of its own in the preview and tests. */
  readonly dataDir: string;
  readonly browsers: SignInBrowsers;
  /** Prints reports to PDF: Electron's printToPDF in the app, Chromium's page.pdf in the preview and tests. */
  readonly printer: PdfPrinter;
  /** Where exported files go: a save dialog in the app, a download in the preview. */
  readonly saver: FileSaver;
  /** Writes the clipboard from the main process (the desktop app); absent in the preview. */
  readonly writeClipboard?: (text: string) => void;
  readonly openLogsFolder: () => Promise<boolean>;
  /** The app's log (the desktop app's file; the console in the preview), for errors the window reports. */
  readonly log: { error(message: string, detail: unknown): void };
  /** Where the bridge's events go. */
  readonly emit: {
    readonly changed: (change: RunChange) => void;
    readonly progress: (progress: RunProgress) => void;
  };
  /** Starts the practice tenant (the built-in one by default) the first time practice mode needs it. */
  readonly startPractice?: () => Promise<PracticeTenant>;
  readonly limits?: Partial<RunLimits>;
  /** How long a run's events wait to be sent together while a step works (see the run manager); 200 ms by default. */
  readonly eventIntervalMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onGraphRequest?: (method: string, url: string, status: number) => void;
}

/** The main process without Electron: stores, the practice tenant, the run manager and the bridge handlers. */
export interface AppCore {
  readonly handlers: BridgeHandlers;
  readonly runs: RunManager;
  readonly settings: SettingsStore;
  /** The running practice tenant, starting it if needed. */
  practice(): Promise<PracticeTenant>;
  /** Lets go of live runs (resumable later) and stops the practice tenant. */
  close(): Promise<void>;
}

const pinOf = (practice: PracticeTenant): PracticeCertificatePin => ({
  origin: practice.authority,
  sha256Fingerprint: practice.certificateFingerprint256,
});

/**
 * Puts the main process together: the desktop app (src/main/electron/main.ts) and the preview host
 * (src/main/preview/cli.ts) differ only in the sign-in browsers, report saving and the logs folder they pass in.
 */
export const createAppCore = (options: AppCoreOptions): AppCore => {
  const settings = createSettingsStore(options.dataDir);
  const profiles = createProfileStore({ dataDir: options.dataDir });
  const runStore = createRunStore(join(options.dataDir, 'runs'));
  let practice: Promise<PracticeTenant> | null = null;
  const practiceTenant = (): Promise<PracticeTenant> => {
    practice ??= (options.startPractice ?? (() => startPracticeTenant()))();
    return practice;
  };
  const factories = new Map<string, SignInBrowserFactory>();
  const factory = (kind: 'in-app' | 'system', pin: PracticeCertificatePin | null): SignInBrowserFactory => {
    const key = `${kind}:${pin?.origin ?? ''}`;
    const make =
      kind === 'system' && options.browsers.system !== undefined
        ? options.browsers.system
        : options.browsers.inApp;
    const existing = factories.get(key);
    if (existing !== undefined) return existing;
    const created = make(pin);
    factories.set(key, created);
    return created;
  };

  const connection = async (): Promise<RunConnection> => {
    const current = await settings.get();
    if (effectivePracticeMode(current)) {
      const tenant = await practiceTenant();
      return {
        target: {
          kind: 'practice',
          origins: { authorityOrigin: tenant.authority, graphOrigin: tenant.graph },
        },
        signInClientIds: { practice: SIGN_IN_APP_ID },
        trustedCertificate: tenant.certificate,
      };
    }
    const ids = current.signInClientIds;
    return {
      target: { kind: 'microsoft' },
      // Only the clouds with a registration: a run in another stops at preflight.
      signInClientIds: Object.fromEntries(
        Object.entries(ids).filter((entry): entry is [string, string] => entry[1] !== null),
      ),
    };
  };

  const runs = createRunManager({
    toolVersion: options.version,
    runs: runStore,
    profiles,
    connection,
    ownAccessDefaults: async () => ownAccessDefaults(await settings.get()),
    browsers: async (strategy) => {
      const current = await settings.get();
      const pin = effectivePracticeMode(current) ? pinOf(await practiceTenant()) : null;
      // Microsoft's admin-consent page must be watched for its redirect: the system browser cannot, so runs
      // use the in-app window whenever the system browser is not available.
      const choice =
        current.browser === 'system' && options.browsers.system !== undefined && strategy === 'direct-grant'
          ? 'system'
          : 'in-app';
      return { choice, factory: factory(choice, pin) };
    },
    onChanged: options.emit.changed,
    onProgress: options.emit.progress,
    eventIntervalMs: options.eventIntervalMs,
    limits: options.limits,
    sleep: options.sleep,
    onGraphRequest: options.onGraphRequest,
  });

  const practiceAccounts = async (): Promise<
    z.input<typeof import('../shared/bridge/contract').PracticeAccountHintSchema>[]
  > => {
    const summary = (await practiceTenant()).summary();
    const names = new Map(summary.tenants.map((t) => [t.id, t.displayName]));
    return summary.accounts.map((a) => ({
      upn: a.upn,
      password: a.password,
      tenant: names.get(a.tenantId) ?? a.tenantId,
      description: a.description,
    }));
  };

  const handlers = createHandlers({
    version: options.version,
    host: options.host,
    settings,
    profiles,
    runs,
    reports: createReportExporter({
      runs,
      printer: options.printer,
      saver: options.saver,
      toolVersion: options.version,
    }),
    saver: options.saver,
    writeClipboard: options.writeClipboard,
    practiceAccounts,
    openLogsFolder: options.openLogsFolder,
    log: options.log,
  });

  return {
    handlers,
    runs,
    settings,
    practice: practiceTenant,
    async close() {
      await runs.closeAll();
      if (practice !== null) await (await practice).close();
    },
  };
};
