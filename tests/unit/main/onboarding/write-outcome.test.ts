import { describe, expect, it } from 'vitest';
import { isAlreadyPresent, writeResult } from '../../../../src/main/onboarding/write-outcome';
import type { WriteIntent } from '../../../../src/shared/onboarding/run-entry';

const change = {
  resourceAppId: '00000003-0000-0000-c000-000000000000',
  resourceName: 'Microsoft Graph',
  grantId: null,
  keepScopes: [],
  addScopes: ['User.Read'],
};
const targetApp = { id: 'pia-sp', appId: 'a', displayName: 'Pia', accountEnabled: true };
const intents: Record<WriteIntent['kind'], WriteIntent> = {
  'create-service-principal': { kind: 'create-service-principal', appId: 'a', displayName: 'Pia' },
  'create-grant': { kind: 'create-grant', change },
  'extend-grant': { kind: 'extend-grant', change: { ...change, grantId: 'grant-1' } },
  'assign-app-role': {
    kind: 'assign-app-role',
    change: {
      resourceAppId: change.resourceAppId,
      resourceName: 'Microsoft Graph',
      appRoleId: 'r',
      value: 'User.Read.All',
    },
  },
  'remove-access': {
    kind: 'remove-access',
    item: {
      kind: 'delegated-grant',
      grantId: 'grant-1',
      resource: { id: 'graph-sp', appId: change.resourceAppId, displayName: 'Microsoft Graph' },
      consentType: 'AllPrincipals',
      principalId: null,
      scopes: ['User.Read'],
      unlisted: [],
    },
  },
  'disable-enterprise-app': { kind: 'disable-enterprise-app', app: targetApp },
  'delete-enterprise-app': { kind: 'delete-enterprise-app', app: targetApp },
};
const graphError = (code: string, message: string) => ({ error: { code, message } });

describe('writeResult', () => {
  it('reads the created object’s ID and the item’s request-id', () => {
    const result = writeResult(intents['create-grant'], {
      response: { id: 'w1', status: 201, headers: { 'request-id': 'req-1' }, body: { id: 'grant-9' } },
      batchRequestId: 'batch-1',
      attempts: 1,
    });
    expect(result).toEqual({
      outcome: 'applied',
      httpStatus: 201,
      requestId: 'req-1',
      objectId: 'grant-9',
      guidance: null,
    });
  });

  it('keeps the grant’s ID for a PATCH answered 204, and the batch’s request-id when the item has none', () => {
    const result = writeResult(intents['extend-grant'], {
      response: { id: 'w1', status: 204 },
      batchRequestId: 'batch-1',
      attempts: 1,
    });
    expect(result).toMatchObject({ outcome: 'applied', objectId: 'grant-1', requestId: 'batch-1' });
  });

  it('turns other refusals into guidance carrying the request-id', () => {
    const result = writeResult(intents['assign-app-role'], {
      response: {
        id: 'w1',
        status: 403,
        body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      },
      batchRequestId: 'batch-7',
      attempts: 1,
    });
    expect(result.outcome).toBe('failed');
    expect(result.guidance).toMatchObject({ code: 'Authorization_RequestDenied', httpStatus: 403 });
    expect(result.guidance?.support.requestId).toBe('batch-7');
  });
});

describe('a removal', () => {
  it.each(['remove-access', 'disable-enterprise-app', 'delete-enterprise-app'] as const)(
    'answered 404 by %s finds its object gone already, and is not a failure',
    (kind) => {
      const result = writeResult(intents[kind], {
        response: {
          id: 'w1',
          status: 404,
          body: graphError('Request_ResourceNotFound', 'Resource does not exist.'),
        },
        batchRequestId: 'batch-2',
        attempts: 1,
      });
      expect(result).toEqual({
        outcome: 'already-gone',
        httpStatus: 404,
        requestId: 'batch-2',
        objectId: null,
        guidance: null,
      });
    },
  );

  it('answered 204 is applied, and a 404 to a write that adds something stays a failure', () => {
    const removed = writeResult(intents['remove-access'], {
      response: { id: 'w1', status: 204 },
      batchRequestId: null,
      attempts: 1,
    });
    expect(removed.outcome).toBe('applied');
    const notFound = writeResult(intents['assign-app-role'], {
      response: {
        id: 'w1',
        status: 404,
        body: graphError('Request_ResourceNotFound', 'Resource does not exist.'),
      },
      batchRequestId: null,
      attempts: 1,
    });
    expect(notFound.outcome).toBe('failed');
  });
});

describe('isAlreadyPresent', () => {
  it.each([
    [
      'a second tenant-wide grant',
      'create-grant',
      409,
      graphError('Request_MultipleObjectsWithSameKeyValue', 'Permission entry already exists.'),
    ],
    [
      'a second service principal',
      'create-service-principal',
      409,
      graphError(
        'Request_MultipleObjectsWithSameKeyValue',
        'Another object with the same value for property servicePrincipalNames already exists.',
      ),
    ],
    [
      'an existing assignment',
      'assign-app-role',
      400,
      graphError('Request_BadRequest', 'Permission being assigned already exists on the object'),
    ],
  ] as const)('recognises %s', (_, kind, status, body) => {
    expect(isAlreadyPresent(intents[kind], status, body)).toBe(true);
  });

  it.each([
    [
      'a missing object',
      'assign-app-role',
      400,
      graphError('Request_BadRequest', 'Invalid value specified for property resourceId'),
    ],
    [
      'a conflict on a scope update',
      'extend-grant',
      409,
      graphError('Request_MultipleObjectsWithSameKeyValue', 'already exists'),
    ],
    ['throttling', 'create-grant', 429, graphError('TooManyRequests', 'Too many requests')],
  ] as const)('does not mistake %s for success', (_, kind, status, body) => {
    expect(isAlreadyPresent(intents[kind], status, body)).toBe(false);
  });
});
