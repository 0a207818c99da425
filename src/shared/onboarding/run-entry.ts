import { z } from 'zod';
import { CloudIdSchema } from '../cloud/cloud';
import { GuidanceSchema } from '../guidance/guidance';
import { EnterpriseAppStatusSchema, RemovalRowSchema } from '../offboarding/removal-check';
import {
  HeldAccessSchema,
  OffboardChoiceSchema,
  RemovalPlanSchema,
  TargetEnterpriseAppSchema,
} from '../offboarding/removal-plan';
import { PermissionProfileSchema } from '../profile/permission-profile';
import { ClientIdentifierSchema } from '../tenant/client-identifier';
import { OwnAccessDecisionSchema, OwnAccessRemovalSchema, RemovalOutcomeSchema } from './own-access';
import { AppRoleAssignmentChangeSchema, DelegatedGrantChangeSchema, PlanSchema } from './plan';
import { ExtraPermissionSchema, PermissionStatusSchema, VerificationRowSchema } from './verification';

/**
 * The journal of one onboarding run: every step and every write, appended durably as it happens (one JSON object
 * per line, see src/main/storage/journal.ts). The run record, run history, resume and every report are folds of
 * these entries. Nothing here may hold a token, an authorization code, a cookie or a password.
 */
export const RUN_JOURNAL_VERSION = 1;

/** How consent is granted: writes through Microsoft Graph, or Microsoft's own admin-consent page. */
export const GrantStrategySchema = z.enum(['direct-grant', 'admin-consent-page']);

/** How consent is granted. */
export type GrantStrategy = z.infer<typeof GrantStrategySchema>;

/** What the technician entered on the Client step. */
export const RunInputSchema = z
  .object({
    /** The client as typed: a domain or tenant ID. */
    clientText: z.string().min(1).max(1024),
    identifier: ClientIdentifierSchema,
    technician: z.string().trim().min(1).max(200),
    ticket: z.string().trim().max(200).nullable(),
    profile: PermissionProfileSchema,
    strategy: GrantStrategySchema,
    /** Who signs in: the in-app window with its own session, or the technician's default browser. */
    browser: z.enum(['in-app', 'system']),
    /**
     * Present for an offboarding run, which removes the target app's access instead of granting it
     * (src/shared/offboarding/removal-plan.ts); `strategy` is then unused.
     */
    offboard: OffboardChoiceSchema.optional(),
  })
  .readonly();

/** What the technician entered on the Client step. */
export type RunInput = z.infer<typeof RunInputSchema>;

/** Where the client's tenant lives, found through OpenID discovery without signing in. */
export const DiscoverySchema = z
  .object({
    tenantId: z.string(),
    cloud: CloudIdSchema,
    cloudDisplayName: z.string(),
    authorityOrigin: z.string(),
    graphOrigin: z.string(),
    /** What decided the cloud: "cloud_instance_name microsoftonline.com". */
    evidence: z.string(),
  })
  .readonly();

/** Where the client's tenant lives. */
export type Discovery = z.infer<typeof DiscoverySchema>;

/** The administrator who signed in, from the ID token and `/me` (never the token itself). */
export const SignedInAccountSchema = z
  .object({
    userPrincipalName: z.string(),
    displayName: z.string().nullable(),
    objectId: z.string(),
    /** The `tid` claim: the tenant the account signed in to. */
    tenantId: z.string(),
  })
  .readonly();

/** The administrator who signed in. */
export type SignedInAccount = z.infer<typeof SignedInAccountSchema>;

/** A verified domain of the client's organization. */
export const VerifiedDomainSchema = z
  .object({ name: z.string(), isDefault: z.boolean(), isInitial: z.boolean() })
  .readonly();

/** The client's organization as Microsoft Graph describes it (`/organization`). */
export const OrganizationSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    verifiedDomains: z.array(VerifiedDomainSchema).readonly(),
  })
  .readonly();

/** The client's organization. */
export type Organization = z.infer<typeof OrganizationSchema>;

