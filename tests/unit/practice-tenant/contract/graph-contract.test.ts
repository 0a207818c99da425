import { beforeEach, describe, expect, it } from 'vitest';
import {
  graphPermissionId,
  MICROSOFT_GRAPH_APP_ID,
} from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import { targetAppApplicationPermissions } from '../../../../src/main/practice-tenant/catalog/target-app-permissions';
import {
  builtinServicePrincipalId,
  builtinUserId,
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { roleTemplates } from '../../../../src/main/practice-tenant/directory/role-templates';
import { bodyOf, createGraphFixture, type GraphFixture, itemsOf, ORIGIN } from '../graph/graph-fixture';
import { shapeDifferences } from './doc-example-shape';

// Contract tests: each practice Graph endpoint the onboarding uses, checked against the example response of its page
// in the Microsoft Graph v1.0 reference. The examples below are copied from those pages (long arrays cut to one
// item); `shapeDifferences` requires every property an example shows, with the same JSON kind.

const GA = roleTemplates.globalAdministrator.id;
let f: GraphFixture;
let admin: string;

beforeEach(async () => {
  f = await createGraphFixture();
  admin = await f.userToken('adatum', 'admin', signInAppScopes.join(' '));
});

const metadata = (fragment: string): string => `${ORIGIN}/v1.0/$metadata#${fragment}`;

describe('the shape comparison', () => {
  it('reports a missing property, a different kind and a difference inside a list', () => {
    expect(
      shapeDifferences(
        { id: 'a', isDefault: 'yes', value: [{ name: 1 }] },
        { id: 'b', isDefault: true, scope: 's', value: [{ name: 'x' }] },
      ),
    ).toEqual([
      '$.isDefault: expected boolean, found string',
      '$.scope: missing',
      '$.value[0].name: expected string, found number',
    ]);
    expect(shapeDifferences({ a: null, b: [] }, { a: 'text', b: ['x'] })).toEqual([]);
  });

  it('refuses an empty list where the example holds objects, and checks every item of a list', () => {
    const example = { value: [{ id: 'x', scope: 's' }] };
    expect(shapeDifferences({ value: [] }, example)).toEqual([
      "$.value: empty, where Microsoft's example holds objects",
    ]);
    expect(shapeDifferences({ value: [{ id: 'a', scope: 's' }, { id: 'b' }] }, example)).toEqual([
      '$.value[1].scope: missing',
    ]);
    expect(shapeDifferences({ value: [{ plans: [] }] }, { value: [{ plans: [{ id: 'p' }] }] })).toEqual([
      "$.value[0].plans: empty, where Microsoft's example holds objects",
    ]);
    expect(
      shapeDifferences(
        { value: [{ plans: [] }] },
        { value: [{ plans: [{ id: 'p' }] }] },
        {
          mayBeEmpty: ['$.value[*].plans'],
        },
      ),
    ).toEqual([]);
  });
});

// Where an example of the Graph reference shows a property Microsoft's v1.0 metadata does not declare (beta's
// `publisherName`, `directorySizeQuota`, `resourceScope`, …), the metadata wins: the example here leaves it out, and
// tests/unit/practice-tenant/graph/graph-shapes.test.ts checks every answer against the metadata.
describe('tenant reads', () => {
  it('GET /organization as https://learn.microsoft.com/graph/api/organization-list shows it', async () => {
    const example = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#organization',
      value: [
        {
          id: '84841066-274d-4ec0-a5c1-276be684bdd3',
          deletedDateTime: null,
          businessPhones: ['425-555-0100'],
          city: null,
          country: null,
          countryLetterCode: 'NL',
          createdDateTime: '2021-08-02T10:30:06Z',
          defaultUsageLocation: 'String',
          displayName: 'Contoso',
          marketingNotificationEmails: [],
          onPremisesLastSyncDateTime: null,
          onPremisesSyncEnabled: null,
          partnerTenantType: 'ResellerPartnerDelegatedAdmin',
          postalCode: null,
          preferredLanguage: 'en',
          securityComplianceNotificationMails: [],
          securityComplianceNotificationPhones: [],
          state: null,
          street: null,
          technicalNotificationMails: ['admin@contoso.com'],
          tenantType: 'AAD',
          assignedPlans: [
            {
              assignedDateTime: '2022-04-03T02:46:42Z',
              capabilityStatus: 'Deleted',
              service: 'Adallom',
              servicePlanId: '932ad362-64a8-4783-9106-97849a1a30b9',
            },
          ],
          privacyProfile: { contactEmail: '', statementUrl: '' },
          provisionedPlans: [
            { capabilityStatus: 'Deleted', provisioningStatus: 'Success', service: 'Adallom' },
          ],
          verifiedDomains: [
            {
              capabilities: 'Email, OfficeCommunicationsOnline',
              isDefault: true,
              isInitial: true,
              name: 'Contoso.onmicrosoft.com',
              type: 'Managed',
            },
          ],
        },
      ],
    };
    const body = bodyOf(await f.call(admin, 'GET', '/organization'));
    // The practice tenants hold no licences, so no plans: an organization without subscriptions has none either.
    expect(
      shapeDifferences(body, example, {
        mayBeEmpty: ['$.value[*].assignedPlans', '$.value[*].provisionedPlans'],
      }),
    ).toEqual([]);
    expect(body['@odata.context']).toBe(metadata('organization'));
  });

  it('GET /domains as https://learn.microsoft.com/graph/api/domain-list shows it', async () => {
    const example = {
      value: [
        {
          authenticationType: 'authenticationType-value',
          availabilityStatus: 'availabilityStatus-value',
          isAdminManaged: true,
          isDefault: true,
          isInitial: true,
          isRoot: true,
          id: 'contoso.com',
          supportedServices: ['Email', 'OfficeCommunicationsOnline'],
        },
      ],
    };
    const body = bodyOf(await f.call(admin, 'GET', '/domains'));
    expect(shapeDifferences(body, example)).toEqual([]);
    expect(body['@odata.context']).toBe(metadata('domains'));
  });

  it('GET /me as https://learn.microsoft.com/graph/api/user-get (example 2) shows it', async () => {
    const example = {
      businessPhones: ['+1 425 555 0109'],
      displayName: 'Adele Vance',
      givenName: 'Adele',
      jobTitle: 'Retail Manager',
      mail: 'AdeleV@contoso.com',
      mobilePhone: '+1 425 555 0109',
      officeLocation: '18/2111',
      preferredLanguage: 'en-US',
      surname: 'Vance',
      userPrincipalName: 'AdeleV@contoso.com',
      id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
    };
    const body = bodyOf(await f.call(admin, 'GET', '/me'));
    expect(shapeDifferences(body, example)).toEqual([]);
    // Without $select, /me returns exactly the default properties.
    expect(
      Object.keys(body)
        .filter((k) => !k.startsWith('@'))
        .sort(),
    ).toEqual(Object.keys(example).sort());
  });

  it('GET /me/transitiveMemberOf/microsoft.graph.directoryRole with directoryRole items', async () => {
    // Items as in the /me/memberOf example of https://learn.microsoft.com/graph/json-batching; the OData cast names
    // the collection after the type, as in https://learn.microsoft.com/graph/api/user-list-transitivememberof
    // (example 5: "$metadata#groups").
    const example = {
      value: [
        {
          '@odata.type': '#microsoft.graph.directoryRole',
          id: '21004afc-7bb2-4fe6-a1e1-074ebd3e52c1',
          deletedDateTime: null,
          description:
            'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
          displayName: 'User Administrator',
          roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
        },
      ],
    };
    // An advanced query: https://learn.microsoft.com/graph/aad-advanced-queries
    const body = bodyOf(
      await f.call(
        admin,
        'GET',
        '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true',
        undefined,
        {
          ConsistencyLevel: 'eventual',
        },
      ),
    );
    expect(shapeDifferences(body, example)).toEqual([]);
    expect(body['@odata.context']).toBe(metadata('directoryRoles'));
    expect(itemsOf({ status: 200, headers: {}, body })).toHaveLength(1);
  });

  it('GET /roleManagement/directory/roleAssignments as https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments (example 2) shows it', async () => {
    const example = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments',
      value: [
        {
          id: 'lAPpYvVpN0KRkAEhdxReEHJ1hPGqSKpHlqMuxhkE9B8-1',
          principalId: 'f1847572-48aa-47aa-96a3-2ec61904f41f',
          directoryScopeId: '/',
          roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
        },
      ],
    };
    const body = bodyOf(
      await f.call(
        admin,
        'GET',
        `/roleManagement/directory/roleAssignments?$filter=principalId eq '${builtinUserId('adatum', 'admin')}'`,
      ),
    );
    expect(shapeDifferences(body, example)).toEqual([]);
    expect(body['@odata.context']).toBe(metadata('roleManagement/directory/roleAssignments'));
    expect(itemsOf({ status: 200, headers: {}, body })[0]).toMatchObject({ roleDefinitionId: GA });
  });

  it('GET /roleManagement/directory/roleEligibilitySchedules as https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityschedules shows it', async () => {
    const example = {
      '@odata.context':
        'https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilitySchedules',
      value: [
        {
          id: '77f71919-62f3-4d0c-9f88-0a0391b665cd',
          principalId: '071cc716-8147-4397-a5ba-b2105951cc0b',
          roleDefinitionId: '8424c6f0-a189-499e-bbd0-26c1753c96d4',
          directoryScopeId: '/',
          appScopeId: null,
          createdUsing: '77f71919-62f3-4d0c-9f88-0a0391b665cd',
          createdDateTime: '2022-04-12T14:44:50.287Z',
          modifiedDateTime: '0001-01-01T08:00:00Z',
          status: 'Provisioned',
          memberType: 'Direct',
          scheduleInfo: {
            startDateTime: '2022-04-12T14:44:50.287Z',
            recurrence: null,
            expiration: { type: 'afterDateTime', endDateTime: '2024-04-10T00:00:00Z', duration: null },
          },
        },
      ],
    };
    const contoso = await f.userToken('contoso', 'admin', signInAppScopes.join(' '));
    const body = bodyOf(await f.call(contoso, 'GET', '/roleManagement/directory/roleEligibilitySchedules'));
    expect(shapeDifferences(body, example)).toEqual([]);
    expect(body['@odata.context']).toBe(metadata('roleManagement/directory/roleEligibilitySchedules'));
    expect(itemsOf({ status: 200, headers: {}, body })).toHaveLength(1);
  });
});

