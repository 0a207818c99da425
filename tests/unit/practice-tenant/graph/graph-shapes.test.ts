import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { grantWrites, servicePrincipalWrites } from '../../../../src/main/onboarding/plan-requests';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinServicePrincipalId,
  builtinUserId,
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { computePlan } from '../../../../src/shared/onboarding/plan';
import { emptyTenant, GRAPH, requested } from '../../shared/onboarding/fixtures';
import { bodyOf, createGraphFixture, type GraphFixture } from './graph-fixture';

// Every object the practice tenant's Graph answers with, and every body the engine sends, is checked against
// Microsoft's own v1.0 schema (microsoftgraph/msgraph-metadata, schemas/v1.0-Prod.csdl): only properties of the type
// or its bases, each with a value of its declared type. tests/support/graph-v1-shapes.json is generated from
// Microsoft's metadata facts by scripts/generate-graph-shapes.ts. Fewer properties than Microsoft sends is fine;
// nullability is not recorded there, and a property may be null unless Microsoft declares it Nullable="false".

interface Shapes {
  readonly types: Readonly<Record<string, { readonly properties: Readonly<Record<string, string>> }>>;
}

const SHAPES = JSON.parse(
  readFileSync(new URL('../../../support/graph-v1-shapes.json', import.meta.url), 'utf8'),
) as Shapes;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Where a value differs from a declared Edm or graph type; types the shapes do not describe are not checked. */
const valueProblems = (type: string, value: unknown, path: string): string[] => {
  if (value === null) return [];
  const collection = /^Collection\((.+)\)$/.exec(type)?.[1];
  if (collection !== undefined) {
    if (!Array.isArray(value)) return [`${path}: ${JSON.stringify(value)} is not a ${type}`];
    return value.flatMap((item, index) => valueProblems(collection, item, `${path}[${index}]`));
  }
  const wrong = (ok: boolean): string[] =>
    ok ? [] : [`${path}: ${JSON.stringify(value)} is not an ${type}`];
  switch (type) {
    case 'Edm.String':
    case 'Edm.Binary':
    case 'Edm.Duration':
      return wrong(typeof value === 'string');
    case 'Edm.Guid':
      return wrong(typeof value === 'string' && GUID.test(value));
    case 'Edm.Boolean':
      return wrong(typeof value === 'boolean');
    case 'Edm.Int32':
    case 'Edm.Int64':
      return wrong(Number.isInteger(value));
    case 'Edm.Double':
      return wrong(typeof value === 'number');
    case 'Edm.DateTimeOffset':
      return wrong(typeof value === 'string' && DATE_TIME.test(value));
    case 'Edm.Date':
      return wrong(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value));
  }
  const name = type.startsWith('graph.') ? type.slice('graph.'.length) : type;
  return SHAPES.types[name] === undefined ? [] : objectProblems(name, value, path);
};

