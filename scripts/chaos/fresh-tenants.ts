import { randomUUID } from 'node:crypto';
import { builtinScenario, builtinTenantIds } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { type Scenario, ScenarioSchema } from '../../src/main/practice-tenant/directory/scenario';

/** A copy of the built-in Contoso: a fresh tenant with the same accounts, service principals and grants. */
export interface FreshTenant {
  readonly tenantId: string;
  /** What the technician types on the Client step. */
  readonly domain: string;
  /** Its Global Administrator. */
  readonly upn: string;
}

/**
 * The built-in scenario plus `count` copies of Contoso under new object IDs and domains (contoso1.com, …), so
 * one practice tenant serves many runs that each start on a fresh tenant, one after the other.
 */
export const scenarioWithFreshTenants = (
  count: number,
): { readonly scenario: Scenario; readonly tenants: readonly FreshTenant[] } => {
  const base = builtinScenario();
  const contoso = base.tenants.find((t) => t.id === builtinTenantIds.contoso);
  if (contoso === undefined) throw new Error('The built-in scenario has no Contoso.');
  // Every object ID of the tenant is replaced; application IDs and role template IDs stay, being Microsoft's.
  const objectIds = [
    contoso.id,
    ...contoso.users.map((o) => o.id),
    ...contoso.roleAssignments.map((o) => o.id),
    ...contoso.roleEligibilitySchedules.map((o) => o.id),
    ...contoso.servicePrincipals.map((o) => o.id),
    ...contoso.oauth2PermissionGrants.map((o) => o.id),
    ...contoso.appRoleAssignments.map((o) => o.id),
  ];
  const template = JSON.stringify(contoso);
  const tenants: FreshTenant[] = [];
  const copies = Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    let json = template;
    for (const id of objectIds) json = json.replaceAll(id, randomUUID());
    json = json
      .replaceAll('contoso.onmicrosoft.com', `contoso${n}.onmicrosoft.com`)
      .replaceAll('contoso.com', `contoso${n}.com`)
      .replaceAll('"displayName":"Contoso"', `"displayName":"Contoso ${n}"`);
    const copy = JSON.parse(json) as typeof contoso;
    tenants.push({ tenantId: copy.id, domain: `contoso${n}.com`, upn: `admin@contoso${n}.com` });
    return copy;
  });
  return { scenario: ScenarioSchema.parse({ ...base, tenants: [...base.tenants, ...copies] }), tenants };
};
