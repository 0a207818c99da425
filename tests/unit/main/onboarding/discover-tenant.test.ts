import { describe, expect, it } from 'vitest';
import type { HttpFetch } from '../../../../src/main/net/http-client';
import { discoverTenant } from '../../../../src/main/onboarding/discover-tenant';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The document login.microsoftonline.com serves for a tenant, trimmed to the fields that matter. */
const document = (host: string, instance: string, extra: Record<string, string> = {}) => ({
  issuer: `https://${host}/${TENANT}/v2.0`,
  authorization_endpoint: `https://${host}/${TENANT}/oauth2/v2.0/authorize`,
  token_endpoint: `https://${host}/${TENANT}/oauth2/v2.0/token`,
  cloud_instance_name: instance,
  ...extra,
});

// https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS90002: InvalidTenantName)
const notFound = {
  error: 'invalid_tenant',
  error_description:
    "AADSTS90002: Tenant 'contoso.cn' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Trace ID: 0f0f0f0f-0000-4000-8000-000000000000 Correlation ID: 1e1e1e1e-0000-4000-8000-000000000000 Timestamp: 2026-11-29 05:00:00Z",
  error_codes: [90002],
};

const fetching = (answers: Record<string, () => Response>): { fetch: HttpFetch; asked: string[] } => {
  const asked: string[] = [];
  return {
    asked,
    fetch: async (url) => {
      asked.push(url);
      const origin = new URL(url).origin;
      const answer = answers[origin];
      if (answer === undefined) throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
      return answer();
    },
  };
};

describe('discoverTenant', () => {
  it('finds a Global tenant by its domain at login.microsoftonline.com, without asking China', async () => {
    const { fetch, asked } = fetching({
      'https://login.microsoftonline.com': () =>
        json(200, document('login.microsoftonline.com', 'microsoftonline.com')),
    });
    const result = await discoverTenant(
      fetch,
      { kind: 'domain', domain: 'contoso.com' },
      { kind: 'microsoft' },
    );
    expect(result).toMatchObject({ found: true, discovery: { tenantId: TENANT, cloud: 'global' } });
    expect(asked).toEqual([
      'https://login.microsoftonline.com/contoso.com/v2.0/.well-known/openid-configuration',
      // Home realm discovery, in the tenant's own cloud, for the domain_hint.
      'https://login.microsoftonline.com/common/userrealm/contoso.com?api-version=2.1',
    ]);
  });

  it('hints the domain only when home realm discovery says it is managed', async () => {
    const realmAnswers: Record<string, () => Response> = {
      managed: () => json(200, { NameSpaceType: 'Managed', DomainName: 'contoso.com' }),
      federated: () => json(200, { NameSpaceType: 'Federated', AuthURL: 'https://sts.contoso.com/adfs/ls/' }),
      unknown: () => json(200, { NameSpaceType: 'Unknown' }),
      refused: () => json(500, {}),
      unreachable: () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
    };
    const hints: Record<string, string | null> = {};
    for (const [name, realm] of Object.entries(realmAnswers)) {
      const fetch: HttpFetch = async (url) =>
        url.includes('/common/userrealm/')
          ? realm()
          : json(200, document('login.microsoftonline.com', 'microsoftonline.com'));
      const result = await discoverTenant(
        fetch,
        { kind: 'domain', domain: 'contoso.com' },
        { kind: 'microsoft' },
      );
      hints[name] = result.found ? result.domainHint : 'not found';
    }
    expect(hints).toEqual({
      managed: 'contoso.com',
      federated: null,
      unknown: null,
      refused: null,
      unreachable: null,
    });
  });

  it('recognises a US Government DoD tenant from the Global authority’s answer', async () => {
    const { fetch } = fetching({
      'https://login.microsoftonline.com': () =>
        json(
          200,
          document('login.microsoftonline.us', 'microsoftonline.us', { tenant_region_sub_scope: 'DOD' }),
        ),
    });
    const result = await discoverTenant(
      fetch,
      { kind: 'tenant-id', tenantId: TENANT },
      { kind: 'microsoft' },
    );
    expect(result).toMatchObject({
      found: true,
      discovery: { cloud: 'us-gov-dod', graphOrigin: 'https://dod-graph.microsoft.us' },
    });
  });

  it('looks a tenant Global does not know up in China (21Vianet)', async () => {
    const { fetch, asked } = fetching({
      'https://login.microsoftonline.com': () => json(400, notFound),
      'https://login.chinacloudapi.cn': () =>
        json(200, document('login.partner.microsoftonline.cn', 'partner.microsoftonline.cn')),
    });
    const result = await discoverTenant(
      fetch,
      { kind: 'domain', domain: 'contoso.cn' },
      { kind: 'microsoft' },
    );
    expect(result).toMatchObject({ found: true, discovery: { cloud: 'china' } });
    // Global, then China, then China's home realm discovery.
    expect(asked).toHaveLength(3);
    expect(asked[2]).toBe('https://login.chinacloudapi.cn/common/userrealm/contoso.cn?api-version=2.1');
  });

  it('refuses a domain no cloud knows with AADSTS90002 and Microsoft’s support IDs', async () => {
    const { fetch } = fetching({
      'https://login.microsoftonline.com': () => json(400, notFound),
      'https://login.chinacloudapi.cn': () => json(400, notFound),
    });
    const result = await discoverTenant(
      fetch,
      { kind: 'domain', domain: 'nobody.example' },
      { kind: 'microsoft' },
    );
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.guidance).toMatchObject({
      code: 'AADSTS90002',
      support: { correlationId: '1e1e1e1e-0000-4000-8000-000000000000' },
    });
  });

  it('keeps Global’s “not found” when China cannot be reached, and reports a network failure otherwise', async () => {
    const onlyGlobal = fetching({ 'https://login.microsoftonline.com': () => json(400, notFound) });
    const notKnown = await discoverTenant(
      onlyGlobal.fetch,
      { kind: 'domain', domain: 'a.example' },
      { kind: 'microsoft' },
    );
    expect(notKnown.found === false && notKnown.guidance.code).toBe('AADSTS90002');

    const offline = await discoverTenant(
      fetching({}).fetch,
      { kind: 'domain', domain: 'a.example' },
      { kind: 'microsoft' },
    );
    expect(offline.found === false && offline.guidance).toMatchObject({
      source: 'network',
      code: 'ENOTFOUND',
    });
  });

  it('asks only the practice tenant in practice mode', async () => {
    const origins = { authorityOrigin: 'https://127.0.0.1:4443', graphOrigin: 'https://127.0.0.1:4444' };
    const { fetch, asked } = fetching({
      'https://127.0.0.1:4443': () => json(200, document('127.0.0.1:4443', 'microsoftonline.com')),
    });
    const result = await discoverTenant(
      fetch,
      { kind: 'domain', domain: 'contoso.com' },
      { kind: 'practice', origins },
    );
    expect(result).toMatchObject({
      found: true,
      discovery: { cloud: 'practice', graphOrigin: origins.graphOrigin },
    });
    expect(asked.every((url) => url.startsWith(origins.authorityOrigin))).toBe(true);
  });
});
