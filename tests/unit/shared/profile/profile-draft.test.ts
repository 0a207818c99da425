import { describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/shared/cloud/microsoft-graph';
import { DEFAULT_PROFILE } from '../../../../src/shared/profile/default-profile';
import { exportProfile } from '../../../../src/shared/profile/export-profile';
import { importProfile } from '../../../../src/shared/profile/import-profile';
import {
  catalogHint,
  type PermissionCatalog,
  suggestPermissions,
} from '../../../../src/shared/profile/permission-catalog';
import {
  addPermission,
  draftFromProfile,
  emptyDraft,
  movePermission,
  profileFromDraft,
  removePermission,
} from '../../../../src/shared/profile/profile-draft';

describe('the profile editor’s draft', () => {
  it('gives the built-in profile back unchanged, descriptions included', () => {
    const made = profileFromDraft(draftFromProfile(DEFAULT_PROFILE));
    expect(made.ok && exportProfile(made.profile)).toBe(exportProfile(DEFAULT_PROFILE));
  });

  it('is checked by the schema an imported file is, each problem naming its field', () => {
    const draft = {
      ...emptyDraft(),
      displayName: 'Helper',
      appId: 'not-a-guid',
      adminConsentRedirectUri: 'ftp://x',
    };
    const made = profileFromDraft(draft);
    expect(made.ok).toBe(false);
    const paths = made.ok ? [] : made.issues.map((issue) => issue.path);
    expect(paths).toContain('targetApp.appId');
    expect(paths).toContain('targetApp.adminConsentRedirectUri');
    // A resource that requests nothing is refused, as import refuses it.
    expect(paths).toContain('permissions[0]');
  });

  it('makes a profile that imports back identical, with the ID in lower case and empty fields left out', () => {
    let draft = { ...emptyDraft(), displayName: 'Helper', appId: '6F1C0A52-3D7E-4B8A-9C11-2E5F7A9B0C3D' };
    draft = addPermission(draft, 0, 'delegated', 'User.Read');
    draft = addPermission(draft, 0, 'delegated', 'user.read');
    draft = addPermission(draft, 0, 'application', 'Directory.Read.All');
    const made = profileFromDraft(draft);
    if (!made.ok) throw new Error(JSON.stringify(made.issues));
    expect(made.profile.name).toBeUndefined();
    expect(made.profile.targetApp).toEqual({
      displayName: 'Helper',
      appId: '6f1c0a52-3d7e-4b8a-9c11-2e5f7a9b0c3d',
    });
    expect(made.profile.permissions[0]?.delegated).toEqual([{ name: 'User.Read' }]);
    const text = exportProfile(made.profile);
    const imported = importProfile(text);
    expect(imported.ok && exportProfile(imported.profile)).toBe(text);
  });

  it('moves a permission to the other type, keeping its description, and removes one', () => {
    let draft = draftFromProfile(DEFAULT_PROFILE);
    const before = draft.resources[0]?.delegated.find((p) => p.name === 'Device.ReadWrite.All');
    expect(before).toBeDefined();
    draft = movePermission(draft, 0, 'delegated', 'Device.ReadWrite.All');
    expect(draft.resources[0]?.delegated.some((p) => p.name === 'Device.ReadWrite.All')).toBe(false);
    expect(draft.resources[0]?.application.find((p) => p.name === 'Device.ReadWrite.All')).toEqual(before);
    draft = removePermission(draft, 0, 'application', 'Device.ReadWrite.All');
    expect(draft.resources[0]?.application.some((p) => p.name === 'Device.ReadWrite.All')).toBe(false);
  });
});

const catalog: PermissionCatalog = {
  resources: [
    {
      appId: MICROSOFT_GRAPH_APP_ID,
      displayName: 'Microsoft Graph',
      permissions: [
        { value: 'User.Read', type: 'delegated', adminConsentRequired: false, isEnabled: true },
        { value: 'User.Read.All', type: 'delegated', adminConsentRequired: true, isEnabled: true },
        { value: 'User.ReadBasic.All', type: 'delegated', adminConsentRequired: false, isEnabled: true },
        { value: 'Directory.Read.All', type: 'delegated', adminConsentRequired: true, isEnabled: true },
        { value: 'Device.ReadWrite.All', type: 'application', adminConsentRequired: true, isEnabled: true },
        { value: 'Old.Read.All', type: 'application', adminConsentRequired: true, isEnabled: false },
      ],
    },
  ],
};

describe('what the catalog says of a listed name', () => {
  it.each([
    ['delegated', 'User.Read', { kind: 'known', name: 'User.Read', adminConsentRequired: false }],
    ['delegated', 'user.read.all', { kind: 'known', name: 'User.Read.All', adminConsentRequired: true }],
    ['delegated', 'Device.ReadWrite.All', { kind: 'other-type', publishedAs: 'application' }],
    ['application', 'Old.Read.All', { kind: 'disabled' }],
    ['application', 'Nothing.Like.This', { kind: 'unknown' }],
  ] as const)('%s %s', (type, name, hint) => {
    expect(catalogHint(catalog, MICROSOFT_GRAPH_APP_ID, type, name)).toEqual(hint);
  });

  it('cannot check a resource the catalog does not hold', () => {
    expect(
      catalogHint(catalog, '00000002-0000-0ff1-ce00-000000000000', 'application', 'Exchange.ManageAsApp'),
    ).toEqual({ kind: 'unchecked' });
  });

  it('suggests names starting with the text first, then containing it, enabled ones of the type only', () => {
    expect(
      suggestPermissions(catalog, MICROSOFT_GRAPH_APP_ID, 'delegated', 'read').map((p) => p.value),
    ).toEqual(['Directory.Read.All', 'User.Read', 'User.Read.All', 'User.ReadBasic.All']);
    expect(
      suggestPermissions(catalog, MICROSOFT_GRAPH_APP_ID, 'delegated', 'user.read.').map((p) => p.value),
    ).toEqual(['User.Read.All']);
    expect(suggestPermissions(catalog, MICROSOFT_GRAPH_APP_ID, 'application', 'old')).toEqual([]);
  });
});
