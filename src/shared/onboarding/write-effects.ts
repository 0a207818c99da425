import type { PermissionProfile } from '../profile/permission-profile';
import { canonicalJson } from '../report/canonical-json';
import type { Plan } from './plan';
import type { WriteIntent } from './run-entry';
import type { RunRecord } from './run-record';
import { holdsScope, type RequestedResource, splitScopes, type TenantSnapshot } from './tenant-snapshot';

/**
 * What a run's writes should make visible in the tenant, and how to tell when they have: the rules the engine
 * reads the tenant again by while Microsoft Entra ID replicates.
 */

/** The permissions of a profile, per resource, as the plan and the verification read them. */
export const requestedResources = (profile: PermissionProfile): readonly RequestedResource[] =>
  profile.permissions.map((resource) => ({
    resourceAppId: resource.resourceAppId,
    resourceName: resource.resourceDisplayName,
    delegated: (resource.delegated ?? []).map((p) => p.name),
    application: (resource.application ?? []).map((p) => p.name),
  }));

/** One permission, named the same way whatever its case: delegated scope names are case-insensitive. */
export const permissionKey = (
  resourceAppId: string,
  type: 'delegated' | 'application',
  name: string,
): string => `${resourceAppId}|${type}|${name.toLowerCase()}`;

/**
 * Whether two plans make the same changes (the one shown to the technician, and one computed again). The tool's own
 * footprint is what the plan tells about, not what applying changes: it does not count.
 */
export const samePlan = (a: Plan, b: Plan): boolean => {
  const changes = ({ toolFootprint: _, ...rest }: Plan): unknown => rest;
  return canonicalJson(changes(a)) === canonicalJson(changes(b));
};

/** Whether a write that Microsoft Graph applied shows in a snapshot of the tenant. */
export const writeVisible = (intent: WriteIntent, snapshot: TenantSnapshot): boolean => {
  switch (intent.kind) {
    case 'create-service-principal':
      return servicePrincipalsVisible([intent.appId], snapshot);
    case 'create-grant':
    case 'extend-grant': {
      const resource = snapshot.resources[intent.change.resourceAppId];
      const client = snapshot.client;
      if (resource === null || resource === undefined || client === null) return false;
      const grant = snapshot.grants.find(
        (g) => g.clientId === client.id && g.resourceId === resource.id && g.consentType === 'AllPrincipals',
      );
      const scopes = splitScopes(grant?.scope ?? '');
      return intent.change.addScopes.every((s) => holdsScope(scopes, s));
    }
    case 'assign-app-role': {
      const resource = snapshot.resources[intent.change.resourceAppId];
      const client = snapshot.client;
      if (resource === null || resource === undefined || client === null) return false;
      return snapshot.assignments.some(
        (a) =>
          a.principalId === client.id &&
          a.resourceId === resource.id &&
          a.appRoleId === intent.change.appRoleId,
      );
    }
    // An offboarding's removals are waited for in its own terms (src/main/offboarding/removal-writes.ts).
    case 'remove-access':
    case 'disable-enterprise-app':
    case 'delete-enterprise-app':
      return true;
  }
};

/** Whether the service principals of these app IDs show in a snapshot. */
export const servicePrincipalsVisible = (appIds: readonly string[], snapshot: TenantSnapshot): boolean =>
  appIds.every((appId) =>
    appId === snapshot.targetAppId ? snapshot.client !== null : (snapshot.resources[appId] ?? null) !== null,
  );

/**
 * The permissions (as {@link permissionKey}s) that a run's confirmed writes, or the administrator's consent on
 * Microsoft's page, should make visible: what verification waits for while Microsoft replicates.
 */
export const expectedPermissions = (
  record: Pick<RunRecord, 'input' | 'adminConsent' | 'plan' | 'writes'>,
): ReadonlySet<string> => {
  const expected = new Set<string>();
  if (record.input.strategy === 'admin-consent-page') {
    const consent = record.adminConsent;
    if (consent?.adminConsent === true && consent.error === null && record.plan !== null) {
      for (const change of record.plan.delegatedGrants)
        for (const scope of change.addScopes)
          expected.add(permissionKey(change.resourceAppId, 'delegated', scope));
      for (const change of record.plan.appRoleAssignments)
        expected.add(permissionKey(change.resourceAppId, 'application', change.value));
    }
    return expected;
  }
  for (const write of record.writes) {
    if (write.outcome !== 'applied' && write.outcome !== 'already-present') continue;
    const intent = write.intent;
    if (intent.kind === 'create-grant' || intent.kind === 'extend-grant') {
      for (const scope of intent.change.addScopes)
        expected.add(permissionKey(intent.change.resourceAppId, 'delegated', scope));
    } else if (intent.kind === 'assign-app-role') {
      expected.add(permissionKey(intent.change.resourceAppId, 'application', intent.change.value));
    }
  }
  return expected;
};
