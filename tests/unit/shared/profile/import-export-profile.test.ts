import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../../src/shared/profile/default-profile';
import { exportProfile } from '../../../../src/shared/profile/export-profile';
import {
  formatProfileImportIssue,
  importProfile,
  type ProfileImportResult,
} from '../../../../src/shared/profile/import-profile';

const GRAPH = '00000003-0000-0000-c000-000000000000';
const APP = '0e2b7a54-3c0c-4a4f-9d5b-4a1f2e3d4c5b';

const issuesOf = (result: ProfileImportResult): string[] =>
  result.ok ? [] : result.issues.map(formatProfileImportIssue);

/** A valid profile's text, with one resource whose body is given as JSON lines. */
const profileText = (resourceBody: string, targetApp = `{ "displayName": "Pia", "appId": "${APP}" }`) =>
  [
    '{',
    '  "schemaVersion": 1,',
    `  "targetApp": ${targetApp},`,
    '  "permissions": [',
    '    {',
    `      "resourceAppId": "${GRAPH}",`,
    '      "resourceDisplayName": "Microsoft Graph",',
    resourceBody,
    '    }',
    '  ]',
    '}',
  ].join('\n');

describe('importProfile', () => {
  it('reads a hand-written profile with names alone', () => {
    const result = importProfile(
      profileText(
        '      "delegated": ["User.Read", "offline_access"],\n      "application": ["Group.ReadWrite.All"]',
      ),
    );
    expect(result).toEqual({
      ok: true,
      profile: {
        schemaVersion: 1,
        targetApp: { displayName: 'Pia', appId: APP },
        permissions: [
          {
            resourceAppId: GRAPH,
            resourceDisplayName: 'Microsoft Graph',
            delegated: [{ name: 'User.Read' }, { name: 'offline_access' }],
            application: [{ name: 'Group.ReadWrite.All' }],
          },
        ],
      },
    });
  });

  it('names the field, line and column of a wrong permission entry', () => {
    const text = profileText(
      '      "delegated": [\n        "User.Read",\n        "Mail.Read",\n        "Mail.Send",\n        14\n      ]',
    );
    expect(issuesOf(importProfile(text))).toEqual([
      'permissions[0].delegated[3]: expected a permission name such as "User.Read" (line 12, column 9)',
    ]);
  });

  it('refuses a malformed application ID, pointing at the value', () => {
    const text = profileText(
      '      "delegated": ["User.Read"]',
      '{ "displayName": "Pia", "appId": "pia-app" }',
    );
    expect(issuesOf(importProfile(text))).toEqual([
      'targetApp.appId: expected a GUID such as 00000003-0000-0000-c000-000000000000 (line 3, column 49)',
    ]);
  });

  it('refuses a permission listed twice, even in another case', () => {
    const text = profileText('      "delegated": ["User.Read", "Mail.Read", "user.read"]');
    expect(issuesOf(importProfile(text))).toEqual([
      'permissions[0].delegated[2]: duplicate: "user.read" is already listed at delegated[0] (line 8, column 47)',
    ]);
  });

  it('refuses an unknown permission type, pointing at the field name', () => {
    const text = profileText('      "delegated": ["User.Read"],\n      "roles": ["Group.ReadWrite.All"]');
    expect(issuesOf(importProfile(text))).toEqual([
      'permissions[0].roles: unknown field "roles": permission types are "delegated" and "application" (line 9, column 7)',
    ]);
  });

  it('refuses empty lists and a resource that requests nothing', () => {
    expect(issuesOf(importProfile(profileText('      "delegated": []')))).toEqual([
      'permissions[0].delegated: empty list: name at least one permission, or leave the field out (line 8, column 20)',
    ]);
    const nothing = importProfile(
      `{ "schemaVersion": 1, "targetApp": { "displayName": "Pia", "appId": "${APP}" },\n` +
        `"permissions": [{ "resourceAppId": "${GRAPH}", "resourceDisplayName": "Microsoft Graph" }] }`,
    );
    expect(issuesOf(nothing)).toEqual([
      'permissions[0]: requests no permission of Microsoft Graph: add "delegated" or "application" (line 2, column 17)',
    ]);
    const noResources = `{ "schemaVersion": 1, "targetApp": { "displayName": "Pia", "appId": "${APP}" }, "permissions": [] }`;
    expect(issuesOf(importProfile(noResources))).toEqual([
      'permissions: empty list: name at least one resource and its permissions (line 1, column 126)',
    ]);
  });

  it('refuses the same resource twice, comparing application IDs without case', () => {
    const resource = (appId: string) =>
      `{ "resourceAppId": "${appId}", "resourceDisplayName": "Microsoft Graph", "delegated": ["User.Read"] }`;
    const text = [
      '{',
      '"schemaVersion": 1,',
      `"targetApp": { "displayName": "Pia", "appId": "${APP}" },`,
      '"permissions": [',
      `${resource(GRAPH)},`,
      resource(GRAPH.toUpperCase()),
      ']',
      '}',
    ].join('\n');
    expect(issuesOf(importProfile(text))).toEqual([
      `permissions[1].resourceAppId: duplicate resource: ${GRAPH} is already listed at permissions[0]; merge the two (line 6, column 20)`,
    ]);
  });

  it('reports a missing field at the object that lacks it', () => {
    const text = `{\n  "schemaVersion": 1,\n  "targetApp": { "displayName": "Pia" },\n  "permissions": [{ "resourceAppId": "${GRAPH}", "resourceDisplayName": "Microsoft Graph", "delegated": ["User.Read"] }]\n}`;
    expect(issuesOf(importProfile(text))).toEqual([
      'targetApp.appId: missing required field (line 3, column 16)',
    ]);
  });

  it('refuses another schema version, saying which one it reads', () => {
    const text = exportProfile(DEFAULT_PROFILE).replace('"schemaVersion": 1', '"schemaVersion": 2');
    expect(issuesOf(importProfile(text))).toEqual([
      'schemaVersion: unsupported schema version 2: this version of the tool reads version 1 (line 2, column 20)',
    ]);
  });

  it('explains JSON syntax errors with their position', () => {
    expect(issuesOf(importProfile('{\n  "schemaVersion": 1,\n}'))).toEqual([
      'profile: not valid JSON: trailing comma before "}" (line 2, column 21)',
    ]);
    expect(issuesOf(importProfile('{\n  "schemaVersion": 1\n  "name": "x"\n}'))).toEqual([
      'profile: not valid JSON: unexpected "\\"": expected "," or "}" (line 3, column 3)',
    ]);
    expect(issuesOf(importProfile('{ "name": "a", "name": "b" }'))).toEqual([
      'profile: not valid JSON: duplicate field "name" in the same object (line 1, column 16)',
    ]);
    expect(issuesOf(importProfile('   '))).toEqual(['profile: the file is empty (line 1, column 1)']);
  });

  it('refuses an admin-consent redirect that is not https (except on localhost)', () => {
    const app = (uri: string) =>
      `{ "displayName": "Pia", "appId": "${APP}", "adminConsentRedirectUri": "${uri}" }`;
    const body = '      "delegated": ["User.Read"]';
    expect(importProfile(profileText(body, app('https://pia.example.com/consent'))).ok).toBe(true);
    expect(importProfile(profileText(body, app('http://localhost:5000/consent'))).ok).toBe(true);
    expect(issuesOf(importProfile(profileText(body, app('http://pia.example.com/consent'))))).toEqual([
      'targetApp.adminConsentRedirectUri: expected an https:// URL (http:// is allowed only for localhost) (line 3, column 116)',
    ]);
  });

  it('treats __proto__ as an unknown field, not as a prototype', () => {
    const text = exportProfile(DEFAULT_PROFILE).replace(
      '"schemaVersion": 1,',
      '"schemaVersion": 1,\n  "__proto__": { "polluted": true },',
    );
    expect(issuesOf(importProfile(text))).toEqual([
      '__proto__: unknown field "__proto__" (line 3, column 3)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a file saved with a byte order mark', () => {
    expect(importProfile(`\uFEFF${exportProfile(DEFAULT_PROFILE)}`).ok).toBe(true);
  });
});

describe('exportProfile', () => {
  it('round-trips the default profile exactly', () => {
    const result = importProfile(exportProfile(DEFAULT_PROFILE));
    expect(result).toEqual({ ok: true, profile: DEFAULT_PROFILE });
  });

  it('writes stable text: fixed field order, one permission per line, final newline', () => {
    const text = exportProfile(DEFAULT_PROFILE);
    expect(exportProfile(DEFAULT_PROFILE)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '{',
      '  "schemaVersion": 1,',
      '  "name": "Pia (default permissions)",',
      '  "targetApp": {',
    ]);
    expect(text).toContain(
      '\n        { "name": "User.Read", "description": "Sign in and read user profile" },\n',
    );
  });

  it('writes permissions without a description as bare names', () => {
    const imported = importProfile(profileText('      "application": ["Group.ReadWrite.All"]'));
    if (!imported.ok) throw new Error('fixture must be valid');
    const text = exportProfile(imported.profile);
    expect(text).toContain('"application": [\n        "Group.ReadWrite.All"\n      ]');
    expect(text).not.toContain('"delegated"');
  });
});
