import {
  findGraphPermissionId,
  firstPartyApplications,
  graphPermissionId,
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_TEAMS_APP_ID,
} from '../catalog/first-party-apps';
import {
  targetAppApplicationPermissions,
  targetAppDelegatedPermissions,
} from '../catalog/target-app-permissions';
import { roleTemplates } from './role-templates';
import {
  type Application,
  ApplicationSchema,
  type Scenario,
  type ScenarioInput,
  ScenarioSchema,
} from './scenario';
import { stableId } from './stable-id';

/**
 * The password of every built-in practice account. The practice tenant is a rehearsal tenant on 127.0.0.1; its
 * accounts protect nothing, so one fixed, documented password keeps rehearsals simple.
 */
export const PRACTICE_PASSWORD = 'Practice-Tenant-2026!';

/** App ID of the onboarding tool's own public-client sign-in app in the practice cloud. */
export const SIGN_IN_APP_ID = stableId('app/sign-in');

/** App ID of the target app (standing in for Pia) in the practice cloud. */
export const TARGET_APP_ID = stableId('app/target');

/** The redirect URI the target app registers for the admin-consent endpoint's answer. */
export const TARGET_APP_REDIRECT_URI = 'https://pia.example/onboarding/admin-consent';

/** The tenant that registered the sign-in and target apps (the MSP's own tenant, not served as a practice tenant). */
export const MSP_HOME_TENANT_ID = stableId('tenant/msp-home');

/** The delegated Microsoft Graph permissions the sign-in app asks for: read the tenant, grant consent. */
export const signInAppScopes: readonly string[] = [
  'openid',
  'profile',
  'offline_access',
  'User.Read',
  'Directory.Read.All',
  'RoleManagement.Read.Directory',
  'Application.ReadWrite.All',
  'DelegatedPermissionGrant.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
];

/** Tenant IDs of the built-in scenario, by the situation each one rehearses. */
export const builtinTenantIds = {
  /** Healthy: a Global Administrator, a Privileged Role Administrator, a helpdesk user, a PIM-eligible admin. */
  contoso: stableId('tenant/contoso'),
  /** A second healthy tenant, to sign in to the wrong one; its IT admin is Global Administrator through a group. */
  fabrikam: stableId('tenant/fabrikam'),
  /** Lacks the Microsoft Teams Services service principal. */
  northwind: stableId('tenant/northwind'),
  /** The target app's service principal exists but is disabled. */
  tailspin: stableId('tenant/tailspin'),
  /** The sign-in app was never consented. */
  woodgrove: stableId('tenant/woodgrove'),
  /** A partial earlier onboarding: some application permissions, delegated consent by one user only. */
  adatum: stableId('tenant/adatum'),
} as const;

const CREATED = '2024-03-04T09:00:00Z';

const signInApp: Application = ApplicationSchema.parse({
  appId: SIGN_IN_APP_ID,
  displayName: 'Pia Onboarding',
  role: 'sign-in',
  homeTenantId: MSP_HOME_TENANT_ID,
  signInAudience: 'AzureADMultipleOrgs',
  isPublicClient: true,
  redirectUris: ['http://localhost'],
  requiredResourceAccess: [
    {
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      resourceAccess: signInAppScopes.map((value) => ({
        id: graphPermissionId('delegated', value),
        type: 'Scope',
      })),
    },
  ],
});

const targetApp: Application = ApplicationSchema.parse({
  appId: TARGET_APP_ID,
  displayName: 'Pia',
  role: 'target',
  homeTenantId: MSP_HOME_TENANT_ID,
  signInAudience: 'AzureADMultipleOrgs',
  isPublicClient: false,
  redirectUris: [TARGET_APP_REDIRECT_URI],
  requiredResourceAccess: [
    {
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      resourceAccess: [
        // A delegated permission Graph does not expose cannot be registered (see target-app-permissions.ts).
        ...targetAppDelegatedPermissions.flatMap((p) => {
          const id = findGraphPermissionId('delegated', p.value);
          return id === undefined ? [] : [{ id, type: 'Scope' }];
        }),
        ...targetAppApplicationPermissions.map((p) => ({
          id: graphPermissionId('application', p.value),
          type: 'Role',
        })),
      ],
    },
  ],
});

interface AccountSpec {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly activeRoles?: readonly string[];
  readonly eligibleRoles?: readonly string[];
}

