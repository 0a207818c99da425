import { BatchRequestContent, BatchResponseContent, GraphError } from '@microsoft/microsoft-graph-client';
import type { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MICROSOFT_GRAPH_APP_ID } from '../../../src/main/practice-tenant/catalog/first-party-apps';
import {
  builtinServicePrincipalId,
  builtinTenantIds,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';
import { practiceDispatcher, practiceGraphClient, practiceUserToken } from './practice-graph-client';

let practice: PracticeTenant;
let dispatcher: Agent;

beforeEach(async () => {
  practice = await startPracticeTenant();
  dispatcher = practiceDispatcher(practice);
});

afterEach(async () => {
  await dispatcher.close();
  await practice.close();
});

describe('the real Graph SDK against the practice Graph', () => {
  it('reads and writes: the target app gets its service principal, grant and app role assignment', async () => {
    const client = practiceGraphClient(
      practice,
      await practiceUserToken(practice, 'contoso', 'admin'),
      dispatcher,
    );
    const me = await client.api('/me').select(['id', 'userPrincipalName']).get();
    expect(me.userPrincipalName).toBe('admin@contoso.com');

    const graph = await client.api('/servicePrincipals').filter(`appId eq '${MICROSOFT_GRAPH_APP_ID}'`).get();
    const graphSpId = graph.value[0].id as string;
    expect(graphSpId).toBe(builtinServicePrincipalId('contoso', MICROSOFT_GRAPH_APP_ID));

    const target = await client.api('/servicePrincipals').post({ appId: TARGET_APP_ID });
    expect(target.appId).toBe(TARGET_APP_ID);
    const grant = await client.api('/oauth2PermissionGrants').post({
      clientId: target.id,
      consentType: 'AllPrincipals',
      resourceId: graphSpId,
      scope: 'User.Read',
    });
    await client.api(`/oauth2PermissionGrants/${grant.id}`).patch({ scope: 'User.Read Mail.Read' });
    await client.api(`/servicePrincipals/${graphSpId}/appRoleAssignedTo`).post({
      principalId: target.id,
      resourceId: graphSpId,
      appRoleId: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
    });
    const grants = await client.api(`/servicePrincipals/${target.id}/oauth2PermissionGrants`).get();
    expect(grants.value.map((g: { scope: string }) => g.scope)).toEqual(['User.Read Mail.Read']);
    const assignments = await client.api(`/servicePrincipals/${target.id}/appRoleAssignments`).get();
    expect(assignments.value).toHaveLength(1);
  });

  it('surfaces Graph errors as GraphError with code, status and request IDs', async () => {
    const client = practiceGraphClient(
      practice,
      await practiceUserToken(practice, 'contoso', 'helpdesk', 'User.Read'),
      dispatcher,
    );
    const error = await client
      .api('/servicePrincipals')
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ statusCode: 403, code: 'Authorization_RequestDenied' });
    expect((error as GraphError).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a throttled request after Retry-After (RetryHandler) and logs both attempts', async () => {
    practice.knobs.addFault({
      path: '^/organization$',
      fault: { kind: 'throttle', retryAfterSeconds: 1 },
      times: 1,
    });
    practice.knobs.addFault({
      path: '^/domains$',
      fault: { kind: 'unavailable', retryAfterSeconds: 1 },
      times: 1,
    });
    const client = practiceGraphClient(
      practice,
      await practiceUserToken(practice, 'contoso', 'admin'),
      dispatcher,
    );
    const org = await client.api('/organization').get();
    expect(org.value[0].id).toBe(builtinTenantIds.contoso);
    const domains = await client.api('/domains').get();
    expect(domains.value.length).toBeGreaterThan(0);
    await expect.poll(() => practice.requestLog.entries.length).toBe(4);
    expect(practice.requestLog.entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/v1.0/organization', 429],
      ['GET', '/v1.0/organization', 200],
      ['GET', '/v1.0/domains', 503],
      ['GET', '/v1.0/domains', 200],
    ]);
  });

  it('sends $batch through BatchRequestContent, with per-item throttling and the item count logged', async () => {
    practice.knobs.addFault({
      path: '^/domains$',
      fault: { kind: 'throttle', retryAfterSeconds: 3 },
      times: 1,
    });
    const client = practiceGraphClient(
      practice,
      await practiceUserToken(practice, 'contoso', 'admin'),
      dispatcher,
    );
    const origin = practice.graph;
    const batch = new BatchRequestContent([
      { id: '1', request: new Request(`${origin}/v1.0/me`, { method: 'GET' }) },
      { id: '2', request: new Request(`${origin}/v1.0/domains`, { method: 'GET' }) },
    ]);
    const raw = await client.api('/$batch').post(await batch.getContent());
    const responses = new BatchResponseContent(raw);
    expect(responses.getResponseById('1').status).toBe(200);
    const throttled = responses.getResponseById('2');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('Retry-After')).toBe('3');
    await expect.poll(() => practice.requestLog.entries.at(-1)?.path).toBe('/v1.0/$batch');
    expect(practice.requestLog.entries.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1.0/$batch',
      status: 200,
      batchItemCount: 2,
    });
  });
});

