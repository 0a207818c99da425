import type { z } from 'zod';
import type {
  AppInfo,
  BridgeHandlers,
  CurrentReportSchema,
  PracticeAccountHintSchema,
  ReportExportResultSchema,
} from '../../shared/bridge/contract';
import { refused } from '../../shared/bridge/errors';
import { receiptOf } from '../../shared/bridge/run-view';
import type { RunRecord } from '../../shared/onboarding/run-record';
import { effectivePracticeMode } from '../../shared/settings/settings';
import { checkClientIdentifier } from '../../shared/tenant/client-identifier';
import { permissionCatalog } from '../catalog/permission-catalog';
import type { FileSaver } from '../files/file-saver';
import type { RunManager } from '../onboarding/run-manager';
import type { ProfileStore } from '../storage/profile-store';
import type { SettingsStore } from '../storage/settings-store';

/** Exports reports; the desktop app saves through a dialog, the preview returns a download. */
export interface ReportExporter {
  export(
    record: RunRecord,
    format: 'pdf' | 'html' | 'csv' | 'json' | 'md',
    pageSize: 'A4' | 'Letter',
  ): Promise<z.input<typeof ReportExportResultSchema>>;
  summary(record: RunRecord): Promise<string>;
  /** The report of the run's current state (built once per state). */
  current(record: RunRecord): Promise<z.input<typeof CurrentReportSchema>>;
}

/** What the handlers need from the process around them. */
export interface HandlerDeps {
  /** Where exported files go: a save dialog in the desktop app, a download in the preview. */
  readonly saver: FileSaver;
  /** Writes the clipboard from the main process; absent where there is none (the preview). */
  readonly writeClipboard?: (text: string) => void;
  readonly version: string;
  readonly host: AppInfo['host'];
  readonly settings: SettingsStore;
  readonly profiles: ProfileStore;
  readonly runs: RunManager;
  readonly reports: ReportExporter;
  /** The practice tenant's accounts, for the hints shown in practice mode. */
  readonly practiceAccounts: () => Promise<readonly z.input<typeof PracticeAccountHintSchema>[]>;
  /** Opens the logs folder; false where there is none to open (the preview). */
  readonly openLogsFolder: () => Promise<boolean>;
  /** The app's log, for errors the window reports. */
  readonly log: { error(message: string, detail: unknown): void };
}

/** The main process's implementation of every bridge request. */
export const createHandlers = (deps: HandlerDeps): BridgeHandlers => ({
  app: {
    info: async () => ({
      version: deps.version,
      mode: effectivePracticeMode(await deps.settings.get()) ? 'practice' : 'live',
      host: deps.host,
    }),
  },
  client: {
    check: async ({ text }) => checkClientIdentifier(text),
  },
  settings: {
    get: () => deps.settings.get(),
    update: (patch) => deps.settings.update(patch),
  },
  profiles: {
    catalog: async () => permissionCatalog(),
    list: async () => {
      const listing = await deps.profiles.list();
      return { profiles: [...listing.profiles], movedAside: listing.movedAside.map((m) => m.message) };
    },
    import: async ({ text, replace }) => {
      const outcome = await deps.profiles.importText(text, { replace });
      switch (outcome.kind) {
        case 'saved':
          return { kind: 'saved', profile: outcome.stored, replaced: outcome.replaced };
        case 'invalid':
          return { kind: 'invalid', issues: [...outcome.issues] };
        case 'exists':
          return { kind: 'exists', existingId: outcome.existing.id };
      }
    },
    export: async ({ id }) => {
      const text = await deps.profiles.exportText(id);
      if (text === null) throw refused(`There is no profile ${id}.`);
      return deps.saver.save({
        fileName: `pia-profile-${id}.json`,
        mimeType: 'application/json',
        bytes: new TextEncoder().encode(text),
        filter: { name: 'Permission profile (JSON)', extensions: ['json'] },
      });
    },
    remove: async ({ id }) => ({ removed: await deps.profiles.remove(id) }),
  },
  practice: {
    accounts: async () =>
      effectivePracticeMode(await deps.settings.get()) ? [...(await deps.practiceAccounts())] : [],
  },
  onboarding: {
    start: async (request) => {
      await deps.settings.update({ technicianName: request.technician });
      return deps.runs.start(request);
    },
    preflight: async ({ runId }) => {
      const { view, checks } = await deps.runs.preflight(runId);
      return { receipt: receiptOf(view), checks: [...checks] };
    },
    signIn: async ({ runId, prompt }) => receiptOf(await deps.runs.signIn(runId, prompt)),
    cancelSignIn: async ({ runId }) => {
      deps.runs.cancelSignIn(runId);
      return {};
    },
    plan: async ({ runId }) => receiptOf(await deps.runs.plan(runId)),
    apply: async ({ runId }) => receiptOf(await deps.runs.apply(runId)),
    verify: async ({ runId }) => receiptOf(await deps.runs.verify(runId)),
    finish: async ({ runId, ownAccess }) => receiptOf(await deps.runs.finish(runId, ownAccess)),
    cancel: async ({ runId }) => receiptOf(await deps.runs.cancel(runId)),
  },
  runs: {
    list: async () => [...(await deps.runs.list())],
    get: ({ runId }) => deps.runs.get(runId),
    resume: ({ runId }) => deps.runs.resume(runId),
  },
  reports: {
    export: async ({ runId, format, pageSize }) =>
      deps.reports.export(await deps.runs.record(runId), format, pageSize),
    summary: async ({ runId }) => ({ text: await deps.reports.summary(await deps.runs.record(runId)) }),
    current: async ({ runId }) => deps.reports.current(await deps.runs.record(runId)),
  },
  clipboard: {
    writeText: async ({ text }) => {
      if (deps.writeClipboard === undefined) return { written: false };
      deps.writeClipboard(text);
      return { written: true };
    },
  },
  logs: {
    openFolder: async () => ({ opened: await deps.openLogsFolder() }),
    rendererError: async (error) => {
      deps.log.error(`The window's ${error.page} page stopped: ${error.message}`, {
        stack: error.stack,
        componentStack: error.componentStack,
      });
      return {};
    },
  },
});
