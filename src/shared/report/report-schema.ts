import { z } from 'zod';
import { StepIdSchema } from '../checklist/steps';
import { CloudIdSchema } from '../cloud/cloud';
import { ErrorSourceSchema, WhoCanFixSchema } from '../guidance/guidance';
import { EnterpriseAppStatusSchema, RemovalStatusSchema } from '../offboarding/removal-check';
import { EnterpriseAppActionSchema } from '../offboarding/removal-plan';
import { GrantStrategySchema, GuardIdSchema } from '../onboarding/run-entry';
import { RunOutcomeSchema } from '../onboarding/run-record';
import { PermissionStatusSchema } from '../onboarding/verification';
import { PermissionTypeSchema } from '../profile/permission-type';

/**
 * The version of the report format this build writes. Any change to a field's name, type or meaning, or a new
 * field, makes a new version (every object is strict: a reader of version 1 refuses fields it does not know).
 * docs/report-schema.md describes version 4 and what changed from versions 1 to 3; {@link readReport} reads all
 * four.
 */
export const REPORT_SCHEMA_VERSION = 4;

/** A SHA-256 digest as 64 lower-case hexadecimal digits. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');

const at = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();

/** How the run's journal says it ended, or `in-progress` for the run this process is still driving. */
export const ReportRunOutcomeSchema = z.union([RunOutcomeSchema, z.literal('in-progress')]);

/** The at-a-glance verdict's kinds. */
export const VerdictKindSchema = z.enum([
  /** Every requested permission verified granted. */
  'complete',
  /**
   * Every requested permission anyone can grant verified granted; the profile also lists entries the resource does
   * not offer as requested (`verdict.notGrantable` names them). Since version 2.
   */
  'complete-with-not-grantable',
  /** Verified, and at least one permission that can be granted is not (or the run never verified). */
  'incomplete',
  /** A guard stopped the run before anything was written (wrong tenant, missing role, wrong app). */
  'blocked',
  /** An error the run could not get past. */
  'failed',
  /** The technician cancelled the run. */
  'cancelled',
  /** The journal stops without an end: the app was closed or crashed. */
  'interrupted',
  /** The run is still going and has not verified yet (a report of a live run). */
  'in-progress',
]);

/** A requested permission nobody can grant, and why: what a verdict names. */
export const NotGrantableSchema = z
  .strictObject({
    resourceName: z.string(),
    type: PermissionTypeSchema,
    name: z.string(),
    /** Why, in words: "Microsoft Graph publishes Device.ReadWrite.All only as an application permission, …". */
    reason: z.string(),
  })
  .readonly();

/** The at-a-glance verdict's kinds. */
export type VerdictKind = z.infer<typeof VerdictKindSchema>;

/** The identifiers Microsoft support asks for, each null when Microsoft did not send it. */
export const ReportSupportIdsSchema = z
  .strictObject({
    correlationId: z.string().nullable(),
    traceId: z.string().nullable(),
    requestId: z.string().nullable(),
    clientRequestId: z.string().nullable(),
    timestamp: z.string().nullable(),
  })
  .readonly();

/** An error's raw facts, as the guidance catalog kept them, redacted. */
export const ReportGuidanceSchema = z
  .strictObject({
    source: ErrorSourceSchema,
    code: z.string(),
    httpStatus: z.number().int().nullable(),
    catalogKey: z.string(),
    /** False when the catalog did not know the code. */
    known: z.boolean(),
    /** Microsoft's own message, with anything token-like removed. */
    rawMessage: z.string(),
    /** Microsoft's page about the error. */
    learnMore: z.string(),
    support: ReportSupportIdsSchema,
  })
  .readonly();

/** An error's raw facts. */
export type ReportGuidance = z.infer<typeof ReportGuidanceSchema>;

/** What proves a permission's status. */
export const ReportEvidenceSchema = z
  .strictObject({
    kind: z.enum(['oauth2PermissionGrant', 'appRoleAssignment', 'none']),
    /** The oauth2PermissionGrant or appRoleAssignment that holds the permission. */
    objectId: z.string().nullable(),
    createdDateTime: z.string().nullable(),
    /** For user-consent-only: the users whose own consent holds the scope. */
    principalIds: z.array(z.string()).readonly(),
    /** In words: "Admin consent for all users (AllPrincipals).", "Not verified: …". */
    note: z.string(),
  })
  .readonly();

