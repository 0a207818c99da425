import { z } from 'zod';
import { OffboardChoiceSchema } from '../offboarding/removal-plan';
import { OwnAccessOptionsSchema } from '../onboarding/own-access';
import { GrantStrategySchema } from '../onboarding/run-entry';
import { RunProgressSchema } from '../onboarding/run-progress';
import { RunOutcomeSchema } from '../onboarding/run-record';
import { ProfileImportIssueSchema } from '../profile/import-profile';
import { PermissionCatalogSchema } from '../profile/permission-catalog';
import { PermissionProfileSchema } from '../profile/permission-profile';
import { ReportVerdictSchema, Sha256HexSchema } from '../report/report-schema';
import { SettingsPatchSchema, SettingsSchema } from '../settings/settings';
import { ClientIdentifierCheckSchema } from '../tenant/client-identifier';
import { type BridgeApiOf, type BridgeHandlersOf, type ContractShape, request } from './define';
import { RunChangeSchema, RunReceiptSchema, RunViewSchema } from './run-view';

/** What the main process says about itself when the renderer starts. */
export const AppInfoSchema = z
  .object({
    version: z.string(),
    /** `practice` when no sign-in app is configured: only the practice tenant can be onboarded. */
    mode: z.enum(['practice', 'live']),
    /** Which transport carries the bridge: the desktop app's IPC, or the browser preview's WebSocket. */
    host: z.enum(['electron', 'preview']),
  })
  .readonly();

/** What the main process says about itself. */
export type AppInfo = z.infer<typeof AppInfoSchema>;

const RunIdInput = z.object({ runId: z.uuid() }).strict();

export {
  type RunChange,
  RunChangeSchema,
  type RunReceipt,
  RunReceiptSchema,
  type RunView,
  RunViewSchema,
} from './run-view';

/** One line of run history. */
export const RunSummarySchema = z
  .object({
    runId: z.string(),
    client: z.string(),
    organization: z.string().nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    outcome: z.union([RunOutcomeSchema, z.literal('in-progress')]),
    practice: z.boolean(),
    strategy: GrantStrategySchema,
    /** An offboarding run's choice for the enterprise application; null for an onboarding. */
    offboard: OffboardChoiceSchema.nullable(),
    /** Permissions verified granted (onboarding) or removed (offboarding), of `total`; null before verifying. */
    granted: z.number().int().nullable(),
    removed: z.number().int().nullable(),
    /** An offboarding's permissions still held at its latest read-back; null before it, and for an onboarding. */
    left: z.number().int().nullable(),
    total: z.number().int().nullable(),
    /** Entries of the profile nobody can grant (the resource does not offer them as requested); null before verifying. */
    notGrantable: z.number().int().nullable(),
    /** Resumable: interrupted, or stopped before verifying. */
    resumable: z.boolean(),
  })
  .readonly();

/** One line of run history. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** What the technician submits on the Client step. */
export const StartRunRequestSchema = z
  .object({
    clientText: z.string().min(1).max(1024),
    technician: z.string().trim().min(1).max(200),
    ticket: z.string().trim().max(200).nullable(),
    profileId: z.string().min(1).max(100),
    strategy: GrantStrategySchema,
    /** Present for an offboarding run: the target app's access is removed instead of granted. */
    offboard: OffboardChoiceSchema.optional(),
  })
  .strict();

/** What the technician submits on the Client step, as the main process receives it. */
export type StartRunRequest = z.infer<typeof StartRunRequestSchema>;

/** A profile the technician can pick. */
export const ProfileEntrySchema = z
  .object({ id: z.string(), builtIn: z.boolean(), profile: PermissionProfileSchema })
  .readonly();

/** The preflight checks of a run, each with a green or red mark and what to do about red. */
export const PreflightCheckSchema = z
  .object({
    id: z.enum(['sign-in-endpoint', 'sign-in-app', 'graph-endpoint', 'clock', 'profile']),
    label: z.string(),
    ok: z.boolean(),
    detail: z.string(),
    whatToDo: z.array(z.string()).readonly(),
  })
  .readonly();

