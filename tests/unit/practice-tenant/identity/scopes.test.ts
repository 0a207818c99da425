import { describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinScenario,
  SIGN_IN_APP_ID,
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { Directory } from '../../../../src/main/practice-tenant/directory/directory';
import { resolveScopes } from '../../../../src/main/practice-tenant/identity/scopes';

const directory = new Directory(builtinScenario());
const signIn = directory.findApplication(SIGN_IN_APP_ID);
const target = directory.findApplication(TARGET_APP_ID);

describe('scope resolution', () => {
  it('reads bare and prefixed permissions as Microsoft Graph, with the OIDC scopes under Graph', () => {
    if (signIn === undefined) throw new Error('no sign-in app');
    const result = resolveScopes(
      directory,
      signIn,
      'User.Read https://graph.microsoft.com/Directory.Read.All openid offline_access',
      'Contoso',
    );
    expect(result.ok && result.request.resource.appId).toBe(MICROSOFT_GRAPH_APP_ID);
    expect(result.ok && result.request.delegated).toEqual([
      {
        resourceAppId: MICROSOFT_GRAPH_APP_ID,
        values: ['openid', 'offline_access', 'User.Read', 'Directory.Read.All'],
      },
    ]);
  });

  it('expands /.default to the registration, application permissions included', () => {
    if (signIn === undefined || target === undefined) throw new Error('no apps');
    const own = resolveScopes(directory, signIn, 'https://graph.microsoft.com/.default', 'Contoso');
    expect(own.ok && own.request.delegated[0]?.values).toEqual(
      expect.arrayContaining(
        signInAppScopes.filter((s) => s !== 'offline_access' && s !== 'openid' && s !== 'profile'),
      ),
    );
    const pia = resolveScopes(directory, target, 'https://graph.microsoft.com/.default', 'Contoso');
    const roles = target.requiredResourceAccess.flatMap((r) =>
      r.resourceAccess.filter((a) => a.type === 'Role'),
    );
    expect(pia.ok && pia.request.appRoles[0]?.appRoleIds).toHaveLength(roles.length);
  });

  it('refuses two resources in one request (AADSTS28000) and permissions a resource does not offer', () => {
    if (signIn === undefined) throw new Error('no sign-in app');
    const two = resolveScopes(
      directory,
      signIn,
      'https://graph.microsoft.com/User.Read https://outlook.office365.com/.default',
      'Contoso',
    );
    expect(!two.ok && two.error.code).toBe(28000);
    const unknown = resolveScopes(
      directory,
      signIn,
      'https://graph.microsoft.com/Not.A.Permission',
      'Contoso',
    );
    expect(!unknown.ok && unknown.error.code).toBe(650053);
    const resource = resolveScopes(directory, signIn, 'https://unknown.example/.default', 'Contoso');
    expect(!resource.ok && resource.error.code).toBe(500011);
  });
});
