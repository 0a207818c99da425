import { beforeEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  signInAppScopes,
  TARGET_APP_ID,
} from '../../../../src/main/practice-tenant/directory/builtin-scenario';
import { bodyOf, createGraphFixture, type GraphFixture } from './graph-fixture';

let f: GraphFixture;
let admin: string;

beforeEach(async () => {
  f = await createGraphFixture();
  admin = await f.userToken('contoso', 'admin', signInAppScopes.join(' '));
});

type Item = { id: string; status: number; headers: Record<string, string>; body?: Record<string, unknown> };
const responsesOf = (body: unknown): Item[] => (body as { responses: Item[] }).responses;

describe('$batch', () => {
  it('answers every request with its own status, and 424 when a dependency failed', async () => {
    const parallel = await f.batch(admin, {
      requests: [
        { id: '1', method: 'GET', url: '/me?$select=id' },
        { id: '2', method: 'GET', url: `servicePrincipals?$filter=appId eq '${MICROSOFT_GRAPH_APP_ID}'` },
      ],
    });
    expect(parallel.status).toBe(200);
    expect(responsesOf(parallel.body).map((i) => [i.id, i.status])).toEqual([
      ['1', 200],
      ['2', 200],
    ]);
    expect(responsesOf(parallel.body)[0]?.headers['Content-Type']).toMatch(/^application\/json/);

    // "Same": every dependent names the one request, which fails here.
    const response = await f.batch(admin, {
      requests: [
        { id: '2', method: 'GET', url: "/servicePrincipals(appId='00000000-0000-4000-8000-000000000009')" },
        { id: '3', method: 'GET', url: '/organization', dependsOn: ['2'] },
        { id: '4', method: 'GET', url: '/me?$select=id', dependsOn: ['2'] },
      ],
    });
    expect(response.status).toBe(200);
    const items = responsesOf(response.body);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['2', 404],
      ['3', 424],
      ['4', 424],
    ]);
    expect(items[0]?.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('takes only the dependency shapes Graph runs: parallel, serial, or every dependent on the same request', async () => {
    const read = (id: string, dependsOn?: string[]) => ({
      id,
      method: 'GET',
      url: '/organization',
      ...(dependsOn === undefined ? {} : { dependsOn }),
    });
    const accepted = [
      [read('a'), read('b'), read('c')],
      [read('a'), read('b', ['a']), read('c', ['b'])],
      [read('a'), read('b', ['a']), read('c', ['A'])],
    ];
    for (const requests of accepted) expect((await f.batch(admin, { requests })).status).toBe(200);
    const refused = [
      // Independent and dependent requests mixed (the example Microsoft removed from its docs).
      [read('a'), read('b'), read('c', ['a'])],
      [read('a'), read('b', ['a']), read('c', ['a']), read('d')],
      // A tree: c depends on b, which depends on a, and d on a.
      [read('a'), read('b', ['a']), read('c', ['b']), read('d', ['a'])],
      // Two dependencies for one request.
      [read('a'), read('b', ['a']), read('c', ['a', 'b'])],
    ];
    for (const requests of refused) {
      const response = await f.batch(admin, { requests });
      expect(response.status).toBe(400);
      expect(bodyOf(response)).toMatchObject({
        error: { code: 'BadRequest', message: 'Batch should be either fully sequential or fully parallel.' },
      });
    }
  });

  it('runs a dependent write after the one it depends on, and refuses a dependency on a later request', async () => {
    const write = {
      id: 'a',
      method: 'POST',
      url: '/servicePrincipals',
      body: { appId: TARGET_APP_ID },
      headers: { 'Content-Type': 'application/json' },
    };
    const read = {
      id: 'b',
      method: 'GET',
      url: `/servicePrincipals(appId='${TARGET_APP_ID}')`,
      dependsOn: ['A'],
    };
    // Graph resolves dependsOn against earlier requests only (ids are not case-sensitive).
    const forward = await f.batch(admin, { requests: [read, write] });
    expect(forward.status).toBe(400);
    expect(bodyOf(forward)).toMatchObject({
      error: { code: 'BadRequest', message: 'Invalid dependency for request Id b.' },
    });
    const response = await f.batch(admin, { requests: [write, read] });
    expect(response.status).toBe(200);
    expect(responsesOf(response.body).map((i) => [i.id, i.status])).toEqual([
      ['a', 201],
      ['b', 200],
    ]);
  });

  it('answers a failed dependency with 424 in Graph’s error shape', async () => {
    const response = await f.batch(admin, {
      requests: [
        { id: '1', method: 'GET', url: '/servicePrincipals/00000000-0000-4000-8000-000000000009' },
        { id: '2', method: 'GET', url: '/organization', dependsOn: ['1'] },
      ],
    });
    const [, dependent] = responsesOf(response.body);
    expect(dependent?.status).toBe(424);
    expect(dependent?.body).toEqual({
      error: {
        code: expect.any(String),
        message: expect.any(String),
        innerError: {
          date: '2026-03-02T10:00:00',
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
        },
      },
    });
  });

  it('throttles a single item with 429 and Retry-After when a knob says so', async () => {
    f.knobs.addFault({
      method: 'GET',
      path: '^/organization$',
      fault: { kind: 'throttle', retryAfterSeconds: 7 },
      times: 1,
    });
    const response = await f.batch(admin, {
      requests: [
        { id: '1', method: 'GET', url: '/organization' },
        { id: '2', method: 'GET', url: '/domains' },
      ],
    });
    const [first, second] = responsesOf(response.body);
    expect(response.status).toBe(200);
    expect(first?.status).toBe(429);
    expect(first?.headers['Retry-After']).toBe('7');
    // The 429 body of https://learn.microsoft.com/graph/throttling, item by item.
    expect(first?.body).toEqual({
      error: {
        code: 'TooManyRequests',
        message: 'Please retry again later.',
        innerError: {
          code: '429',
          message: 'Please retry after',
          status: '429',
          date: '2026-03-02T10:00:00',
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
        },
      },
    });
    expect(second?.status).toBe(200);
    const retried = await f.batch(admin, { requests: [{ id: '1', method: 'GET', url: '/organization' }] });
    expect(responsesOf(retried.body)[0]?.status).toBe(200);
  });

  it('refuses the whole batch with Graph’s messages: over 20 requests, duplicate ids, unknown dependencies', async () => {
    const refusal = async (requests: unknown) => {
      const response = await f.batch(admin, { requests });
      expect(response.status).toBe(400);
      return (bodyOf(response).error as { code: string; message: string }) ?? {};
    };
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me' }));
    expect(await refusal(many)).toMatchObject({
      code: 'BadRequest',
      message: 'Number of requests inside batch exceed the limit.',
    });
    expect((await f.batch(admin, { requests: many.slice(0, 20) })).status).toBe(200);
    expect(
      await refusal([
        { id: 'x1', method: 'GET', url: '/me' },
        { id: 'X1', method: 'GET', url: '/me' },
      ]),
    ).toMatchObject({ code: 'BadRequest', message: 'Request Id X1 has to be unique in a batch.' });
    expect(await refusal([{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }])).toMatchObject({
      message: 'Invalid dependency for request Id 1.',
    });
    const invalid = await f.batch(admin, { requests: 'not a list' });
    expect(invalid.status).toBe(400);
    expect(bodyOf(invalid)).toMatchObject({
      error: { code: 'BadRequest', message: 'Invalid batch payload format.' },
    });
  });

  it('refuses a write without a body or Content-Type header, and takes a DELETE without either', async () => {
    const grantBody = { scope: 'User.Read' };
    for (const item of [
      { id: '1', method: 'PATCH', url: '/oauth2PermissionGrants/x', body: grantBody },
      { id: '1', method: 'POST', url: '/servicePrincipals', headers: { 'Content-Type': 'application/json' } },
    ]) {
      const response = await f.batch(admin, { requests: [item] });
      expect(response.status).toBe(400);
      expect(bodyOf(response)).toMatchObject({
        error: {
          code: 'BadRequest',
          message: 'Write request id : 1 does not contain Content-Type header or body.',
        },
      });
    }
    const deletion = await f.batch(admin, {
      requests: [{ id: '1', method: 'DELETE', url: '/oauth2PermissionGrants/unknown-grant' }],
    });
    expect(deletion.status).toBe(200);
    expect(responsesOf(deletion.body)[0]?.status).toBe(404);
  });

  it('answers 401 for the whole batch without a valid token', async () => {
    const response = await f.batch('not-a-token', { requests: [{ id: '1', method: 'GET', url: '/me' }] });
    expect(response.status).toBe(401);
  });
});
