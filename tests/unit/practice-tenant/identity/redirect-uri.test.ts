import { describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../../../src/main/practice-tenant/directory/scenario';
import { isRegisteredRedirectUri } from '../../../../src/main/practice-tenant/identity/redirect-uri';

const app = (isPublicClient: boolean, redirectUris: string[]) =>
  ApplicationSchema.parse({
    appId: '11111111-1111-4111-8111-111111111111',
    displayName: 'App',
    role: 'sign-in',
    homeTenantId: '22222222-2222-4222-8222-222222222222',
    signInAudience: 'AzureADMultipleOrgs',
    isPublicClient,
    redirectUris,
  });

describe('redirect URIs', () => {
  it('let a public client use any port on either loopback host', () => {
    const client = app(true, ['http://localhost']);
    expect(isRegisteredRedirectUri(client, 'http://localhost:50123')).toBe(true);
    expect(isRegisteredRedirectUri(client, 'http://127.0.0.1:8080/')).toBe(true);
    expect(isRegisteredRedirectUri(client, 'http://localhost:50123/other')).toBe(false);
    expect(isRegisteredRedirectUri(client, 'https://localhost:50123')).toBe(false);
    expect(isRegisteredRedirectUri(client, 'http://localhost.attacker.example')).toBe(false);
  });

  it('require an exact match otherwise', () => {
    const web = app(false, ['https://pia.example/consent', 'http://localhost']);
    expect(isRegisteredRedirectUri(web, 'https://pia.example/consent')).toBe(true);
    expect(isRegisteredRedirectUri(web, 'https://pia.example/consent/other')).toBe(false);
    expect(isRegisteredRedirectUri(web, 'http://localhost:3000')).toBe(false);
  });
});
