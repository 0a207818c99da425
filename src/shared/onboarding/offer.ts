import type { ServicePrincipalSnapshot } from './tenant-snapshot';

/** Whether a resource offers a permission for a type, and its ID when it does. */
export type Offer =
  | { readonly offered: true; readonly id: string }
  | { readonly offered: false; readonly reason: NotOfferedReason };

/** Why a requested permission cannot be granted. */
export type NotOfferedReason = 'not-published' | 'disabled';

/**
 * Looks a requested permission up among what the resource publishes for that type: delegated permissions among
 * its `oauth2PermissionScopes`, application permissions among its `appRoles` that applications may hold.
 */
export const findOffer = (
  resource: ServicePrincipalSnapshot,
  type: 'delegated' | 'application',
  name: string,
): Offer => {
  const published =
    type === 'delegated'
      ? resource.oauth2PermissionScopes.find((s) => s.value === name)
      : resource.appRoles.find((r) => r.value === name && r.allowedMemberTypes.includes('Application'));
  if (published === undefined) return { offered: false, reason: 'not-published' };
  if (!published.isEnabled) return { offered: false, reason: 'disabled' };
  return { offered: true, id: published.id };
};