describe('service principals', () => {
  // https://learn.microsoft.com/graph/api/serviceprincipal-get (example 1)
  const servicePrincipalExample = {
    accountEnabled: true,
    addIns: [],
    alternativeNames: ['http://contoso/a7770d29-4321-41a6-b863-ca11d6639448'],
    appDisplayName: 'My app',
    appId: 'appId-value',
    appOwnerOrganizationId: '65415bb1-9267-4313-bbf5-ae259732ee12',
    appRoleAssignmentRequired: true,
    appRoles: [],
    disabledByMicrosoftStatus: null,
    displayName: 'My app instance in tenant',
    endpoints: [],
    homepage: null,
    id: '00af5dfb-85da-4b41-a677-0c6b86dd34f8',
    verifiedPublisher: {
      displayName: 'publisher_contoso',
      verifiedPublisherId: '9999999',
      addedDateTime: '2021-04-24T17:49:44Z',
    },
    info: {
      termsOfServiceUrl: null,
      supportUrl: null,
      privacyStatementUrl: null,
      marketingUrl: null,
      logoUrl: null,
    },
    keyCredentials: [],
    logoutUrl: null,
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    replyUrls: [],
    resourceSpecificApplicationPermissions: [],
    servicePrincipalNames: [],
    servicePrincipalType: null,
    signInAudience: 'AzureADandPersonalMicrosoftAccount',
    tags: [],
    tokenEncryptionKeyId: null,
  };
  // https://learn.microsoft.com/graph/api/serviceprincipal-get (example 2): Microsoft Graph's own permissions.
  const permissionsExample = {
    appRoles: [
      {
        allowedMemberTypes: ['Application'],
        description:
          'Allows the app to read all class assignments without grades for all users without a signed-in user.',
        displayName: 'Read all class assignments without grades',
        id: '6e0a958b-b7fc-4348-b7c4-a6ab9fd3dd0e',
        isEnabled: true,
        origin: 'Application',
        value: 'EduAssignments.ReadBasic.All',
      },
    ],
    oauth2PermissionScopes: [
      {
        adminConsentDescription:
          "Allows the app to see your users' basic profile (e.g., name, picture, user name, email address)",
        adminConsentDisplayName: "View users' basic profile",
        id: '14dad69e-099b-42c9-810b-d002981feec1',
        isEnabled: true,
        type: 'User',
        userConsentDescription:
          'Allows the app to see your basic profile (e.g., name, picture, user name, email address)',
        userConsentDisplayName: 'View your basic profile',
        value: 'profile',
      },
    ],
  };
  const graphSp = builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID);

  it('lists with $filter=appId (https://learn.microsoft.com/graph/api/serviceprincipal-list)', async () => {
    const body = bodyOf(
      await f.call(admin, 'GET', `/servicePrincipals?$filter=appId eq '${MICROSOFT_GRAPH_APP_ID}'`),
    );
    expect(shapeDifferences(body, { value: [servicePrincipalExample] })).toEqual([]);
    expect(shapeDifferences(body, { value: [permissionsExample] })).toEqual([]);
    expect(body['@odata.context']).toBe(metadata('servicePrincipals'));
  });

  it('gets by id and by appId with the entity context', async () => {
    for (const path of [
      `/servicePrincipals/${graphSp}`,
      `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')`,
    ]) {
      const body = bodyOf(await f.call(admin, 'GET', path));
      expect(shapeDifferences(body, servicePrincipalExample), path).toEqual([]);
      expect(shapeDifferences(body, permissionsExample), path).toEqual([]);
      expect(body['@odata.context'], path).toBe(metadata('servicePrincipals/$entity'));
    }
  });

  it('creates as https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals shows it', async () => {
    const example = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity',
      id: '59e617e5-e447-4adc-8b88-00af644d7c92',
      deletedDateTime: null,
      accountEnabled: true,
      appDisplayName: 'My App',
      appId: '65415bb1-9267-4313-bbf5-ae259732ee12',
      appOwnerOrganizationId: '1bc1c026-2f7b-48a5-98da-afa2fd8bc7bc',
      appRoleAssignmentRequired: false,
      displayName: 'foo',
      homepage: null,
      logoutUrl: null,
      replyUrls: [],
      servicePrincipalNames: ['f1bd758f-4a1a-4b71-aa20-a248a22a8928'],
      tags: [],
      addIns: [],
      appRoles: [],
      info: {
        termsOfServiceUrl: null,
        supportUrl: null,
        privacyStatementUrl: null,
        marketingUrl: null,
        logoUrl: null,
      },
      keyCredentials: [],
      oauth2PermissionScopes: [],
      passwordCredentials: [],
    };
    const contoso = await f.userToken('contoso', 'admin', signInAppScopes.join(' '));
    const created = await f.call(contoso, 'POST', '/servicePrincipals', { appId: TARGET_APP_ID });
    expect(created.status).toBe(201);
    expect(shapeDifferences(bodyOf(created), example)).toEqual([]);
    expect(bodyOf(created)['@odata.context']).toBe(metadata('servicePrincipals/$entity'));
  });
});