/** One requested permission and where it stands: a row of every report's table. */
export const ReportPermissionSchema = z
  .strictObject({
    resourceAppId: z.string(),
    resourceName: z.string(),
    type: PermissionTypeSchema,
    name: z.string(),
    /** The permission's ID at the resource; null when the resource does not offer it, or when it was never read. */
    id: z.string().nullable(),
    status: PermissionStatusSchema,
    evidence: ReportEvidenceSchema,
  })
  .readonly();

/** One requested permission and where it stands. */
export type ReportPermission = z.infer<typeof ReportPermissionSchema>;

/** A permission the target app holds that the profile does not list. */
export const ReportExtraSchema = z
  .strictObject({
    resourceAppId: z.string(),
    resourceName: z.string(),
    type: PermissionTypeSchema,
    name: z.string(),
    /** The grant or assignment that holds it. */
    objectId: z.string(),
  })
  .readonly();

/** A permission held but not listed. */
export type ReportExtra = z.infer<typeof ReportExtraSchema>;

/**
 * How one change ended; `unknown` when the run stopped before the answer arrived; `already-gone` when a removal found
 * its object removed already (Graph's 404; since version 4).
 */
export const ChangeOutcomeSchema = z.enum([
  'applied',
  'already-present',
  'already-gone',
  'failed',
  'unknown',
]);

/** The kinds of change of version 3, an onboarding's only. */
const ONBOARDING_CHANGE_KINDS = [
  'create-service-principal',
  'create-grant',
  'extend-grant',
  'assign-app-role',
  'admin-consent',
] as const;

