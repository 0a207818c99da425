import { createHash } from 'node:crypto';
import type { BatchItem } from '../../src/main/graph/batch';
import {
  grantWrites,
  type PlannedWrite,
  servicePrincipalWrites,
} from '../../src/main/onboarding/plan-requests';
import { microsoftGraphPermissions } from '../../src/main/practice-tenant/catalog/first-party-apps';
import { MICROSOFT_GRAPH_APP_ID } from '../../src/shared/cloud/microsoft-graph';
import { guidanceFromGraphError } from '../../src/shared/guidance/from-graph-error';
import type { Guidance } from '../../src/shared/guidance/guidance';
import { computePlan, type Plan } from '../../src/shared/onboarding/plan';
import {
  type GuardResult,
  type HeldRole,
  RUN_JOURNAL_VERSION,
  type RunEntry,
  RunEntrySchema,
  type RunInput,
  type SignedInAccount,
} from '../../src/shared/onboarding/run-entry';
import { foldRun, type RunRecord } from '../../src/shared/onboarding/run-record';
import type { ServicePrincipalSnapshot, TenantSnapshot } from '../../src/shared/onboarding/tenant-snapshot';
import { verifyPermissions } from '../../src/shared/onboarding/verification';
import { requestedResources } from '../../src/shared/onboarding/write-effects';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import type { PermissionProfile } from '../../src/shared/profile/permission-profile';
import { PERMISSION_TYPES } from '../../src/shared/profile/permission-type';

// Journals of onboarding runs as the engine writes them, built from the real pieces (the practice tenant's
// Microsoft Graph catalog, computePlan, the plan's Graph requests, verifyPermissions, the guidance catalog), so a
// record folded from them looks like one from a real run. Every entry is checked against RunEntrySchema.

