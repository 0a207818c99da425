import { describe, expect, it } from 'vitest';
import {
  CHINA_CLOUD,
  createPracticeCloud,
  GLOBAL_CLOUD,
  graphDefaultScope,
  MICROSOFT_CLOUDS,
  US_GOV_DOD_CLOUD,
  US_GOV_GCC_HIGH_CLOUD,
} from '../../../../src/shared/cloud/cloud';
import { identifyCloud } from '../../../../src/shared/cloud/identify-cloud';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** A v2.0 discovery document shaped like the ones Microsoft serves, trimmed to what matters. */
const discovery = (authorityHost: string, extra: Record<string, string | null>) => ({
  token_endpoint: `https://${authorityHost}/${TENANT}/oauth2/v2.0/token`,
  authorization_endpoint: `https://${authorityHost}/${TENANT}/oauth2/v2.0/authorize`,
  issuer: `https://${authorityHost}/${TENANT}/v2.0`,
  jwks_uri: `https://${authorityHost}/${TENANT}/discovery/v2.0/keys`,
  ...extra,
});

describe('identifyCloud', () => {
  it('identifies a commercial tenant as Global and reads its tenant ID', () => {
    const result = identifyCloud(
      discovery('login.microsoftonline.com', {
        tenant_region_scope: 'NA',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
      }),
    );
    expect(result).toMatchObject({
      identified: true,
      cloud: GLOBAL_CLOUD,
      tenantId: TENANT,
      regionScope: 'NA',
    });
  });

  it('keeps a GCC (Moderate) tenant on the Global endpoints', () => {
    const result = identifyCloud(
      discovery('login.microsoftonline.com', {
        tenant_region_scope: 'NA',
        tenant_region_sub_scope: 'GCC',
        cloud_instance_name: 'microsoftonline.com',
        msgraph_host: 'graph.microsoft.com',
      }),
    );
    expect(result.identified && result.cloud.id).toBe('global');
    expect(result.identified && result.evidence).toContain('GCC');
  });

  it('identifies GCC High from the US Government instance and the DODCON sub-scope', () => {
    const result = identifyCloud(
      discovery('login.microsoftonline.us', {
        tenant_region_scope: 'USGov',
        tenant_region_sub_scope: 'DODCON',
        cloud_instance_name: 'microsoftonline.us',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.us',
      }),
    );
    expect(result).toMatchObject({
      identified: true,
      cloud: US_GOV_GCC_HIGH_CLOUD,
      regionSubScope: 'DODCON',
    });
  });

  it('identifies DoD from the DOD sub-scope even though the authority is the same as GCC High', () => {
    const result = identifyCloud(
      discovery('login.microsoftonline.us', {
        tenant_region_scope: 'USGov',
        tenant_region_sub_scope: 'DOD',
        cloud_instance_name: 'microsoftonline.us',
        msgraph_host: 'graph.microsoft.us',
      }),
    );
    expect(result.identified && result.cloud).toEqual(US_GOV_DOD_CLOUD);
    expect(result.identified && result.cloud.graphOrigin).toBe('https://dod-graph.microsoft.us');
  });

  it('identifies DoD from msgraph_host when the sub-scope is missing', () => {
    const result = identifyCloud(
      discovery('login.microsoftonline.us', {
        cloud_instance_name: 'microsoftonline.us',
        msgraph_host: 'dod-graph.microsoft.us',
      }),
    );
    expect(result.identified && result.cloud.id).toBe('us-gov-dod');
  });

  it('identifies China (21Vianet) from partner.microsoftonline.cn', () => {
    const result = identifyCloud(
      discovery('login.partner.microsoftonline.cn', {
        cloud_instance_name: 'partner.microsoftonline.cn',
        cloud_graph_host_name: 'graph.chinacloudapi.cn',
        msgraph_host: 'microsoftgraph.chinacloudapi.cn',
      }),
    );
    expect(result.identified && result.cloud).toEqual(CHINA_CLOUD);
  });

  it('falls back on the authority host when cloud_instance_name is absent', () => {
    expect(identifyCloud(discovery('login.microsoftonline.us', {}))).toMatchObject({
      identified: true,
      cloud: { id: 'us-gov-gcc-high' },
    });
    expect(identifyCloud(discovery('login.chinacloudapi.cn', {}))).toMatchObject({ cloud: { id: 'china' } });
  });

  it('refuses a cloud it does not support, naming it', () => {
    const result = identifyCloud(
      discovery('login.microsoftonline.eaglex.ic.gov', {
        cloud_instance_name: 'microsoftonline.eaglex.ic.gov',
      }),
    );
    expect(result).toMatchObject({ identified: false, reason: 'unsupported-cloud' });
    expect(!result.identified && result.message).toContain('microsoftonline.eaglex.ic.gov');
  });

  it('refuses something that is not a discovery document', () => {
    expect(identifyCloud({ error: 'invalid_tenant' })).toMatchObject({
      identified: false,
      reason: 'malformed-document',
    });
    expect(identifyCloud('<html>')).toMatchObject({ identified: false, reason: 'malformed-document' });
  });

  it('recognises the practice tenant by its local origin and scopes it to the Global Graph resource', () => {
    const practice = { authorityOrigin: 'https://127.0.0.1:8443', graphOrigin: 'https://127.0.0.1:8444' };
    const result = identifyCloud(
      discovery('127.0.0.1:8443', { cloud_instance_name: 'microsoftonline.com' }),
      {
        practice,
      },
    );
    expect(result).toMatchObject({ identified: true, tenantId: TENANT, cloud: { id: 'practice' } });
    expect(result.identified && result.cloud.graphOrigin).toBe('https://127.0.0.1:8444');
    expect(result.identified && graphDefaultScope(result.cloud)).toBe('https://graph.microsoft.com/.default');
  });

  it('does not mistake a Global document for the practice tenant', () => {
    const practice = { authorityOrigin: 'https://127.0.0.1:8443', graphOrigin: 'https://127.0.0.1:8444' };
    const result = identifyCloud(
      discovery('login.microsoftonline.com', { cloud_instance_name: 'microsoftonline.com' }),
      { practice },
    );
    expect(result.identified && result.cloud.id).toBe('global');
  });
});

describe('clouds as data', () => {
  it('lists the endpoints Microsoft documents for each cloud', () => {
    expect(
      MICROSOFT_CLOUDS.map((c) => [c.id, c.authorityOrigin, c.graphOrigin, graphDefaultScope(c)]),
    ).toEqual([
      [
        'global',
        'https://login.microsoftonline.com',
        'https://graph.microsoft.com',
        'https://graph.microsoft.com/.default',
      ],
      [
        'us-gov-gcc-high',
        'https://login.microsoftonline.us',
        'https://graph.microsoft.us',
        'https://graph.microsoft.us/.default',
      ],
      [
        'us-gov-dod',
        'https://login.microsoftonline.us',
        'https://dod-graph.microsoft.us',
        'https://dod-graph.microsoft.us/.default',
      ],
      [
        'china',
        'https://login.chinacloudapi.cn',
        'https://microsoftgraph.chinacloudapi.cn',
        'https://microsoftgraph.chinacloudapi.cn/.default',
      ],
    ]);
  });

  it('refuses practice origins that are not https origins', () => {
    expect(() =>
      createPracticeCloud({ authorityOrigin: 'http://127.0.0.1:8443', graphOrigin: 'https://x' }),
    ).toThrow();
    expect(() =>
      createPracticeCloud({ authorityOrigin: 'https://127.0.0.1:8443/', graphOrigin: 'https://127.0.0.1:1' }),
    ).toThrow();
  });
});