describe('application permissions', () => {
  // https://learn.microsoft.com/graph/api/serviceprincipal-list-approleassignedto
  const assignmentExample = {
    id: '41W1zT6z1U-kJxf62svfp1HFE8pMZhxDun-ThPczmJE',
    deletedDateTime: null,
    appRoleId: '00000000-0000-0000-0000-000000000000',
    createdDateTime: '2021-02-02T04:22:45.9480566Z',
    principalDisplayName: 'MOD Administrator',
    principalId: 'cdb555e3-b33e-4fd5-a427-17fadacbdfa7',
    principalType: 'User',
    resourceDisplayName: 'dxprovisioning-graphapi-client',
    resourceId: '8e881353-1735-45af-af21-ee1344582a4d',
  };
  const graphSp = builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID);
  const targetSp = builtinServicePrincipalId('adatum', TARGET_APP_ID);

  it('lists appRoleAssignedTo of the resource and appRoleAssignments of the client', async () => {
    const assignedTo = bodyOf(await f.call(admin, 'GET', `/servicePrincipals/${graphSp}/appRoleAssignedTo`));
    expect(shapeDifferences(assignedTo, { value: [assignmentExample] })).toEqual([]);
    expect(assignedTo['@odata.context']).toBe(metadata(`servicePrincipals('${graphSp}')/appRoleAssignedTo`));
    // https://learn.microsoft.com/graph/api/serviceprincipal-list-approleassignments
    const assignments = bodyOf(
      await f.call(admin, 'GET', `/servicePrincipals/${targetSp}/appRoleAssignments`),
    );
    expect(shapeDifferences(assignments, { value: [assignmentExample] })).toEqual([]);
    expect(itemsOf({ status: 200, headers: {}, body: assignments })).toHaveLength(10);
  });

  it('grants as https://learn.microsoft.com/graph/api/serviceprincipal-post-approleassignedto shows it', async () => {
    const created = await f.call(admin, 'POST', `/servicePrincipals/${graphSp}/appRoleAssignedTo`, {
      principalId: targetSp,
      resourceId: graphSp,
      // Adatum's earlier onboarding granted the first ten; the last one is still missing.
      appRoleId: graphPermissionId('application', targetAppApplicationPermissions.at(-1)?.value ?? ''),
    });
    expect(created.status).toBe(201);
    expect(shapeDifferences(bodyOf(created), assignmentExample)).toEqual([]);
    expect(bodyOf(created)['@odata.context']).toBe(
      metadata(`servicePrincipals('${graphSp}')/appRoleAssignedTo/$entity`),
    );
  });
});

