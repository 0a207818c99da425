import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../../src/shared/profile/default-profile';
import { ResourcePermissionsSchema } from '../../../../src/shared/profile/permission-profile';
import {
  classifyRequestedPermissions,
  PublishedPermissionsSchema,
} from '../../../../src/shared/profile/resource-offer';

const GRAPH = '00000003-0000-0000-c000-000000000000';

const requested = ResourcePermissionsSchema.parse({
  resourceAppId: GRAPH,
  resourceDisplayName: 'Microsoft Graph',
  delegated: ['User.Read', 'mail.send', 'Legacy.Scope', 'Group.ReadWrite.All', 'Sites.FullControl.All'],
  application: ['Group.ReadWrite.All', 'Disabled.Role', 'User.Read', 'Users.Only'],
});

const published = PublishedPermissionsSchema.parse({
  appId: GRAPH,
  displayName: 'Microsoft Graph',
  oauth2PermissionScopes: [
    { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', value: 'User.Read', isEnabled: true, type: 'User' },
    { id: 'e383f46e-2787-4529-855e-0e479a3ffac0', value: 'Mail.Send', isEnabled: true, type: 'User' },
    { id: '11111111-0000-0000-0000-000000000001', value: 'Legacy.Scope', isEnabled: false, type: 'Admin' },
    {
      id: '4e46008b-f24c-477d-8fff-7bb4ec7aafe0',
      value: 'Group.ReadWrite.All',
      isEnabled: true,
      type: 'Admin',
    },
  ],
  appRoles: [
    {
      id: '62a82d76-70ea-41e2-9197-370581804d09',
      value: 'Group.ReadWrite.All',
      isEnabled: true,
      allowedMemberTypes: ['Application'],
    },
    {
      id: '22222222-0000-0000-0000-000000000002',
      value: 'Disabled.Role',
      isEnabled: false,
      allowedMemberTypes: ['Application'],
    },
    {
      id: '33333333-0000-0000-0000-000000000003',
      value: 'Users.Only',
      isEnabled: true,
      allowedMemberTypes: ['User'],
    },
    {
      id: '44444444-0000-0000-0000-000000000004',
      value: 'Sites.FullControl.All',
      isEnabled: true,
      allowedMemberTypes: ['Application'],
    },
  ],
});

describe('classifyRequestedPermissions', () => {
  const offers = classifyRequestedPermissions(requested, published);
  const byKey = new Map(offers.map((o) => [`${o.type}:${o.name}`, o]));

  it('returns one row per requested permission, delegated first, in profile order', () => {
    expect(offers.map((o) => `${o.type}:${o.name}`)).toEqual([
      'delegated:User.Read',
      'delegated:Mail.Send',
      'delegated:Legacy.Scope',
      'delegated:Group.ReadWrite.All',
      'delegated:Sites.FullControl.All',
      'application:Group.ReadWrite.All',
      'application:Disabled.Role',
      'application:User.Read',
      'application:Users.Only',
    ]);
  });

  it('gives the permission ID of each offered permission, of the right type', () => {
    expect(byKey.get('delegated:User.Read')).toEqual({
      status: 'offered',
      resourceAppId: GRAPH,
      type: 'delegated',
      name: 'User.Read',
      id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
    });
    // The same name has different IDs as a scope and as an app role.
    expect(byKey.get('delegated:Group.ReadWrite.All')).toMatchObject({
      id: '4e46008b-f24c-477d-8fff-7bb4ec7aafe0',
    });
    expect(byKey.get('application:Group.ReadWrite.All')).toMatchObject({
      status: 'offered',
      id: '62a82d76-70ea-41e2-9197-370581804d09',
    });
  });

  it('matches a name written in another case and reports the published spelling', () => {
    expect(byKey.get('delegated:Mail.Send')).toMatchObject({
      status: 'offered',
      id: 'e383f46e-2787-4529-855e-0e479a3ffac0',
    });
  });

  it('reports disabled permissions as not offered, with their ID', () => {
    expect(byKey.get('delegated:Legacy.Scope')).toMatchObject({
      status: 'not-offered',
      reason: 'disabled',
      id: '11111111-0000-0000-0000-000000000001',
    });
    expect(byKey.get('application:Disabled.Role')).toMatchObject({
      status: 'not-offered',
      reason: 'disabled',
    });
  });

  it('reports a name not published for that type, and the type it is published as', () => {
    expect(byKey.get('delegated:Sites.FullControl.All')).toMatchObject({
      status: 'not-offered',
      reason: 'not-published',
      id: null,
      publishedAs: 'application',
    });
    expect(byKey.get('application:User.Read')).toMatchObject({
      status: 'not-offered',
      reason: 'not-published',
      publishedAs: 'delegated',
    });
  });

  it('does not count an app role meant only for users as an application permission', () => {
    expect(byKey.get('application:Users.Only')).toMatchObject({
      status: 'not-offered',
      reason: 'not-published',
      publishedAs: null,
    });
  });

  it('reports every permission of the default profile as not offered by a resource that publishes none', () => {
    const resource = DEFAULT_PROFILE.permissions[0];
    if (resource === undefined) throw new Error('default profile has a resource');
    const none = classifyRequestedPermissions(resource, PublishedPermissionsSchema.parse({ appId: GRAPH }));
    expect(none).toHaveLength(40);
    expect(none.every((o) => o.status === 'not-offered' && o.reason === 'not-published')).toBe(true);
  });
});
