import { z } from 'zod';
import { type PermissionType, PermissionTypeSchema } from './permission-type';
import { classifyPermission, type PublishedPermissions } from './resource-offer';

/** One permission a resource publishes, as the profile editor suggests it. */
export const CatalogEntrySchema = z
  .object({
    value: z.string(),
    type: PermissionTypeSchema,
    /** Whether granting it needs an administrator's consent (application permissions always do). */
    adminConsentRequired: z.boolean(),
    isEnabled: z.boolean(),
  })
  .readonly();

/** One permission a resource publishes. */
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

/** The permissions the app knows resources to publish: what the profile editor suggests and checks names against. */
export const PermissionCatalogSchema = z
  .object({
    resources: z
      .array(
        z
          .object({
            appId: z.string(),
            displayName: z.string(),
            permissions: z.array(CatalogEntrySchema).readonly(),
          })
          .readonly(),
      )
      .readonly(),
  })
  .readonly();

/** The permissions the app knows resources to publish. */
export type PermissionCatalog = z.infer<typeof PermissionCatalogSchema>;

/** What the catalog says of one name in a profile's list. */
export type CatalogHint =
  | { readonly kind: 'known'; readonly name: string; readonly adminConsentRequired: boolean }
  /** Published only as the other type: a likely mix-up, and no grant can give it as listed. */
  | { readonly kind: 'other-type'; readonly publishedAs: PermissionType }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'unknown' }
  /** The catalog holds nothing of this resource: the name cannot be checked here (it is at Verify). */
  | { readonly kind: 'unchecked' };

const resourceOf = (catalog: PermissionCatalog, appId: string) =>
  catalog.resources.find((resource) => resource.appId === appId.trim().toLowerCase());

const publishedOf = (resource: NonNullable<ReturnType<typeof resourceOf>>): PublishedPermissions => ({
  appId: resource.appId,
  displayName: resource.displayName,
  oauth2PermissionScopes: resource.permissions
    .filter((p) => p.type === 'delegated')
    .map((p) => ({ id: p.value, value: p.value, isEnabled: p.isEnabled })),
  appRoles: resource.permissions
    .filter((p) => p.type === 'application')
    .map((p) => ({
      id: p.value,
      value: p.value,
      isEnabled: p.isEnabled,
      allowedMemberTypes: ['Application'],
    })),
});

/**
 * What the catalog says of a permission listed in a profile, by the same rule the run classifies it with against
 * the tenant (classifyPermission): known (with whether it needs admin consent), published only as the other type,
 * disabled, or unknown.
 */
export const catalogHint = (
  catalog: PermissionCatalog,
  resourceAppId: string,
  type: PermissionType,
  name: string,
): CatalogHint => {
  const resource = resourceOf(catalog, resourceAppId);
  if (resource === undefined) return { kind: 'unchecked' };
  const offer = classifyPermission(publishedOf(resource), resource.appId, type, name);
  if (offer.status === 'offered') {
    const entry = resource.permissions.find((p) => p.type === type && p.value === offer.name);
    return { kind: 'known', name: offer.name, adminConsentRequired: entry?.adminConsentRequired ?? true };
  }
  if (offer.publishedAs !== null) return { kind: 'other-type', publishedAs: offer.publishedAs };
  return offer.reason === 'disabled' ? { kind: 'disabled' } : { kind: 'unknown' };
};

/**
 * Names of a resource's permissions of one type to suggest for what the technician typed: those starting with it
 * first, then those containing it, each group by name; enabled ones only, at most `limit`.
 */
export const suggestPermissions = (
  catalog: PermissionCatalog,
  resourceAppId: string,
  type: PermissionType,
  typed: string,
  limit = 20,
): readonly CatalogEntry[] => {
  const resource = resourceOf(catalog, resourceAppId);
  if (resource === undefined) return [];
  const text = typed.trim().toLowerCase();
  const ofType = resource.permissions.filter((p) => p.type === type && p.isEnabled);
  const starting = ofType.filter((p) => p.value.toLowerCase().startsWith(text));
  const containing = ofType.filter(
    (p) => !p.value.toLowerCase().startsWith(text) && p.value.toLowerCase().includes(text),
  );
  const byName = (a: CatalogEntry, b: CatalogEntry): number => a.value.localeCompare(b.value);
  return [...starting.sort(byName), ...containing.sort(byName)].slice(0, limit);
};