/** A report format. */
export const ReportFormatSchema = z.enum(['pdf', 'html', 'csv', 'json', 'md']);

/** What exporting a file (a report, a profile) produced. */
export const FileExportResultSchema = z.discriminatedUnion('kind', [
  /** The preview: the browser downloads the file. */
  z
    .object({ kind: z.literal('download'), fileName: z.string(), mimeType: z.string(), base64: z.string() })
    .readonly(),
  /** The desktop app: saved where the technician chose in the save dialog. */
  z.object({ kind: z.literal('saved'), path: z.string() }).readonly(),
  /** The technician closed the save dialog. */
  z.object({ kind: z.literal('cancelled') }).readonly(),
]);

/** What exporting a report produced, and the digest of the report the file was rendered from. */
export const ReportExportResultSchema = z
  .object({ file: FileExportResultSchema, digest: Sha256HexSchema })
  .readonly();

/**
 * The report of a run's current state: built once per state, so every format exported from it carries this digest;
 * a change to the run (Verify again, Finish) makes another.
 */
export const CurrentReportSchema = z
  .object({ digest: Sha256HexSchema, generatedAt: z.string(), verdict: ReportVerdictSchema })
  .readonly();

/** The report of a run's current state. */
export type CurrentReport = z.infer<typeof CurrentReportSchema>;

/** A practice account shown as a hint in practice mode. */
export const PracticeAccountHintSchema = z
  .object({ upn: z.string(), password: z.string(), tenant: z.string(), description: z.string() })
  .readonly();

/** An error that stopped a page of the window from rendering, for the app's log. */
export const RendererErrorSchema = z
  .object({
    page: z.enum(['checklist', 'history', 'settings']),
    message: z.string().max(2_000),
    stack: z.string().max(20_000).nullable(),
    componentStack: z.string().max(20_000).nullable(),
  })
  .strict();

/** An error that stopped a page of the window from rendering. */
export type RendererError = z.infer<typeof RendererErrorSchema>;

/**
 * The bridge contract: every request the renderer can make of the main process and every event it receives.
 *
 * Both transports (Electron IPC through the preload, and the preview host's WebSocket) carry exactly this
 * contract; the main process validates every payload against it before a handler sees it.
 */