/** A directory role the signed-in administrator holds: active now, or only eligible through PIM. */
export const HeldRoleSchema = z
  .object({
    roleTemplateId: z.string(),
    displayName: z.string(),
    state: z.enum(['active', 'eligible']),
  })
  .readonly();

/** A directory role the administrator holds. */
export type HeldRole = z.infer<typeof HeldRoleSchema>;

/** The guards that must all pass before anything is written to the tenant. */
export const GuardIdSchema = z.enum(['tenant', 'role', 'target-app']);

/** The step of the engine a `problem` entry names (the checklist's steps, with discovery and the consent page). */
export const ProblemStepSchema = z.enum([
  'discover',
  'sign-in',
  'identity',
  'plan',
  'grant',
  'admin-consent',
  'verify',
]);

/** The step of the engine a `problem` entry names. */
export type ProblemStep = z.infer<typeof ProblemStepSchema>;

/** One guard's verdict. */
export const GuardResultSchema = z
  .object({
    guard: GuardIdSchema,
    passed: z.boolean(),
    /** What the technician reads: "You signed in to Fabrikam, not Contoso." */
    message: z.string(),
    /** What to do about a failed guard, step by step. */
    whatToDo: z.array(z.string()).readonly(),
  })
  .readonly();

/** One guard's verdict. */
export type GuardResult = z.infer<typeof GuardResultSchema>;

/** What one write does, for the journal and the progress display. */
export const WriteIntentSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('create-service-principal'), appId: z.string(), displayName: z.string() })
    .readonly(),
  z.object({ kind: z.literal('create-grant'), change: DelegatedGrantChangeSchema }).readonly(),
  z.object({ kind: z.literal('extend-grant'), change: DelegatedGrantChangeSchema }).readonly(),
  z.object({ kind: z.literal('assign-app-role'), change: AppRoleAssignmentChangeSchema }).readonly(),
  /** Offboarding: removes a delegated grant or an app role assignment the target app holds. */
  z.object({ kind: z.literal('remove-access'), item: HeldAccessSchema }).readonly(),
  /** Offboarding: disables the target app's enterprise application (`accountEnabled` false). */
  z.object({ kind: z.literal('disable-enterprise-app'), app: TargetEnterpriseAppSchema }).readonly(),
  /** Offboarding: deletes the target app's enterprise application. */
  z.object({ kind: z.literal('delete-enterprise-app'), app: TargetEnterpriseAppSchema }).readonly(),
]);

/** What one write does. */
export type WriteIntent = z.infer<typeof WriteIntentSchema>;

/** The Graph request of one write, as sent inside a `$batch` (IDs, scopes and app role IDs: nothing secret). */
export const WriteRequestSchema = z
  .object({
    method: z.enum(['POST', 'PATCH', 'DELETE']),
    url: z.string(),
    body: z.record(z.string(), z.unknown()).nullable(),
  })
  .readonly();

/** How a write ended. */
export const WriteOutcomeSchema = z.enum([
  /** Graph answered 2xx: the object was created or changed. */
  'applied',
  /** Graph answered that the object already exists: the tenant already held it (a resumed or repeated run). */
  'already-present',
  /** A removal Graph answered 404: the object was gone already (removed by someone else, or by a cut-off run). */
  'already-gone',
  /** Graph refused it; `guidance` says why. */
  'failed',
]);

const at = z.iso.datetime({ offset: true });