describe('realism knobs over HTTPS', () => {
  it('puts request-id and client-request-id on every response, including errors and injected faults', async () => {
    practice.knobs.addFault({
      path: '^/organization$',
      fault: { kind: 'throttle', retryAfterSeconds: 2 },
      times: 1,
    });
    const token = await practiceUserToken(practice, 'contoso', 'admin');
    const call = (path: string, headers: Record<string, string>) =>
      fetch(`${practice.graph}${path}`, { headers, dispatcher } as RequestInit);
    const ok = await call('/v1.0/me', { Authorization: `Bearer ${token}`, 'client-request-id': 'abc-123' });
    expect(ok.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('client-request-id')).toBe('abc-123');
    const unauthenticated = await call('/v1.0/me', {});
    expect(unauthenticated.status).toBe(401);
    const body = (await unauthenticated.json()) as { error: { innerError: Record<string, string> } };
    expect(body.error.innerError['request-id']).toBe(unauthenticated.headers.get('request-id'));
    const throttled = await call('/v1.0/organization', { Authorization: `Bearer ${token}` });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(throttled.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const wrongVersion = await call('/beta/me', { Authorization: `Bearer ${token}` });
    expect(wrongVersion.status).toBe(400);
  });

  it('drops the connection without an answer when a knob says so, and logs status 0', async () => {
    practice.knobs.addFault({ path: '^/me$', fault: { kind: 'drop' }, times: 1 });
    const token = await practiceUserToken(practice, 'contoso', 'admin');
    await expect(
      fetch(`${practice.graph}/v1.0/me`, {
        headers: { Authorization: `Bearer ${token}` },
        dispatcher,
      } as RequestInit),
    ).rejects.toThrow();
    await expect.poll(() => practice.requestLog.entries.at(-1)?.status).toBe(0);
  });

  it('still answers, and logs each exchange with its duration, when latency is configured', async () => {
    // That the answer waits for the latency is shown without a clock in tests/unit/practice-tenant/knobs.
    practice.knobs.setLatency(50);
    const response = await fetch(`${practice.graph}/v1.0/me`, { dispatcher } as RequestInit);
    expect(response.status).toBe(401);
    await expect.poll(() => practice.requestLog.entries.length).toBe(1);
    expect(practice.requestLog.entries[0]).toMatchObject({
      host: 'graph',
      method: 'GET',
      path: '/v1.0/me',
      status: 401,
      durationMs: expect.any(Number),
    });
  });

  it('is not trusted by a client that does not pin its certificate', async () => {
    await expect(fetch(`${practice.graph}/v1.0/me`)).rejects.toThrow();
  });
});