interface TenantSpec {
  readonly key: keyof typeof builtinTenantIds;
  readonly displayName: string;
  readonly domain: string;
  readonly initialDomain: string;
  readonly accounts: readonly AccountSpec[];
  /** Role-assignable groups: their members (account names) hold their roles. */
  readonly roleAssignableGroups?: readonly {
    readonly name: string;
    readonly displayName: string;
    readonly members: readonly string[];
    readonly activeRoles: readonly string[];
  }[];
  readonly lacksTeams?: boolean;
  readonly signInAppConsented?: boolean;
  readonly targetApp?: 'absent' | 'enabled' | 'disabled';
  /** A verified domain whose users sign in at the organization's own identity provider. */
  readonly federatedDomain?: string;
  readonly extra?: (ids: { sp: (appId: string) => string; user: (name: string) => string }) => {
    readonly oauth2PermissionGrants?: ScenarioInput['tenants'][number]['oauth2PermissionGrants'];
    readonly appRoleAssignments?: ScenarioInput['tenants'][number]['appRoleAssignments'];
  };
}

const tenantOf = (spec: TenantSpec): ScenarioInput['tenants'][number] => {
  const tenantId = builtinTenantIds[spec.key];
  const sp = (appId: string): string => stableId(`${spec.key}/sp/${appId}`);
  const user = (name: string): string => stableId(`${spec.key}/user/${name}`);
  const apps = [
    ...firstPartyApplications.filter(
      (app) => !(spec.lacksTeams === true && app.appId === MICROSOFT_TEAMS_APP_ID),
    ),
    ...(spec.signInAppConsented === false ? [] : [signInApp]),
    ...((spec.targetApp ?? 'absent') === 'absent' ? [] : [targetApp]),
  ];
  const extra = spec.extra?.({ sp, user }) ?? {};
  return {
    id: tenantId,
    displayName: spec.displayName,
    createdDateTime: CREATED,
    domains: [
      { id: spec.domain, isDefault: true, isInitial: false, isVerified: true },
      { id: spec.initialDomain, isDefault: false, isInitial: true, isVerified: true },
      ...(spec.federatedDomain === undefined
        ? []
        : [{ id: spec.federatedDomain, isVerified: true, authenticationType: 'Federated' as const }]),
    ],
    users: spec.accounts.map((account) => ({
      id: user(account.name),
      userPrincipalName: `${account.name}@${spec.domain}`,
      password: PRACTICE_PASSWORD,
      displayName: account.displayName,
      givenName: account.displayName.split(' ')[0] ?? null,
      surname: account.displayName.split(' ').slice(1).join(' ') || null,
      mail: `${account.name}@${spec.domain}`,
      description: account.description,
    })),
    roleAssignableGroups: (spec.roleAssignableGroups ?? []).map((group) => ({
      id: stableId(`${spec.key}/group/${group.name}`),
      displayName: group.displayName,
      members: group.members.map(user),
    })),
    roleAssignments: [
      ...spec.accounts.flatMap((account) =>
        (account.activeRoles ?? []).map((roleId) => ({
          id: stableId(`${spec.key}/role-assignment/${account.name}/${roleId}`),
          principalId: user(account.name),
          roleDefinitionId: roleId,
        })),
      ),
      ...(spec.roleAssignableGroups ?? []).flatMap((group) =>
        group.activeRoles.map((roleId) => ({
          id: stableId(`${spec.key}/role-assignment/group/${group.name}/${roleId}`),
          principalId: stableId(`${spec.key}/group/${group.name}`),
          roleDefinitionId: roleId,
        })),
      ),
    ],
    roleEligibilitySchedules: spec.accounts.flatMap((account) =>
      (account.eligibleRoles ?? []).map((roleId) => ({
        id: stableId(`${spec.key}/role-eligibility/${account.name}/${roleId}`),
        principalId: user(account.name),
        roleDefinitionId: roleId,
        createdDateTime: '2025-01-15T08:00:00Z',
        startDateTime: '2025-01-15T08:00:00Z',
      })),
    ),
    servicePrincipals: apps.map((app) => ({
      id: sp(app.appId),
      appId: app.appId,
      displayName: app.displayName,
      accountEnabled: !(app.appId === TARGET_APP_ID && spec.targetApp === 'disabled'),
      createdDateTime: CREATED,
    })),
    oauth2PermissionGrants: [
      ...(spec.signInAppConsented === false
        ? []
        : [
            {
              id: stableId(`${spec.key}/grant/sign-in`),
              clientId: sp(SIGN_IN_APP_ID),
              consentType: 'AllPrincipals' as const,
              principalId: null,
              resourceId: sp(MICROSOFT_GRAPH_APP_ID),
              scope: signInAppScopes.join(' '),
            },
          ]),
      ...(extra.oauth2PermissionGrants ?? []),
    ],
    appRoleAssignments: extra.appRoleAssignments ?? [],
  };
};

const admin = (domainOwner: string): AccountSpec => ({
  name: 'admin',
  displayName: `${domainOwner} Admin`,
  description: 'Global Administrator',
  activeRoles: [roleTemplates.globalAdministrator.id],
});

