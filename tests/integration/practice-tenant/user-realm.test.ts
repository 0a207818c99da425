import { describe, expect, it } from 'vitest';
import { authorizeUrl, practiceForEachTest } from './form-browser';

const t = practiceForEachTest();

describe('home realm discovery (userrealm) and domain_hint of a federated domain', () => {
  const realm = async (name: string): Promise<Record<string, unknown>> => {
    const answer = await t.browser.request(`/common/userrealm/${encodeURIComponent(name)}?api-version=2.1`);
    expect(answer.status).toBe(200);
    return JSON.parse(answer.text) as Record<string, unknown>;
  };

  it('answers Managed, Federated (with where its identity provider is) or Unknown', async () => {
    expect(await realm('fabrikam.com')).toMatchObject({
      NameSpaceType: 'Managed',
      DomainName: 'fabrikam.com',
    });
    expect(await realm('someone@FabrikamFiber.com')).toMatchObject({
      NameSpaceType: 'Federated',
      DomainName: 'fabrikamfiber.com',
      AuthURL: expect.stringContaining(`${t.practice.authority}/federation/fabrikamfiber.com/adfs/ls/`),
    });
    expect(await realm('nobody.example')).toMatchObject({ NameSpaceType: 'Unknown' });
  });

  it('sends a domain_hint of a federated domain straight to its identity provider, where nobody of the tenant signs in', async () => {
    const answer = await t.browser.request(
      authorizeUrl(t.practice, { domain_hint: 'fabrikamfiber.com' }, 'fabrikam.com'),
    );
    expect(answer.status).toBe(302);
    const location = new URL(answer.location ?? '', t.practice.authority);
    expect(location.pathname).toBe('/federation/fabrikamfiber.com/adfs/ls/');
    const page = await t.browser.request(location.toString());
    expect(page.text).toContain('fabrikamfiber.com sign-in service');
    expect(page.text).not.toContain('<label for="loginfmt">Email</label>');
  });

  it('keeps Microsoft’s own sign-in page for the same tenant without the hint, or with a managed domain', async () => {
    for (const overrides of [{}, { domain_hint: 'fabrikam.com' }]) {
      const page = await t.browser.request(authorizeUrl(t.practice, overrides, 'fabrikam.com'));
      expect(page.status).toBe(200);
      expect(page.text).toContain('<label for="loginfmt">Email</label>');
    }
  });
});