export const bridgeContract = {
  requests: {
    app: {
      /** Version, mode and host of the running app. */
      info: request(z.object({}).strict(), AppInfoSchema),
    },
    client: {
      /** Checks what the technician typed as the client: a domain or tenant ID, refusing consumer domains. */
      check: request(z.object({ text: z.string().max(1024) }).strict(), ClientIdentifierCheckSchema),
    },
    settings: {
      get: request(z.object({}).strict(), SettingsSchema),
      /** Changes some settings; returns them all. */
      update: request(SettingsPatchSchema, SettingsSchema),
    },
    profiles: {
      /** The built-in profile first, then the saved ones; damaged files are moved aside and reported. */
      list: request(
        z.object({}).strict(),
        z.object({ profiles: z.array(ProfileEntrySchema), movedAside: z.array(z.string()) }),
      ),
      /** Imports profile text; errors name the field, line and column, and nothing saved is lost. */
      import: request(
        z.object({ text: z.string().max(1_000_000), replace: z.boolean() }).strict(),
        z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('saved'), profile: ProfileEntrySchema, replaced: z.boolean() }),
          z.object({ kind: z.literal('invalid'), issues: z.array(ProfileImportIssueSchema) }),
          z.object({ kind: z.literal('exists'), existingId: z.string() }),
        ]),
      ),
      /** Exports a profile: a save dialog in the app, a download in the preview. */
      export: request(z.object({ id: z.string().max(100) }).strict(), FileExportResultSchema),
      remove: request(z.object({ id: z.string().max(100) }).strict(), z.object({ removed: z.boolean() })),
      /** The permissions the app knows resources to publish, for the profile editor's suggestions and checks. */
      catalog: request(z.object({}).strict(), PermissionCatalogSchema),
    },
    practice: {
      /** The practice tenant's accounts, shown as hints in practice mode; empty outside it. */
      accounts: request(z.object({}).strict(), z.array(PracticeAccountHintSchema)),
    },
    // A run's steps answer with a receipt (how far its journal stands); the entries come in `changed` events
    // before it. Starting, resuming and reading a run answer with its whole view.
    onboarding: {
      /** Starts a run from the Client step (nothing is looked up yet). */
      start: request(StartRunRequestSchema, RunViewSchema),
      /** Preflight: discovers the tenant and checks endpoints, clock and profile. */
      preflight: request(
        RunIdInput,
        z.object({ receipt: RunReceiptSchema, checks: z.array(PreflightCheckSchema) }),
      ),
      /** Signs the client's administrator in, then reads identity and checks the guards. */
      signIn: request(
        z.object({ runId: z.uuid(), prompt: z.enum(['select_account', 'login']) }).strict(),
        RunReceiptSchema,
      ),
      cancelSignIn: request(RunIdInput, z.object({})),
      /** Reads the tenant and computes the plan; writes nothing. */
      plan: request(RunIdInput, RunReceiptSchema),
      /** Applies the reviewed plan by the run's strategy. */
      apply: request(RunIdInput, RunReceiptSchema),
      /** Verifies every listed permission, waiting out replication. */
      verify: request(RunIdInput, RunReceiptSchema),
      /**
       * Ends the run: removes the tool's own access to the tenant as the technician chose (its last writes; the
       * settings' choice when `ownAccess` is left out), then signs out and wipes the session.
       */
      finish: request(
        z.object({ runId: z.uuid(), ownAccess: OwnAccessOptionsSchema.optional() }).strict(),
        RunReceiptSchema,
      ),
      cancel: request(RunIdInput, RunReceiptSchema),
    },
    runs: {
      /** Run history, newest first. */
      list: request(z.object({}).strict(), z.array(RunSummarySchema)),
      get: request(RunIdInput, RunViewSchema),
      /** Takes up a stored run (to finish an interrupted one or re-verify a finished one); sign in again next. */
      resume: request(RunIdInput, RunViewSchema),
    },
    reports: {
      /** Exports a run's report: a save dialog in the app, a download in the preview. */
      export: request(
        z
          .object({ runId: z.uuid(), format: ReportFormatSchema, pageSize: z.enum(['A4', 'Letter']) })
          .strict(),
        ReportExportResultSchema,
      ),
      /** The short text of "Copy summary". */
      summary: request(RunIdInput, z.object({ text: z.string() })),
      /** The report of the run's current state: its digest, when it was made and its verdict. */
      current: request(RunIdInput, CurrentReportSchema),
    },
    clipboard: {
      /**
       * Puts text on the clipboard from the main process (the desktop app denies the page clipboard access);
       * `written: false` where the main process has no clipboard (the preview), and the page copies it itself.
       */
      writeText: request(
        z.object({ text: z.string().max(200_000) }).strict(),
        z.object({ written: z.boolean() }),
      ),
    },
    logs: {
      /** Opens the folder of the log files (desktop app only). */
      openFolder: request(z.object({}).strict(), z.object({ opened: z.boolean() })),
      /** Writes an error that stopped a page of the window to the app's log (redacted like every entry). */
      rendererError: request(RendererErrorSchema, z.object({})),
    },
  },
  events: {
    onboarding: {
      /**
       * A run's journal grew: the entries since the last event, at most one event per 200 ms while a step works, then
       * the step's last ones (before its answer).
       */
      changed: RunChangeSchema,
      /** A long step's progress. */
      progress: RunProgressSchema,
    },
  },
} as const satisfies ContractShape;

/** The bridge contract's type. */
export type BridgeContract = typeof bridgeContract;

/** The renderer's typed API: `bridge.client.check({ text })`. */
export type BridgeApi = BridgeApiOf<BridgeContract>;

/** What the main process implements. */
export type BridgeHandlers = BridgeHandlersOf<BridgeContract>;