/** Properties an object has that its type (or the derived type its `@odata.type` names) does not. */
const objectProblems = (typeName: string, value: unknown, path: string): string[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${path}: ${JSON.stringify(value)} is not a graph.${typeName}`];
  const record = value as Record<string, unknown>;
  const cast = /^#microsoft\.graph\.(.+)$/.exec(String(record['@odata.type'] ?? ''))?.[1];
  const actual = cast !== undefined && SHAPES.types[cast] !== undefined ? cast : typeName;
  const properties = SHAPES.types[actual]?.properties ?? {};
  return Object.entries(record).flatMap(([key, item]) => {
    if (key.startsWith('@odata.')) return [];
    const declared = properties[key];
    if (declared === undefined)
      return [`${path}.${key}: graph.${actual} and its bases have no such property`];
    return valueProblems(declared, item, `${path}.${key}`);
  });
};

/** The objects of a Graph answer: a collection's items, or the entity itself. */
const objectsOf = (body: unknown): unknown[] => {
  const record = body as Record<string, unknown>;
  return Array.isArray(record.value) ? record.value : [record];
};

const CONSISTENCY = { ConsistencyLevel: 'eventual' };

let f: GraphFixture;
let admin: string;

beforeEach(async () => {
  f = await createGraphFixture();
  admin = await f.userToken('contoso', 'admin', signInAppScopes.join(' '));
});

describe("the practice tenant's Graph answers have Microsoft's v1.0 shapes", () => {
  /** Calls a route, expects success, and returns the shape problems of every object in the answer. */
  const problemsOf = async (
    token: string,
    typeName: string,
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<string[]> => {
    const response = await f.call(token, method, url, body, headers);
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return objectsOf(response.body).flatMap((item, index) =>
      objectProblems(typeName, item, `${method} ${url} #${index}`),
    );
  };

  it('reads of the signed-in administrator, the organization and its roles', async () => {
    const oid = builtinUserId('contoso', 'admin');
    const problems = [
      ...(await problemsOf(admin, 'user', 'GET', '/me')),
      ...(await problemsOf(admin, 'user', 'GET', '/me?$select=id,userPrincipalName,displayName')),
      ...(await problemsOf(admin, 'organization', 'GET', '/organization')),
      ...(await problemsOf(admin, 'domain', 'GET', '/domains')),
      ...(await problemsOf(
        admin,
        'directoryObject',
        'GET',
        '/me/transitiveMemberOf/microsoft.graph.directoryRole?$count=true',
        undefined,
        CONSISTENCY,
      )),
      ...(await problemsOf(
        admin,
        'unifiedRoleEligibilitySchedule',
        'GET',
        '/roleManagement/directory/roleEligibilitySchedules',
      )),
      ...(await problemsOf(
        admin,
        'unifiedRoleEligibilitySchedule',
        'GET',
        `/roleManagement/directory/roleEligibilitySchedules?$filter=principalId eq '${oid}'`,
      )),
      ...(await problemsOf(
        admin,
        'unifiedRoleAssignmentScheduleInstance',
        'GET',
        '/roleManagement/directory/roleAssignmentScheduleInstances',
      )),
      ...(await problemsOf(
        admin,
        'unifiedRoleAssignment',
        'GET',
        '/roleManagement/directory/roleAssignments',
      )),
    ];
    expect(problems).toEqual([]);
  });

  it('service principals, their creation, grants and app role assignments', async () => {
    const graphSpId = builtinServicePrincipalId('contoso', MICROSOFT_GRAPH_APP_ID);
    const created = await f.call(admin, 'POST', '/servicePrincipals', { appId: TARGET_APP_ID });
    expect(created.status).toBe(201);
    const clientId = bodyOf(created).id as string;
    const graphSp = bodyOf(await f.call(admin, 'GET', `/servicePrincipals/${graphSpId}`));
    const appRole = (graphSp.appRoles as { id: string; allowedMemberTypes: string[] }[]).find((r) =>
      r.allowedMemberTypes.includes('Application'),
    );
    const problems = [
      ...objectProblems('servicePrincipal', created.body, 'POST /servicePrincipals'),
      ...(await problemsOf(admin, 'servicePrincipal', 'GET', '/servicePrincipals')),
      ...(await problemsOf(
        admin,
        'servicePrincipal',
        'GET',
        `/servicePrincipals?$filter=appId eq '${MICROSOFT_GRAPH_APP_ID}'&$select=id,appId,displayName,accountEnabled,appRoles,oauth2PermissionScopes`,
      )),
      ...(await problemsOf(admin, 'oAuth2PermissionGrant', 'POST', '/oauth2PermissionGrants', {
        clientId,
        consentType: 'AllPrincipals',
        resourceId: graphSpId,
        scope: 'User.Read',
      })),
      ...(await problemsOf(
        admin,
        'appRoleAssignment',
        'POST',
        `/servicePrincipals/${clientId}/appRoleAssignments`,
        {
          principalId: clientId,
          resourceId: graphSpId,
          appRoleId: appRole?.id,
        },
      )),
      ...(await problemsOf(
        admin,
        'oAuth2PermissionGrant',
        'GET',
        `/servicePrincipals/${clientId}/oauth2PermissionGrants`,
      )),
      ...(await problemsOf(
        admin,
        'appRoleAssignment',
        'GET',
        `/servicePrincipals/${clientId}/appRoleAssignments`,
      )),
      ...(await problemsOf(admin, 'oAuth2PermissionGrant', 'GET', '/oauth2PermissionGrants')),
    ];
    expect(problems).toEqual([]);
  });

  it('finds a property Microsoft does not have, and a value of the wrong type', () => {
    expect(
      objectProblems('oAuth2PermissionGrant', { id: 'g', scope: 'User.Read', expiryTime: 'x' }, 'g'),
    ).toEqual(['g.expiryTime: graph.oAuth2PermissionGrant and its bases have no such property']);
    expect(objectProblems('appRoleAssignment', { id: 'a', appRoleId: 'not-a-guid' }, 'a')).toEqual([
      'a.appRoleId: "not-a-guid" is not an Edm.Guid',
    ]);
  });
});

describe("the engine's request bodies have Microsoft's v1.0 shapes", () => {
  it('creates service principals, grants and app role assignments with their types’ properties only', () => {
    const plan = computePlan('Pia', requested, emptyTenant);
    const ids = {
      clientId: '11111111-1111-4111-8111-111111111111',
      resourceIdByAppId: { [GRAPH]: '22222222-2222-4222-8222-222222222222' },
    };
    const items = [...servicePrincipalWrites(plan), ...grantWrites(plan, ids)].map((w) => w.item);
    const typeOf = (method: string, url: string): string => {
      if (url === '/servicePrincipals') return 'servicePrincipal';
      if (url.startsWith('/oauth2PermissionGrants')) return 'oAuth2PermissionGrant';
      if (/^\/servicePrincipals\/[^/]+\/appRoleAssignments$/.test(url)) return 'appRoleAssignment';
      throw new Error(`No type known for ${method} ${url}`);
    };
    expect(items.map((i) => typeOf(i.method, i.url))).toEqual(
      expect.arrayContaining(['servicePrincipal', 'oAuth2PermissionGrant', 'appRoleAssignment']),
    );
    const problems = items.flatMap((item) =>
      objectProblems(typeOf(item.method, item.url), item.body, `${item.method} ${item.url}`),
    );
    expect(problems).toEqual([]);
  });

  it('extends a grant with a body of its type', () => {
    const body = grantWrites(
      {
        ...computePlan('Pia', requested, emptyTenant),
        delegatedGrants: [
          {
            ...(computePlan('Pia', requested, emptyTenant).delegatedGrants[0] as object),
            grantId: 'grant-1',
          } as never,
        ],
        appRoleAssignments: [],
      },
      { clientId: 'c', resourceIdByAppId: { [GRAPH]: 'r' } },
    )[0]?.item;
    expect(body?.method).toBe('PATCH');
    expect(objectProblems('oAuth2PermissionGrant', body?.body, 'PATCH')).toEqual([]);
  });
});
