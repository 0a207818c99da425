import { describe, expect, it } from 'vitest';
import {
  MICROSOFT_GRAPH_APP_ID,
  MICROSOFT_TEAMS_APP_ID,
} from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinScenario,
  builtinServicePrincipalId,
  builtinTenantIds,
  builtinUserId,
  SIGN_IN_APP_ID,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { Directory } from '../../../../src/main/practice-tenant/directory/directory';
import { DirectoryError } from '../../../../src/main/practice-tenant/directory/directory-error';
import { roleTemplates } from '../../../../src/main/practice-tenant/directory/role-templates';

const GA = roleTemplates.globalAdministrator.id;

const fresh = (options: ConstructorParameters<typeof Directory>[1] = {}) =>
  new Directory(builtinScenario(), options);

describe('Directory lookups', () => {
  it('finds a tenant by ID or by any of its domains, ignoring case', () => {
    const directory = fresh();
    expect(directory.findTenant('CONTOSO.com')?.id).toBe(builtinTenantIds.contoso);
    expect(directory.findTenant('contoso.onmicrosoft.com')?.id).toBe(builtinTenantIds.contoso);
    expect(directory.findTenant(builtinTenantIds.fabrikam.toUpperCase())?.displayName).toBe('Fabrikam');
    expect(directory.findTenant('unknown.example')).toBeUndefined();
  });

  it('finds an account in whichever tenant holds it', () => {
    const found = fresh().findUserByUpn('Admin@Fabrikam.com');
    expect(found?.tenant.id).toBe(builtinTenantIds.fabrikam);
    expect(found?.user.description).toBe('Global Administrator');
  });

  it('tells active roles from PIM eligibility', () => {
    const directory = fresh();
    const tenant = builtinTenantIds.contoso;
    expect(directory.activeRoleTemplateIds(tenant, builtinUserId('contoso', 'admin'))).toEqual([GA]);
    expect(directory.activeRoleTemplateIds(tenant, builtinUserId('contoso', 'pim'))).toEqual([]);
    expect(directory.eligibleRoleTemplateIds(tenant, builtinUserId('contoso', 'pim'))).toEqual([GA]);
    expect(directory.activeRoleTemplateIds(tenant, builtinUserId('contoso', 'helpdesk'))).toEqual([]);
  });

  it('exposes the built-in situations', () => {
    const directory = fresh();
    expect(
      directory.findServicePrincipalByAppId(builtinTenantIds.contoso, MICROSOFT_TEAMS_APP_ID),
    ).toBeDefined();
    expect(
      directory.findServicePrincipalByAppId(builtinTenantIds.northwind, MICROSOFT_TEAMS_APP_ID),
    ).toBeUndefined();
    expect(
      directory.findServicePrincipalByAppId(builtinTenantIds.tailspin, TARGET_APP_ID)?.accountEnabled,
    ).toBe(false);
    expect(directory.findServicePrincipalByAppId(builtinTenantIds.woodgrove, SIGN_IN_APP_ID)).toBeUndefined();
    expect(directory.findServicePrincipalByAppId(builtinTenantIds.contoso, SIGN_IN_APP_ID)).toBeDefined();
    const graph = directory.findApplication(MICROSOFT_GRAPH_APP_ID);
    expect(graph?.appRoles.find((r) => r.value === 'Directory.ReadWrite.All')?.id).toBe(
      '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
    );
    expect(graph?.oauth2PermissionScopes.find((s) => s.value === 'User.Read')?.type).toBe('User');
  });
});