describe('delegated permission grants', () => {
  // https://learn.microsoft.com/graph/api/oauth2permissiongrant-list (one of its examples also annotates each item
  // with @odata.id; the other examples do not, and nothing in the onboarding reads it).
  const grantExample = {
    clientId: '263a5b01-03e5-408e-8557-bab681df104c',
    consentType: 'AllPrincipals',
    id: 'AVs6JuUDjkCFV7q2gd8QTPimBBgj5iBFj0C6GwwRxC0',
    principalId: null,
    resourceId: '1804a6f8-e623-4520-8f40-ba1b0c11c42d',
    scope: 'User.Read Group.ReadWrite.All',
  };
  const graphSp = builtinServicePrincipalId('adatum', MICROSOFT_GRAPH_APP_ID);
  const targetSp = builtinServicePrincipalId('adatum', TARGET_APP_ID);

  it('lists with $filter, and a client’s own grants (https://learn.microsoft.com/graph/api/serviceprincipal-list-oauth2permissiongrants)', async () => {
    const filtered = bodyOf(
      await f.call(admin, 'GET', `/oauth2PermissionGrants?$filter=clientId eq '${targetSp}'`),
    );
    expect(shapeDifferences(filtered, { value: [grantExample] })).toEqual([]);
    expect(filtered['@odata.context']).toBe(metadata('oauth2PermissionGrants'));
    expect(itemsOf({ status: 200, headers: {}, body: filtered })).toHaveLength(1);
    const own = bodyOf(await f.call(admin, 'GET', `/servicePrincipals/${targetSp}/oauth2PermissionGrants`));
    expect(shapeDifferences(own, { value: [grantExample] })).toEqual([]);
  });

  it('creates (201 with the entity), updates the scope (204, no body) and deletes (204, no body)', async () => {
    // https://learn.microsoft.com/graph/api/oauth2permissiongrant-post-oauth2permissiongrants
    const created = await f.call(admin, 'POST', '/oauth2PermissionGrants', {
      clientId: targetSp,
      consentType: 'AllPrincipals',
      resourceId: graphSp,
      scope: 'DelegatedPermissionGrant.ReadWrite.All',
    });
    expect(created.status).toBe(201);
    expect(shapeDifferences(bodyOf(created), { ...grantExample, '@odata.context': 'x' })).toEqual([]);
    expect(bodyOf(created)['@odata.context']).toBe(metadata('oauth2PermissionGrants/$entity'));
    const id = bodyOf(created).id as string;
    // https://learn.microsoft.com/graph/api/oauth2permissiongrant-update: "204 No Content ... does not return
    // anything in the response body".
    const updated = await f.call(admin, 'PATCH', `/oauth2PermissionGrants/${id}`, {
      scope: 'User.ReadBasic.All Group.ReadWrite.All',
    });
    expect([updated.status, updated.body]).toEqual([204, undefined]);
    // https://learn.microsoft.com/graph/api/oauth2permissiongrant-delete: "204 No Content".
    const deleted = await f.call(admin, 'DELETE', `/oauth2PermissionGrants/${id}`);
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
  });
});