/** One line of a run's journal. */
export const RunEntrySchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('run-started'),
      at,
      runId: z.string(),
      journalVersion: z.literal(RUN_JOURNAL_VERSION),
      toolVersion: z.string(),
      /** The run targets the practice tenant: marked as such everywhere. */
      practice: z.boolean(),
      input: RunInputSchema,
    })
    .readonly(),
  z.object({ type: z.literal('discovered'), at, discovery: DiscoverySchema }).readonly(),
  z
    .object({ type: z.literal('sign-in-started'), at, prompt: z.enum(['select_account', 'login']) })
    .readonly(),
  z.object({ type: z.literal('signed-in'), at, account: SignedInAccountSchema }).readonly(),
  z
    .object({
      type: z.literal('identity-read'),
      at,
      organization: OrganizationSchema,
      roles: z.array(HeldRoleSchema).readonly(),
    })
    .readonly(),
  z.object({ type: z.literal('guard'), at, result: GuardResultSchema }).readonly(),
  z.object({ type: z.literal('planned'), at, plan: PlanSchema }).readonly(),
  /** An offboarding run read everything the target app holds and planned its removal. */
  z.object({ type: z.literal('removal-planned'), at, plan: RemovalPlanSchema }).readonly(),
  z.object({ type: z.literal('plan-confirmed'), at }).readonly(),
  z
    .object({
      type: z.literal('write-started'),
      at,
      writeId: z.string(),
      intent: WriteIntentSchema,
      request: WriteRequestSchema,
    })
    .readonly(),
  z
    .object({
      type: z.literal('write-finished'),
      at,
      writeId: z.string(),
      outcome: WriteOutcomeSchema,
      httpStatus: z.number().int(),
      /** The `request-id` Graph gave the item (or its `$batch`), for Microsoft support. */
      requestId: z.string().nullable(),
      /** The object created or changed (service principal, grant or assignment ID). */
      objectId: z.string().nullable(),
      guidance: GuidanceSchema.nullable(),
    })
    .readonly(),
  z.object({ type: z.literal('admin-consent-opened'), at, url: z.string() }).readonly(),
  z
    .object({
      type: z.literal('admin-consent-returned'),
      at,
      /** `admin_consent=True` in the redirect; an `error` can come with it. */
      adminConsent: z.boolean(),
      error: z.string().nullable(),
      errorDescription: z.string().nullable(),
    })
    .readonly(),
  z
    .object({
      type: z.literal('verified'),
      at,
      attempt: z.number().int().positive(),
      rows: z.array(VerificationRowSchema).readonly(),
      extras: z.array(ExtraPermissionSchema).readonly(),
      counts: z.record(PermissionStatusSchema, z.number().int().nonnegative()),
      complete: z.boolean(),
    })
    .readonly(),
  /** An offboarding run read the tenant back after its removals. */
  z
    .object({
      type: z.literal('removal-verified'),
      at,
      attempt: z.number().int().positive(),
      rows: z.array(RemovalRowSchema).readonly(),
      enterpriseApp: EnterpriseAppStatusSchema,
      complete: z.boolean(),
    })
    .readonly(),
  z
    .object({
      type: z.literal('problem'),
      at,
      step: ProblemStepSchema,
      guidance: GuidanceSchema,
    })
    .readonly(),
  /** Finish read the tool's own footprint and decided what to remove (src/shared/onboarding/own-access.ts). */
  z.object({ type: z.literal('own-access-read'), at, decision: OwnAccessDecisionSchema }).readonly(),
  z
    .object({
      type: z.literal('own-access-removal-started'),
      at,
      removalId: z.string(),
      removal: OwnAccessRemovalSchema,
      request: WriteRequestSchema,
    })
    .readonly(),
  z
    .object({
      type: z.literal('own-access-removal-finished'),
      at,
      removalId: z.string(),
      outcome: RemovalOutcomeSchema,
      httpStatus: z.number().int(),
      requestId: z.string().nullable(),
      guidance: GuidanceSchema.nullable(),
    })
    .readonly(),
  /**
   * Reading or removing the tool's own access stopped (Graph refused the read, the connection dropped): the
   * onboarding's outcome does not change.
   */
  z.object({ type: z.literal('own-access-stopped'), at, guidance: GuidanceSchema }).readonly(),
  z
    .object({
      type: z.literal('run-ended'),
      at,
      outcome: z.enum(['verified', 'incomplete', 'blocked', 'failed', 'cancelled']),
      /** Whether the run's sign-in session and tokens were wiped (always, for an ended run). */
      sessionCleared: z.boolean(),
    })
    .readonly(),
]);

/** One line of a run's journal. */
export type RunEntry = z.infer<typeof RunEntrySchema>;

/** The kinds of journal entries. */
export type RunEntryType = RunEntry['type'];