describe('Directory consent', () => {
  it('unions the tenant-wide grant with the user’s own grant', () => {
    const directory = fresh();
    const tenant = builtinTenantIds.adatum;
    const isaiah = builtinUserId('adatum', 'isaiah');
    const admin = builtinUserId('adatum', 'admin');
    expect(directory.grantedDelegatedScopes(tenant, TARGET_APP_ID, isaiah, MICROSOFT_GRAPH_APP_ID)).toEqual([
      'User.Read',
      'offline_access',
      'Mail.Read',
    ]);
    expect(directory.grantedDelegatedScopes(tenant, TARGET_APP_ID, admin, MICROSOFT_GRAPH_APP_ID)).toEqual(
      [],
    );
    directory.consentDelegated(tenant, {
      clientAppId: TARGET_APP_ID,
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      scopes: ['Group.ReadWrite.All', 'User.Read'],
      consentType: 'AllPrincipals',
    });
    expect(directory.grantedDelegatedScopes(tenant, TARGET_APP_ID, admin, MICROSOFT_GRAPH_APP_ID)).toEqual([
      'Group.ReadWrite.All',
      'User.Read',
    ]);
    expect(
      [...directory.grantedDelegatedScopes(tenant, TARGET_APP_ID, isaiah, MICROSOFT_GRAPH_APP_ID)].sort(),
    ).toEqual(['Group.ReadWrite.All', 'Mail.Read', 'User.Read', 'offline_access']);
  });

  it('creates the client’s service principal on first consent and only adds scopes later', () => {
    const directory = fresh();
    const tenant = builtinTenantIds.woodgrove;
    const admin = builtinUserId('woodgrove', 'admin');
    const consent = {
      clientAppId: SIGN_IN_APP_ID,
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      consentType: 'AllPrincipals',
    } as const;
    directory.consentDelegated(tenant, { ...consent, scopes: ['User.Read', 'openid'] });
    directory.consentDelegated(tenant, { ...consent, scopes: ['openid', 'Directory.Read.All'] });
    expect(directory.findServicePrincipalByAppId(tenant, SIGN_IN_APP_ID)?.displayName).toBe('Pia Onboarding');
    expect(directory.grantedDelegatedScopes(tenant, SIGN_IN_APP_ID, admin, MICROSOFT_GRAPH_APP_ID)).toEqual([
      'User.Read',
      'openid',
      'Directory.Read.All',
    ]);
    expect(directory.tenant(tenant).oauth2PermissionGrants).toHaveLength(1);
  });

  it('assigns application permissions once and refuses a role the resource does not have', () => {
    const directory = fresh();
    const tenant = builtinTenantIds.adatum;
    const before = directory.grantedAppRoles(tenant, TARGET_APP_ID, MICROSOFT_GRAPH_APP_ID);
    expect(before).toHaveLength(10);
    directory.assignAppRoles(tenant, {
      clientAppId: TARGET_APP_ID,
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      appRoleIds: ['19dbc75e-c2e2-444c-a770-ec69d8559fc7', '19dbc75e-c2e2-444c-a770-ec69d8559fc7'],
    });
    const after = directory.grantedAppRoles(tenant, TARGET_APP_ID, MICROSOFT_GRAPH_APP_ID);
    expect(after.filter((v) => v === 'Directory.ReadWrite.All')).toHaveLength(1);
    expect(() =>
      directory.assignAppRoles(tenant, {
        clientAppId: TARGET_APP_ID,
        resourceAppId: MICROSOFT_GRAPH_APP_ID,
        appRoleIds: ['00000000-0000-0000-0000-000000000001'],
      }),
    ).toThrow(DirectoryError);
  });

  it('hides objects created at run time from Graph reads for the replication delay', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const directory = fresh({ clock: () => now, replicationDelayMs: () => 5000 });
    const tenant = builtinTenantIds.woodgrove;
    const sp = directory.createServicePrincipal(tenant, SIGN_IN_APP_ID);
    expect(directory.isVisible(sp.id)).toBe(false);
    now += 4999;
    expect(directory.isVisible(sp.id)).toBe(false);
    now += 1;
    expect(directory.isVisible(sp.id)).toBe(true);
    expect(directory.isVisible(builtinServicePrincipalId('woodgrove', MICROSOFT_GRAPH_APP_ID))).toBe(true);
  });

  it('refuses a second service principal for the same app', () => {
    const directory = fresh();
    expect(() => directory.createServicePrincipal(builtinTenantIds.contoso, SIGN_IN_APP_ID)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });
});

describe('scope values without case', () => {
  // "Scopes are case insensitive, so User.Read is the same as user.read":
  // https://learn.microsoft.com/aspnet/core/blazor/security/webassembly/microsoft-entra-id-groups-and-roles#scopes
  it('adds a scope a grant holds in another case only once, keeping the grant’s spelling', () => {
    const directory = fresh();
    const tenant = builtinTenantIds.contoso;
    const admin = builtinUserId('contoso', 'admin');
    const consent = {
      clientAppId: TARGET_APP_ID,
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      consentType: 'AllPrincipals' as const,
    };
    directory.consentDelegated(tenant, { ...consent, scopes: ['user.read'] });
    directory.consentDelegated(tenant, { ...consent, scopes: ['User.Read', 'MAIL.READ'] });
    expect(directory.grantedDelegatedScopes(tenant, TARGET_APP_ID, admin, MICROSOFT_GRAPH_APP_ID)).toEqual([
      'user.read',
      'MAIL.READ',
    ]);
  });
});
