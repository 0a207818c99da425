import type {
  RequestedResource,
  ServicePrincipalSnapshot,
  TenantSnapshot,
} from '../../../../src/shared/onboarding/tenant-snapshot';

export const GRAPH = '00000003-0000-0000-c000-000000000000';
export const TARGET = '11111111-2222-3333-4444-555555555555';

/** A small Microsoft Graph service principal: real IDs for the permissions the tests use. */
export const graphSp: ServicePrincipalSnapshot = {
  id: 'sp-graph',
  appId: GRAPH,
  displayName: 'Microsoft Graph',
  accountEnabled: true,
  oauth2PermissionScopes: [
    { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', value: 'User.Read', isEnabled: true, type: 'User' },
    { id: '570282fd-fa5c-430d-a7fd-fc8dc98a9dca', value: 'Mail.Read', isEnabled: true, type: 'User' },
    {
      id: '4e46008b-f24c-477d-8fff-7bb4ec7aafe0',
      value: 'Group.ReadWrite.All',
      isEnabled: true,
      type: 'Admin',
    },
    { id: 'aaaaaaaa-0000-0000-0000-000000000001', value: 'Retired.Scope', isEnabled: false, type: 'Admin' },
  ],
  appRoles: [
    {
      id: '62a82d76-70ea-41e2-9197-370581804d09',
      value: 'Group.ReadWrite.All',
      isEnabled: true,
      allowedMemberTypes: ['Application'],
    },
    {
      id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
      value: 'Directory.ReadWrite.All',
      isEnabled: true,
      allowedMemberTypes: ['Application'],
    },
  ],
};

export const targetSp = (accountEnabled = true): ServicePrincipalSnapshot => ({
  id: 'sp-target',
  appId: TARGET,
  displayName: 'Pia',
  accountEnabled,
  oauth2PermissionScopes: [],
  appRoles: [],
});

export const requested: readonly RequestedResource[] = [
  {
    resourceAppId: GRAPH,
    resourceName: 'Microsoft Graph',
    delegated: ['User.Read', 'Mail.Read', 'Group.ReadWrite.All'],
    application: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
];

export const emptyTenant: TenantSnapshot = {
  targetAppId: TARGET,
  client: null,
  resources: { [GRAPH]: graphSp },
  grants: [],
  assignments: [],
};
