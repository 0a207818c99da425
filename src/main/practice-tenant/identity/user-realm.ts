import type { Directory } from '../directory/directory';
import type { Domain, Tenant } from '../directory/scenario';

/**
 * Where a federated practice domain's own identity provider (its AD FS, say) signs users in: a page of the practice
 * authority that stands for the federation server, since the practice tenant cannot host one per domain.
 */
export const federationServerUrl = (authorityOrigin: string, domain: string): string =>
  `${authorityOrigin}/federation/${encodeURIComponent(domain.toLowerCase())}/adfs/ls/`;

/** The domain of a tenant a name (a domain, or a user name `user@domain`) points at, if any. */
const findDomain = (
  directory: Directory,
  name: string,
): { readonly tenant: Tenant; readonly domain: Domain } | undefined => {
  const domainName = (name.includes('@') ? name.slice(name.lastIndexOf('@') + 1) : name).trim().toLowerCase();
  if (domainName === '') return undefined;
  const tenant = directory.findTenant(domainName);
  const domain = tenant?.domains.find((d) => d.id.toLowerCase() === domainName);
  return tenant === undefined || domain === undefined ? undefined : { tenant, domain };
};

/** Whether a `domain_hint` names a federated domain: Microsoft then sends the browser to its identity provider. */
export const federatedDomainOf = (directory: Directory, hint: string | null): string | undefined => {
  const found = hint === null ? undefined : findDomain(directory, hint);
  return found?.domain.authenticationType === 'Federated' ? found.domain.id : undefined;
};

/**
 * `GET /common/userrealm/{domain or user}?api-version=2.1`: home realm discovery, the lookup Microsoft's sign-in page
 * and libraries make to learn whether a domain's users sign in with Microsoft Entra ID (`NameSpaceType` Managed) or
 * with their organization's own identity provider (Federated, with its `AuthURL`); Unknown for a domain no tenant
 * holds. Microsoft does not document this endpoint in its reference; the fields are those login.microsoftonline.com
 * serves (Microsoft's MSIdentityTools module, Get-MsftUserRealm, reads the same). The effect of a federated domain
 * on `domain_hint` is documented: https://learn.microsoft.com/entra/identity/enterprise-apps/home-realm-discovery-policy
 */
export const userRealm = (
  directory: Directory,
  authorityOrigin: string,
  name: string,
): Record<string, unknown> => {
  const found = findDomain(directory, name);
  const login = name.includes('@') ? name : '';
  if (found === undefined) {
    return { State: 4, UserState: 1, Login: login, NameSpaceType: 'Unknown' };
  }
  const common = {
    State: found.domain.authenticationType === 'Federated' ? 3 : 4,
    UserState: found.domain.authenticationType === 'Federated' ? 2 : 1,
    Login: login,
    DomainName: found.domain.id,
    FederationBrandName: found.tenant.displayName,
    CloudInstanceName: 'microsoftonline.com',
    CloudInstanceIssuerUri: 'urn:federation:MicrosoftOnline',
  };
  return found.domain.authenticationType === 'Federated'
    ? {
        ...common,
        NameSpaceType: 'Federated',
        AuthURL: `${federationServerUrl(authorityOrigin, found.domain.id)}?username=${encodeURIComponent(login)}&wa=wsignin1.0&wtrealm=urn%3afederation%3aMicrosoftOnline&wctx=`,
        FederationGlobalVersion: -1,
      }
    : { ...common, NameSpaceType: 'Managed' };
};
