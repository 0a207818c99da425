import type { WriteIntent } from './run-entry';

/** What one write does, in the technician's words, and what it is about. */
export interface WriteDescription {
  /** One sentence that names the change and its resource: "Assign the application permission X of Y". */
  readonly change: string;
  /**
   * The app the change is about: the resource of a permission, or the app whose enterprise application is added or
   * removed; null for a removal on a resource the tenant could not name.
   */
  readonly resourceAppId: string | null;
  readonly resourceName: string;
  /** The permissions the change adds or removes (none for an enterprise application). */
  readonly permissions: readonly string[];
}

const count = (n: number): string => (n === 1 ? '1 delegated permission' : `${n} delegated permissions`);

/**
 * What one write does: the same sentence in the Grant consent step's table and in the report. The object Microsoft
 * Graph calls a service principal is an "enterprise application", as the Microsoft Entra admin center names it.
 */
export const describeWrite = (intent: WriteIntent): WriteDescription => {
  switch (intent.kind) {
    case 'create-service-principal':
      return {
        change: `Add the enterprise application of ${intent.displayName} to the tenant`,
        resourceAppId: intent.appId,
        resourceName: intent.displayName,
        permissions: [],
      };
    case 'create-grant':
    case 'extend-grant': {
      const { addScopes, resourceAppId, resourceName } = intent.change;
      return {
        change:
          intent.kind === 'create-grant'
            ? `Grant ${count(addScopes.length)} of ${resourceName} for all users (a new tenant-wide grant)`
            : `Add ${count(addScopes.length)} of ${resourceName} to its tenant-wide grant for all users`,
        resourceAppId,
        resourceName,
        permissions: addScopes,
      };
    }
    case 'assign-app-role':
      return {
        change: `Assign the application permission ${intent.change.value} of ${intent.change.resourceName}`,
        resourceAppId: intent.change.resourceAppId,
        resourceName: intent.change.resourceName,
        permissions: [intent.change.value],
      };
    case 'remove-access': {
      const { item } = intent;
      const resourceName = item.resource.displayName ?? item.resource.appId ?? item.resource.id;
      const base = { resourceAppId: item.resource.appId, resourceName };
      if (item.kind === 'app-role-assignment') {
        const name = item.permission ?? item.appRoleId;
        return {
          ...base,
          change: `Remove the application permission ${name} of ${resourceName}`,
          permissions: [name],
        };
      }
      const whose =
        item.consentType === 'AllPrincipals' ? 'all users' : `one user (${item.principalId ?? 'unknown'})`;
      return {
        ...base,
        change: `Remove the grant of ${count(item.scopes.length)} of ${resourceName} for ${whose}`,
        permissions: item.scopes,
      };
    }
    case 'disable-enterprise-app':
    case 'delete-enterprise-app': {
      const name = intent.app.displayName ?? intent.app.appId;
      return {
        change:
          intent.kind === 'disable-enterprise-app'
            ? `Disable the enterprise application of ${name}: nobody can sign in to it`
            : `Delete the enterprise application of ${name} (restorable for 30 days)`,
        resourceAppId: intent.app.appId,
        resourceName: name,
        permissions: [],
      };
    }
  }
};