/** A GUID derived from a name, so fixtures keep the same IDs on every run. */
export const fixtureId = (name: string): string => {
  const hex = createHash('sha256').update(`run-fixture/${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * An object ID shaped like the IDs Graph gives oauth2PermissionGrants and appRoleAssignments: 43 base64url
 * characters. https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant
 */
export const fixtureGrantId = (name: string): string =>
  createHash('sha256').update(`run-fixture-grant/${name}`).digest('base64url');

/** The client tenant of the fixtures: Contoso, as the practice tenant serves it. */
export const CONTOSO = {
  tenantId: fixtureId('tenant/contoso'),
  displayName: 'Contoso',
  domain: 'contoso.com',
  initialDomain: 'contoso.onmicrosoft.com',
} as const;

/** Built-in directory roles by template ID (the same in every tenant). */
export const ROLES = {
  globalAdministrator: {
    roleTemplateId: '62e90394-69f5-4237-9190-012177145e10',
    displayName: 'Global Administrator',
  },
  helpdeskAdministrator: {
    roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    displayName: 'Helpdesk Administrator',
  },
} as const;

/** Microsoft Graph's service principal in the fixture tenant, with Microsoft's real permissions and IDs. */
export const graphServicePrincipal: ServicePrincipalSnapshot = {
  id: fixtureId('sp/graph'),
  appId: MICROSOFT_GRAPH_APP_ID,
  displayName: 'Microsoft Graph',
  accountEnabled: true,
  oauth2PermissionScopes: microsoftGraphPermissions.flatMap((p) =>
    p.type === 'delegated'
      ? [
          {
            id: p.id,
            value: p.value,
            isEnabled: p.isEnabled,
            type: p.adminConsentRequired ? 'Admin' : 'User',
          },
        ]
      : [],
  ),
  appRoles: microsoftGraphPermissions.flatMap((p) =>
    p.type === 'application'
      ? [{ id: p.id, value: p.value, isEnabled: p.isEnabled, allowedMemberTypes: p.allowedMemberTypes }]
      : [],
  ),
};

/**
 * The default profile with its one permission Microsoft Graph does not offer (delegated Device.ReadWrite.All,
 * published only as an application permission) swapped for delegated Device.Read.All: 40 permissions that can all be
 * granted, for a run that ends complete.
 */
export const GRANTABLE_PROFILE: PermissionProfile = {
  ...DEFAULT_PROFILE,
  name: 'Pia (grantable)',
  permissions: DEFAULT_PROFILE.permissions.map((resource) => ({
    ...resource,
    delegated: resource.delegated?.map((p) =>
      p.name === 'Device.ReadWrite.All' ? { name: 'Device.Read.All', description: 'Read all devices' } : p,
    ),
  })),
};

/** A Graph error answer turned into guidance, as the engine records a refused request. */
export const graphErrorGuidance = (
  status: number,
  code: string,
  message: string,
  requestId = fixtureId(`request/${code}`),
): Guidance =>
  guidanceFromGraphError({
    status,
    body: { error: { code, message, innerError: { 'request-id': requestId, date: '2026-11-30T09:21:04' } } },
  });

/** What a fixture run starts from. */
export interface RunFixtureOptions {
  readonly runId?: string;
  readonly practice?: boolean;
  readonly profile?: PermissionProfile;
  readonly technician?: string;
  readonly ticket?: string | null;
  readonly strategy?: RunInput['strategy'];
  /** When the run starts; each later entry is a few seconds after the one before. */
  readonly startedAt?: string;
  readonly toolVersion?: string;
}

/** A journal under construction: each step appends the entries the engine writes for it. */
export interface RunJournal {
  readonly entries: readonly RunEntry[];
  /** Appends any entry (time filled in), checked against the schema. */
  append(entry: { readonly type: RunEntry['type'] } & Readonly<Record<string, unknown>>): RunJournal;
  discover(): RunJournal;
  signIn(account?: Partial<SignedInAccount>): RunJournal;
  readIdentity(roles?: readonly HeldRole[]): RunJournal;
  /** The three guards; a failing one is passed whole. */
  guards(failing?: GuardResult): RunJournal;
  /** Reads the tenant (Graph's service principal, nothing for the target app yet) and plans. */
  plan(): RunJournal;
  confirm(): RunJournal;
  /**
   * Writes the plan: service principals, then grants and assignments. `refuse` decides Graph's answer to a write
   * (guidance for a refusal); `stopAfter` leaves the journal after that many write-started entries, the last one
   * without its answer (a crash while waiting).
   */
  write(options?: {
    readonly refuse?: (write: PlannedWrite) => Guidance | null;
    readonly stopAfter?: number;
  }): RunJournal;
  /** Reads the tenant back and verifies every requested permission against what the writes applied. */
  verify(): RunJournal;
  problem(step: Extract<RunEntry, { type: 'problem' }>['step'], guidance: Guidance): RunJournal;
  end(outcome: Extract<RunEntry, { type: 'run-ended' }>['outcome']): RunJournal;
  /** The journal folded into its record. */
  record(): RunRecord;
}

/** Starts a fixture run's journal with its `run-started` entry. */
export const startRun = (options: RunFixtureOptions = {}): RunJournal => {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const entries: RunEntry[] = [];
  let clock = Date.parse(options.startedAt ?? '2026-11-30T09:15:00.000Z');
  const tick = (seconds = 7): string => {
    clock += seconds * 1000;
    return new Date(clock).toISOString();
  };
  const target: ServicePrincipalSnapshot = {
    id: fixtureId('sp/target'),
    appId: profile.targetApp.appId,
    displayName: profile.targetApp.displayName,
    accountEnabled: true,
    oauth2PermissionScopes: [],
    appRoles: [],
  };
  const before: TenantSnapshot = {
    targetAppId: profile.targetApp.appId,
    client: null,
    resources: { [MICROSOFT_GRAPH_APP_ID]: graphServicePrincipal },
    grants: [],
    assignments: [],
  };
  let plan: Plan | null = null;
  // What the tenant holds after the writes applied so far.
  let after: TenantSnapshot = before;
  let account: SignedInAccount | null = null;

  const push = (entry: unknown): void => {
    entries.push(RunEntrySchema.parse(entry));
  };
  push({
    type: 'run-started',
    at: new Date(clock).toISOString(),
    runId: options.runId ?? fixtureId('run/1'),
    journalVersion: RUN_JOURNAL_VERSION,
    toolVersion: options.toolVersion ?? '0.1.0',
    practice: options.practice ?? false,
    input: {
      clientText: CONTOSO.domain,
      identifier: { kind: 'domain', domain: CONTOSO.domain },
      technician: options.technician ?? 'Jordan Reyes',
      ticket: options.ticket === undefined ? 'T-20931' : options.ticket,
      profile,
      strategy: options.strategy ?? 'direct-grant',
      browser: 'in-app',
    },
  });

  const applyWrite = (write: PlannedWrite, objectId: string): void => {
    const intent = write.intent;
    switch (intent.kind) {
      case 'create-service-principal':
        if (intent.appId === profile.targetApp.appId) after = { ...after, client: target };
        return;
      case 'create-grant':
      case 'extend-grant':
        after = {
          ...after,
          grants: [
            ...after.grants.filter((g) => g.id !== intent.change.grantId),
            {
              id: intent.change.grantId ?? objectId,
              clientId: target.id,
              resourceId: graphServicePrincipal.id,
              consentType: 'AllPrincipals',
              principalId: null,
              scope: [...intent.change.keepScopes, ...intent.change.addScopes].join(' '),
            },
          ],
        };
        return;
      case 'assign-app-role':
        after = {
          ...after,
          assignments: [
            ...after.assignments,
            {
              id: objectId,
              appRoleId: intent.change.appRoleId,
              principalId: target.id,
              resourceId: graphServicePrincipal.id,
              createdDateTime: new Date(clock).toISOString(),
            },
          ],
        };
        return;
    }
  };

  const journal: RunJournal = {
    get entries() {
      return entries;
    },
    append(entry) {
      push({ at: tick(), ...entry });
      return journal;
    },
    discover() {
      push({
        type: 'discovered',
        at: tick(2),
        discovery: {
          tenantId: CONTOSO.tenantId,
          cloud: options.practice === true ? 'practice' : 'global',
          cloudDisplayName: options.practice === true ? 'Practice tenant' : 'Global',
          authorityOrigin:
            options.practice === true ? 'https://127.0.0.1:44301' : 'https://login.microsoftonline.com',
          graphOrigin: options.practice === true ? 'https://127.0.0.1:44302' : 'https://graph.microsoft.com',
          evidence: 'cloud_instance_name microsoftonline.com',
        },
      });
      return journal;
    },
    signIn(overrides = {}) {
      push({ type: 'sign-in-started', at: tick(3), prompt: 'select_account' });
      account = {
        userPrincipalName: `admin@${CONTOSO.domain}`,
        displayName: 'Adele Vance',
        objectId: fixtureId('user/admin'),
        tenantId: CONTOSO.tenantId,
        ...overrides,
      };
      push({ type: 'signed-in', at: tick(41), account });
      return journal;
    },
    readIdentity(roles = [{ ...ROLES.globalAdministrator, state: 'active' }]) {
      push({
        type: 'identity-read',
        at: tick(2),
        organization: {
          id: CONTOSO.tenantId,
          displayName: CONTOSO.displayName,
          verifiedDomains: [
            { name: CONTOSO.domain, isDefault: true, isInitial: false },
            { name: CONTOSO.initialDomain, isDefault: false, isInitial: true },
          ],
        },
        roles,
      });
      return journal;
    },
    guards(failing) {
      const upn = account?.userPrincipalName ?? `admin@${CONTOSO.domain}`;
      const passed: readonly GuardResult[] = [
        { guard: 'tenant', passed: true, message: `You signed in to ${CONTOSO.displayName}.`, whatToDo: [] },
        {
          guard: 'role',
          passed: true,
          message: `${upn} holds the active role Global Administrator.`,
          whatToDo: [],
        },
        {
          guard: 'target-app',
          passed: true,
          message: `${profile.targetApp.displayName} (${profile.targetApp.appId}) is not yet an enterprise application in the tenant; it will be added.`,
          whatToDo: [],
        },
      ];
      for (const result of passed) {
        push({ type: 'guard', at: tick(1), result: failing?.guard === result.guard ? failing : result });
      }
      return journal;
    },
    plan() {
      plan = computePlan(profile.targetApp.displayName, requestedResources(profile), before);
      push({ type: 'planned', at: tick(3), plan });
      return journal;
    },
    confirm() {
      push({ type: 'plan-confirmed', at: tick(25) });
      return journal;
    },
    write({ refuse = () => null, stopAfter = Number.POSITIVE_INFINITY } = {}) {
      if (plan === null) throw new Error('write() needs plan() first');
      const spWrites = servicePrincipalWrites(plan);
      const resourceIdByAppId = { [MICROSOFT_GRAPH_APP_ID]: graphServicePrincipal.id };
      const all = [...spWrites, ...grantWrites(plan, { clientId: target.id, resourceIdByAppId })];
      let started = 0;
      for (const write of all) {
        started += 1;
        const writeId = `${write.item.id}`;
        push({
          type: 'write-started',
          at: tick(1),
          writeId,
          intent: write.intent,
          request: requestOf(write.item),
        });
        if (started >= stopAfter) break;
        const refusal = refuse(write);
        const requestId = fixtureId(`request/${writeId}`);
        if (refusal !== null) {
          push({
            type: 'write-finished',
            at: tick(1),
            writeId,
            outcome: 'failed',
            httpStatus: refusal.httpStatus ?? 400,
            requestId: refusal.support.requestId ?? requestId,
            objectId: null,
            guidance: refusal,
          });
          continue;
        }
        const objectId =
          write.intent.kind === 'create-service-principal' ? target.id : fixtureGrantId(`${writeId}`);
        applyWrite(write, objectId);
        push({
          type: 'write-finished',
          at: tick(1),
          writeId,
          outcome: 'applied',
          httpStatus: write.item.method === 'PATCH' ? 204 : 201,
          requestId,
          objectId,
          guidance: null,
        });
      }
      return journal;
    },
    verify() {
      const verification = verifyPermissions(requestedResources(profile), after);
      push({
        type: 'verified',
        at: tick(12),
        attempt: 1,
        rows: verification.rows,
        extras: verification.extras,
        counts: verification.counts,
        complete: verification.complete,
      });
      return journal;
    },
    problem(step, guidance) {
      push({ type: 'problem', at: tick(1), step, guidance });
      return journal;
    },
    end(outcome) {
      push({ type: 'run-ended', at: tick(2), outcome, sessionCleared: true });
      return journal;
    },
    record() {
      const record = foldRun(entries);
      if (record === null) throw new Error('A fixture journal always starts with run-started.');
      return record;
    },
  };
  return journal;
};

const requestOf = (item: BatchItem) => ({
  method: item.method === 'GET' ? 'POST' : item.method,
  url: item.url,
  body: (item.body ?? null) as Record<string, unknown> | null,
});

/** How many permissions a profile requests in all. */
export const permissionCount = (profile: PermissionProfile): number =>
  profile.permissions.reduce(
    (sum, resource) => sum + PERMISSION_TYPES.reduce((n, type) => n + (resource[type]?.length ?? 0), 0),
    0,
  );

/** A run that granted and verified all 40 permissions of {@link GRANTABLE_PROFILE}. */
export const verifiedRun = (options: RunFixtureOptions = {}): RunJournal =>
  startRun({ profile: GRANTABLE_PROFILE, ...options })
    .discover()
    .signIn()
    .readIdentity()
    .guards()
    .plan()
    .confirm()
    .write()
    .verify()
    .end('verified');

/**
 * A run of the default profile to its end: 39 permissions granted, delegated Device.ReadWrite.All not offered by
 * Microsoft Graph. Its journal ends `incomplete`, as builds before entries nobody can grant counted as done wrote
 * it; the record's outcome reads `verified`, and the report says complete with one entry nobody can grant.
 */
export const incompleteRun = (options: RunFixtureOptions = {}): RunJournal =>
  startRun(options)
    .discover()
    .signIn()
    .readIdentity()
    .guards()
    .plan()
    .confirm()
    .write()
    .verify()
    .end('incomplete');

/**
 * A run of the default profile whose assignment of the first application permission Graph refuses (403): 38
 * granted, 1 missing, delegated Device.ReadWrite.All not grantable; it ends incomplete.
 */
export const missingRun = (options: RunFixtureOptions = {}): RunJournal => {
  const refusal = graphErrorGuidance(
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
  let refused = false;
  return startRun(options)
    .discover()
    .signIn()
    .readIdentity()
    .guards()
    .plan()
    .confirm()
    .write({
      refuse: (write) => {
        if (refused || write.intent.kind !== 'assign-app-role') return null;
        refused = true;
        return refusal;
      },
    })
    .verify()
    .end('incomplete');
};

/** A run the role guard blocks: the account is only a Helpdesk Administrator. Nothing is written. */
export const blockedRun = (options: RunFixtureOptions = {}): RunJournal => {
  const upn = `helpdesk@${CONTOSO.domain}`;
  return startRun(options)
    .discover()
    .signIn({ userPrincipalName: upn, displayName: 'Lynne Robbins', objectId: fixtureId('user/helpdesk') })
    .readIdentity([{ ...ROLES.helpdeskAdministrator, state: 'active' }])
    .guards({
      guard: 'role',
      passed: false,
      message: `${upn} is neither a Global Administrator nor a Privileged Role Administrator (active roles: Helpdesk Administrator). Nothing was written.`,
      whatToDo: [
        'Sign in again as a Global Administrator of the client’s tenant.',
        'Or ask the client’s Global Administrator to assign this account the Privileged Role Administrator role.',
      ],
    })
    .end('blocked');
};

/** A run whose delegated grant Graph refuses (403 Authorization_RequestDenied): it fails during the grant step. */
export const failedRun = (options: RunFixtureOptions = {}): RunJournal => {
  const refusal = graphErrorGuidance(
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
  return startRun(options)
    .discover()
    .signIn()
    .readIdentity()
    .guards()
    .plan()
    .confirm()
    .write({ refuse: (write) => (write.intent.kind === 'create-grant' ? refusal : null) })
    .problem('grant', refusal)
    .end('failed');
};

/** A run whose journal stops while the fourth write waits for Graph's answer (the app was closed). */
export const interruptedRun = (options: RunFixtureOptions = {}): RunJournal =>
  startRun(options).discover().signIn().readIdentity().guards().plan().confirm().write({ stopAfter: 4 });
