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
    const response = await f.batch(admin, {
      requests: [
        { id: '1', method: 'GET', url: '/me?$select=id' },
        { id: '2', method: 'GET', url: "/servicePrincipals(appId='00000000-0000-4000-8000-000000000009')" },
        { id: '3', method: 'GET', url: '/organization', dependsOn: ['2'] },
        {
          id: '4',
          method: 'GET',
          url: `servicePrincipals?$filter=appId eq '${MICROSOFT_GRAPH_APP_ID}'`,
          dependsOn: ['1'],
        },
      ],
    });
    expect(response.status).toBe(200);
    const items = responsesOf(response.body);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['1', 200],
      ['2', 404],
      ['3', 424],
      ['4', 200],
    ]);
    expect(items[1]?.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
    expect(items[0]?.headers['Content-Type']).toMatch(/^application\/json/);
  });

  it('runs a dependent write after the one it depends on', async () => {
    const response = await f.batch(admin, {
      requests: [
        { id: 'b', method: 'GET', url: `/servicePrincipals(appId='${TARGET_APP_ID}')`, dependsOn: ['a'] },
        {
          id: 'a',
          method: 'POST',
          url: '/servicePrincipals',
          body: { appId: TARGET_APP_ID },
          headers: { 'Content-Type': 'application/json' },
        },
      ],
    });
    const items = responsesOf(response.body);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['b', 200],
      ['a', 201],
    ]);
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
    expect(first?.status).toBe(429);
    expect(first?.headers['Retry-After']).toBe('7');
    expect(first?.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect(second?.status).toBe(200);
    const retried = await f.batch(admin, { requests: [{ id: '1', method: 'GET', url: '/organization' }] });
    expect(responsesOf(retried.body)[0]?.status).toBe(200);
  });

  it('refuses more than 20 requests, duplicate ids and unknown dependencies', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/me' }));
    const tooMany = await f.batch(admin, { requests: many });
    expect(tooMany.status).toBe(400);
    expect(bodyOf(tooMany)).toMatchObject({ error: { code: 'BadRequest' } });
    expect((await f.batch(admin, { requests: many.slice(0, 20) })).status).toBe(200);
    const duplicate = await f.batch(admin, {
      requests: [
        { id: '1', method: 'GET', url: '/me' },
        { id: '1', method: 'GET', url: '/me' },
      ],
    });
    expect(duplicate.status).toBe(400);
    const dangling = await f.batch(admin, {
      requests: [{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }],
    });
    expect(dangling.status).toBe(400);
  });

  it('answers 401 for the whole batch without a valid token', async () => {
    const response = await f.batch('not-a-token', { requests: [{ id: '1', method: 'GET', url: '/me' }] });
    expect(response.status).toBe(401);
  });
});