describe('$batch', () => {
  it('answers as the example of https://learn.microsoft.com/graph/json-batching shows it', async () => {
    const example = {
      responses: [
        {
          id: '1',
          status: 200,
          headers: {
            'Content-Type':
              'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
          },
          body: {
            '@odata.context': 'https://graph.microsoft.com/beta/$metadata#directoryObjects',
            value: [
              {
                '@odata.type': '#microsoft.graph.directoryRole',
                id: '21004afc-7bb2-4fe6-a1e1-074ebd3e52c1',
                deletedDateTime: null,
                displayName: 'User Administrator',
                roleTemplateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
              },
            ],
          },
        },
        {
          id: '3',
          status: 403,
          headers: { 'Content-Type': 'application/json' },
          body: {
            error: {
              code: 'Authorization_RequestDenied',
              message: 'Insufficient privileges to complete the operation.',
              innerError: {
                date: '2025-02-13T10:17:06',
                'request-id': '93b6f17e-c05d-4f45-ad2a-6665c708d8a0',
                'client-request-id': 'e70c5c1b-8b47-68c0-3171-3d22f5e0bd54',
              },
            },
          },
        },
      ],
    };
    const response = await f.batch(await f.userToken('adatum', 'admin', 'User.Read'), {
      requests: [
        {
          id: '1',
          method: 'GET',
          url: '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true',
          headers: { ConsistencyLevel: 'eventual' },
        },
        { id: '3', method: 'GET', url: '/servicePrincipals' },
      ],
    });
    expect(response.status).toBe(200);
    const body = bodyOf(response) as { responses: { id: string; status: number }[] };
    expect(body.responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['3', 403],
    ]);
    expect((body.responses[0] as unknown as { body: { value: unknown[] } }).body.value).toHaveLength(1);
    // The first item of the example is compared with the first answer, the second with the second.
    expect(shapeDifferences(body.responses[0], example.responses[0])).toEqual([]);
    expect(shapeDifferences(body.responses[1], example.responses[1])).toEqual([]);
    expect(Object.keys(body)).toEqual(['responses']);
  });
});

describe('errors', () => {
  it('answer in the error resource shape of https://learn.microsoft.com/graph/errors', async () => {
    // The documented shape, with the innerError properties Graph sends for directory requests.
    const example = {
      error: {
        code: 'Request_ResourceNotFound',
        message:
          "Resource 'x' does not exist or one of its queried reference-property objects are not present.",
        innerError: {
          date: '2022-10-01T20:56:37',
          'request-id': 'fba27774-b542-4190-a6c8-83a857dcd7ec',
          'client-request-id': 'fba27774-b542-4190-a6c8-83a857dcd7ec',
        },
      },
    };
    for (const [token, path, status] of [
      [admin, '/servicePrincipals/00000000-0000-4000-8000-000000000001', 404],
      [await f.userToken('adatum', 'isaiah', 'User.Read'), '/servicePrincipals', 403],
      [undefined, '/me', 401],
      [admin, '/servicePrincipals?$filter=homepage eq 1', 400],
    ] as const) {
      const response = await f.call(token, 'GET', path);
      expect(response.status, path).toBe(status);
      expect(shapeDifferences(response.body, example), path).toEqual([]);
      expect(Object.keys(bodyOf(response)), path).toEqual(['error']);
    }
  });
});