/** One change, for the kinds and outcomes of a version. */
const changeSchema = <K extends z.ZodType, O extends z.ZodType>(kind: K, outcome: O) =>
  z
    .strictObject({
      /** The journal's write ID; `admin-consent` for Microsoft's admin-consent page. */
      id: z.string(),
      kind,
      /** In words: "Granted 18 delegated permissions of Microsoft Graph for all users". */
      summary: z.string(),
      resourceAppId: z.string().nullable(),
      resourceName: z.string().nullable(),
      /** The permissions the change adds or removes (scopes or app role values); empty for a service principal. */
      permissions: z.array(z.string()).readonly(),
      /** The Graph request; null for the admin-consent page. */
      method: z.enum(['POST', 'PATCH', 'DELETE']).nullable(),
      url: z.string().nullable(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      outcome,
      httpStatus: z.number().int().nullable(),
      /** The `request-id` Graph gave the request, for Microsoft support. */
      requestId: z.string().nullable(),
      /** The object created, changed or removed. */
      objectId: z.string().nullable(),
    })
    .readonly();

/** One change of a version 3 report (or earlier). */
const ReportChangeV3Schema = changeSchema(
  z.enum(ONBOARDING_CHANGE_KINDS),
  ChangeOutcomeSchema.exclude(['already-gone']),
);

/**
 * One change the run made (or tried to make) in the tenant, from the journal. An offboarding's removals
 * (`remove-access`, `disable-enterprise-app`, `delete-enterprise-app`) since version 4.
 */
export const ReportChangeSchema = changeSchema(
  z.enum([...ONBOARDING_CHANGE_KINDS, 'remove-access', 'disable-enterprise-app', 'delete-enterprise-app']),
  ChangeOutcomeSchema,
);

/** One change the run made in the tenant. */
export type ReportChange = z.infer<typeof ReportChangeSchema>;

/** What a warning is about. */
export const WarningKindSchema = z.enum([
  /** A step's error, with the guidance catalog's advice. */
  'problem',
  /** A Graph write that Graph refused. */
  'failed-write',
  /** A Graph write whose answer never arrived: it may or may not have reached the tenant. */
  'unsettled-write',
  /** A guard that stopped the run before any write. */
  'failed-guard',
  /** Microsoft's admin-consent page came back with an error. */
  'admin-consent',
  /** The target app's service principal is disabled in the tenant. */
  'target-disabled',
  /** A requested permission the resource does not offer, and why. */
  'not-offered',
  /** Delegated permissions held only through single users' consent. */
  'user-consent-only',
]);

/** What a warning is about. */
export type WarningKind = z.infer<typeof WarningKindSchema>;

/** Something the reader must know: a problem, a refused or unanswered write, a permission that cannot be had. */
export const ReportWarningSchema = z
  .strictObject({
    kind: WarningKindSchema,
    /** When it happened; null for a fact about the tenant rather than an event. */
    at: z.string().nullable(),
    /** The checklist step it belongs to. */
    step: StepIdSchema.nullable(),
    title: z.string(),
    message: z.string(),
    whatToDo: z.array(z.string()).readonly(),
    whoCanFix: WhoCanFixSchema.nullable(),
    /** What it concerns: write IDs, or permissions as "type:name". */
    related: z.array(z.string()).readonly(),
    guidance: ReportGuidanceSchema.nullable(),
  })
  .readonly();

/** Something the reader must know. */
export type ReportWarning = z.infer<typeof ReportWarningSchema>;

/** The number of requested permissions in each status, and in all. */
export const ReportCountsSchema = z
  .strictObject({
    granted: count,
    missing: count,
    'not-offered': count,
    'user-consent-only': count,
    'app-disabled': count,
    total: count,
  })
  .readonly();

/** The number of requested permissions in each status. */
export type ReportCounts = z.infer<typeof ReportCountsSchema>;

/**
 * What the run achieved, at a glance. It comes from the latest verification whenever there is one (whether or not
 * the run was finished), otherwise from how the run stopped.
 */
export const ReportVerdictSchema = z
  .strictObject({
    kind: VerdictKindSchema,
    /** At a glance: "Complete", "Complete (1 entry nobody can grant)", "Incomplete: 2 missing", "Blocked". */
    text: z.string(),
    /** One sentence more; it names every entry nobody can grant and why. */
    detail: z.string(),
    /** The profile's entries nobody can grant, as verified (or as planned, for a run that never verified). */
    notGrantable: z.array(NotGrantableSchema).readonly(),
  })
  .readonly();

/** What the run achieved, at a glance. */
export type ReportVerdict = z.infer<typeof ReportVerdictSchema>;

/** What became of one part of the tool's own footprint at Finish. */
export const ToolAccessStatusSchema = z.enum([
  /** Graph answered 204: removed by this run. */
  'removed',
  /** Graph answered 404: it was gone already. */
  'already-gone',
  /** Graph refused the removal; `guidance` says why. */
  'failed',
  /** The removal was sent and its answer never arrived. */
  'unknown',
  /** Chosen for removal but never sent (a grant before it was not removed, or removing stopped). */
  'not-attempted',
  /** Left in the tenant; `reason` says why. */
  'kept',
]);

/** One part of the tool's own footprint: its enterprise application, or one of its delegated grants. */
export const ToolAccessItemSchema = z
  .strictObject({
    kind: z.enum(['grant', 'enterprise-app']),
    /** The grant's or the enterprise application's object ID. */
    objectId: z.string(),
    /** In words: "The tool’s delegated grant for all users: User.Read, …". */
    description: z.string(),
    /** For a grant: `AllPrincipals` (every user) or `Principal` (one user, `principalId`). */
    consentType: z.enum(['AllPrincipals', 'Principal']).nullable(),
    principalId: z.string().nullable(),
    scopes: z.array(z.string()).readonly(),
    status: ToolAccessStatusSchema,
    /** Why it was kept or not attempted, in words; null otherwise. */
    reason: z.string().nullable(),
    /** When Graph answered the removal. */
    at: z.string().nullable(),
    httpStatus: z.number().int().nullable(),
    requestId: z.string().nullable(),
    guidance: ReportGuidanceSchema.nullable(),
  })
  .readonly();

/** One part of the tool's own footprint and what became of it. */
export type ToolAccessItem = z.infer<typeof ToolAccessItemSchema>;

/** What Finish did about the tool's own access to the tenant (docs/own-access.md). Since version 3. */
export const ToolAccessSchema = z
  .strictObject({
    /** When Finish read what the tool held. */
    at: z.string(),
    /** The sign-in app's application (client) ID; null when Finish could not read the tenant. */
    signInAppId: z.string().nullable(),
    /** What the technician chose for the run. */
    removeGrants: z.boolean(),
    deleteEnterpriseApp: z.boolean(),
    /** Why nothing was read or removed, in words; null when Finish read the tenant. */
    skipped: z.string().nullable(),
    items: z.array(ToolAccessItemSchema).readonly(),
    /** Why reading or removing stopped, if it did. */
    stopped: ReportGuidanceSchema.nullable(),
  })
  .readonly();

/** What Finish did about the tool's own access. */
export type ToolAccess = z.infer<typeof ToolAccessSchema>;

/** What an offboarding's read-back found of one permission; `not-verified` before any read-back. Since version 4. */
export const ReportRemovalStatusSchema = z.union([RemovalStatusSchema, z.literal('not-verified')]);

/** One permission of an offboarding's table. Since version 4. */
export const ReportRemovalRowSchema = z
  .strictObject({
    /** The resource's application ID; null for a resource the tenant could not name (deleted since). */
    resourceAppId: z.string().nullable(),
    resourceName: z.string(),
    type: PermissionTypeSchema,
    /** The scope or app role value (an app role's ID where the resource does not publish it). */
    name: z.string(),
    /** Whether the profile lists it: offboarding removes what the app holds, listed or not. */
    listed: z.boolean(),
    status: ReportRemovalStatusSchema,
  })
  .readonly();

/** One permission of an offboarding's table. */
export type ReportRemovalRow = z.infer<typeof ReportRemovalRowSchema>;

/**
 * What an offboarding run removed and what its read-back found (docs/offboarding.md). Null for an onboarding run, whose
 * `permissions` say what it granted. Since version 4.
 */
export const ReportRemovalSchema = z
  .strictObject({
    /** What the technician chose for the enterprise application. */
    action: EnterpriseAppActionSchema,
    /** The app's enterprise application as the plan read it; null when the tenant held none. */
    enterpriseApp: z
      .strictObject({ id: z.string(), appId: z.string(), displayName: z.string().nullable() })
      .readonly()
      .nullable(),
    /** What the read-back found of it; null before any read-back. */
    enterpriseAppStatus: EnterpriseAppStatusSchema.nullable(),
    /** The read-back the table comes from; null when the run never read the tenant back. */
    checkedAt: z.string().nullable(),
    attempt: z.number().int().positive().nullable(),
    rows: z.array(ReportRemovalRowSchema).readonly(),
    counts: z
      .strictObject({
        removed: count,
        'still-present': count,
        'not-present': count,
        'not-verified': count,
        total: count,
      })
      .readonly(),
  })
  .readonly();

/** What an offboarding run removed. */
export type ReportRemoval = z.infer<typeof ReportRemovalSchema>;

const reportShape = {
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  generatedAt: at,
  /** The version of the tool that made this report (the run's own is `run.toolVersion`). */
  toolVersion: z.string(),
  /** The run targeted the practice tenant, not a client's: every format says so on every page. */
  practice: z.boolean(),
  run: z
    .strictObject({
      id: z.string(),
      toolVersion: z.string(),
      startedAt: z.string(),
      /** When the journal recorded the run's end; null when it never did. */
      endedAt: z.string().nullable(),
      /** The time of the journal's last entry. */
      lastEntryAt: z.string(),
      /** Seconds from start to end (or to the last entry, for a run that never ended). */
      durationSeconds: count,
      outcome: ReportRunOutcomeSchema,
      /** Whether the run granted the app's access or took it away. Since version 4. */
      kind: z.enum(['onboarding', 'offboarding']),
      /** How consent is granted (an offboarding grants nothing: its value is the default's, and unused). */
      strategy: GrantStrategySchema,
      /** Where the administrator signed in: the app's own window, or the default browser. */
      signInBrowser: z.enum(['in-app', 'system']),
      /** The first step that did not finish; null when every step did. */
      stoppedAt: StepIdSchema.nullable(),
    })
    .readonly(),
  verdict: ReportVerdictSchema,
  tenant: z
    .strictObject({
      /** The tenant ID; null when the run stopped before it was known. */
      id: z.string().nullable(),
      /** The organization's name from Microsoft Graph; null before the administrator signed in. */
      displayName: z.string().nullable(),
      /** What the technician typed on the Client step. */
      enteredAs: z.string(),
      defaultDomain: z.string().nullable(),
      domains: z
        .array(
          z.strictObject({ name: z.string(), isDefault: z.boolean(), isInitial: z.boolean() }).readonly(),
        )
        .readonly(),
    })
    .readonly(),
  cloud: z
    .strictObject({
      id: CloudIdSchema,
      displayName: z.string(),
      /** What decided it: "cloud_instance_name microsoftonline.com". */
      evidence: z.string(),
    })
    .readonly()
    .nullable(),
  targetApp: z
    .strictObject({ appId: z.string(), displayName: z.string(), profileName: z.string() })
    .readonly(),
  technician: z.string(),
  ticket: z.string().nullable(),
  /** The administrator who signed in, and the directory roles they hold; null when nobody did. */
  admin: z
    .strictObject({
      userPrincipalName: z.string(),
      displayName: z.string().nullable(),
      objectId: z.string(),
      /** The tenant the account signed in to (`tid`). */
      tenantId: z.string(),
      roles: z
        .array(
          z
            .strictObject({
              displayName: z.string(),
              roleTemplateId: z.string(),
              state: z.enum(['active', 'eligible']),
            })
            .readonly(),
        )
        .readonly(),
    })
    .readonly()
    .nullable(),
  guards: z
    .array(z.strictObject({ guard: GuardIdSchema, passed: z.boolean(), message: z.string() }).readonly())
    .readonly(),
  /** The verification the permission table comes from; null when the run never verified. */
  verification: z
    .strictObject({ at: z.string(), attempt: z.number().int().positive() })
    .readonly()
    .nullable(),
  counts: ReportCountsSchema,
  permissions: z.array(ReportPermissionSchema).readonly(),
  extras: z.array(ReportExtraSchema).readonly(),
  changes: z.array(ReportChangeSchema).readonly(),
  warnings: z.array(ReportWarningSchema).readonly(),
  /** What Finish did about the tool's own access; null before Finish (and for runs that nobody signed in to). */
  toolAccess: ToolAccessSchema.nullable(),
  /** What an offboarding run removed; null for an onboarding run. Since version 4. */
  removal: ReportRemovalSchema.nullable(),
};

/** The fields of version 3: no `run.kind`, no `removal`, and an onboarding's changes only. */
const { removal: _removal, ...reportShapeV3Rest } = reportShape;
const { kind: _kind, ...runShapeV3 } = reportShape.run.unwrap().shape;
const reportShapeV3 = {
  ...reportShapeV3Rest,
  run: z.strictObject(runShapeV3).readonly(),
  changes: z.array(ReportChangeV3Schema).readonly(),
};

/** The fields of version 2, which has no `toolAccess`. */
const { toolAccess: _toolAccess, ...reportShapeV2 } = reportShapeV3;

/** A report before its digest is computed: everything the digest covers. */
export const ReportContentSchema = z.strictObject(reportShape).readonly();

/** A report before its digest is computed. */
export type ReportContent = z.infer<typeof ReportContentSchema>;

/**
 * The report, version 4: the proof of one run that every format (PDF, HTML, CSV, JSON, Markdown,
 * summary) is rendered from. `digest` is the SHA-256 of the canonical JSON of everything else.
 */
export const ReportSchema = z.strictObject({ ...reportShape, digest: Sha256HexSchema }).readonly();

/** The onboarding report. */
export type Report = z.infer<typeof ReportSchema>;

/** A report of version 3, as earlier builds wrote it: onboarding runs only. Read, never written. */
export const ReportV3Schema = z
  .strictObject({ ...reportShapeV3, schemaVersion: z.literal(3), digest: Sha256HexSchema })
  .readonly();

/** A report of version 3. */
export type ReportV3 = z.infer<typeof ReportV3Schema>;

/** A report of version 2, as earlier builds wrote it: no `toolAccess`. Read, never written. */
export const ReportV2Schema = z
  .strictObject({ ...reportShapeV2, schemaVersion: z.literal(2), digest: Sha256HexSchema })
  .readonly();

/** A report of version 2. */
export type ReportV2 = z.infer<typeof ReportV2Schema>;

/**
 * A report of version 1, as earlier builds wrote it: no `complete-with-not-grantable` verdict and no
 * `verdict.notGrantable`. Read, never written.
 */
export const ReportV1Schema = z
  .strictObject({
    ...reportShapeV2,
    schemaVersion: z.literal(1),
    verdict: z
      .strictObject({
        kind: VerdictKindSchema.exclude(['complete-with-not-grantable']),
        text: z.string(),
        detail: z.string(),
      })
      .readonly(),
    digest: Sha256HexSchema,
  })
  .readonly();

/** A report of version 1. */
export type ReportV1 = z.infer<typeof ReportV1Schema>;
