import type { WriteIntent } from './run-entry';

/** What one write does, in the technician's words, and what it is about. */
export interface WriteDescription {
  /** One sentence that names the change and its resource: "Assign the application permission X of Y". */
  readonly change: string;
  /** The app the change is about: the resource of a permission, or the app whose enterprise application is added. */
  readonly resourceAppId: string;
  readonly resourceName: string;
  /** The permissions the change adds (none for an enterprise application). */
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
  }
};