/** The scenario the practice tenant serves unless given another. */
export const builtinScenario = (): Scenario =>
  ScenarioSchema.parse({
    applications: [...firstPartyApplications, signInApp, targetApp],
    tenants: [
      tenantOf({
        key: 'contoso',
        displayName: 'Contoso',
        domain: 'contoso.com',
        initialDomain: 'contoso.onmicrosoft.com',
        accounts: [
          {
            name: 'admin',
            displayName: 'Adele Vance',
            description: 'Global Administrator',
            activeRoles: [roleTemplates.globalAdministrator.id],
          },
          {
            name: 'roles',
            displayName: 'Diego Siciliani',
            description: 'Privileged Role Administrator',
            activeRoles: [roleTemplates.privilegedRoleAdministrator.id],
          },
          { name: 'helpdesk', displayName: 'Lynne Robbins', description: 'helpdesk user with no admin role' },
          {
            name: 'pim',
            displayName: 'Megan Bowen',
            description: 'eligible for Global Administrator through PIM, not active',
            eligibleRoles: [roleTemplates.globalAdministrator.id],
          },
        ],
      }),
      tenantOf({
        key: 'fabrikam',
        displayName: 'Fabrikam',
        domain: 'fabrikam.com',
        initialDomain: 'fabrikam.onmicrosoft.com',
        // Federated with Fabrikam's own identity provider; its administrators are cloud-only (admin@fabrikam.com).
        federatedDomain: 'fabrikamfiber.com',
        accounts: [
          admin('Fabrikam'),
          {
            name: 'itadmin',
            displayName: 'Nestor Wilke',
            description: 'Global Administrator through the role-assignable group “Fabrikam Tenant Admins”',
          },
        ],
        roleAssignableGroups: [
          {
            name: 'tenant-admins',
            displayName: 'Fabrikam Tenant Admins',
            members: ['itadmin'],
            activeRoles: [roleTemplates.globalAdministrator.id],
          },
        ],
      }),
      tenantOf({
        key: 'northwind',
        displayName: 'Northwind Traders',
        domain: 'northwindtraders.com',
        initialDomain: 'northwindtraders.onmicrosoft.com',
        accounts: [
          { ...admin('Northwind'), description: 'Global Administrator (tenant lacks Microsoft Teams)' },
        ],
        lacksTeams: true,
      }),
      tenantOf({
        key: 'tailspin',
        displayName: 'Tailspin Toys',
        domain: 'tailspintoys.com',
        initialDomain: 'tailspintoys.onmicrosoft.com',
        accounts: [
          { ...admin('Tailspin'), description: 'Global Administrator (target app disabled in this tenant)' },
        ],
        targetApp: 'disabled',
      }),
      tenantOf({
        key: 'woodgrove',
        displayName: 'Woodgrove Bank',
        domain: 'woodgrovebank.com',
        initialDomain: 'woodgrovebank.onmicrosoft.com',
        accounts: [
          { ...admin('Woodgrove'), description: 'Global Administrator (sign-in app never consented here)' },
        ],
        signInAppConsented: false,
      }),
      tenantOf({
        key: 'adatum',
        displayName: 'Adatum',
        domain: 'adatum.com',
        initialDomain: 'adatum.onmicrosoft.com',
        accounts: [
          { ...admin('Adatum'), description: 'Global Administrator (tenant partly onboarded earlier)' },
          {
            name: 'isaiah',
            displayName: 'Isaiah Langer',
            description: 'user with no admin role who consented to the target app for himself',
          },
        ],
        targetApp: 'enabled',
        extra: ({ sp, user }) => ({
          // The earlier attempt stopped half-way: the first application permissions were granted, and the only
          // delegated consent is one user's own.
          appRoleAssignments: targetAppApplicationPermissions.slice(0, 10).map((p) => ({
            id: stableId(`adatum/app-role-assignment/${p.value}`),
            appRoleId: graphPermissionId('application', p.value),
            principalId: sp(TARGET_APP_ID),
            resourceId: sp(MICROSOFT_GRAPH_APP_ID),
            createdDateTime: '2025-06-02T10:30:00Z',
          })),
          oauth2PermissionGrants: [
            {
              id: stableId('adatum/grant/target-isaiah'),
              clientId: sp(TARGET_APP_ID),
              consentType: 'Principal',
              principalId: user('isaiah'),
              resourceId: sp(MICROSOFT_GRAPH_APP_ID),
              scope: 'User.Read offline_access Mail.Read',
            },
          ],
        }),
      }),
    ],
  } satisfies ScenarioInput);

/** The object ID of a built-in account (e.g. `builtinUserId('contoso', 'pim')`). */
export const builtinUserId = (tenant: keyof typeof builtinTenantIds, name: string): string =>
  stableId(`${tenant}/user/${name}`);

/** The object ID of an app's service principal in a built-in tenant. */
export const builtinServicePrincipalId = (tenant: keyof typeof builtinTenantIds, appId: string): string =>
  stableId(`${tenant}/sp/${appId}`);
