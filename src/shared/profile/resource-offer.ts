import { z } from 'zod';
import { assertNever } from '../assert-never';
import type { ResourcePermissions } from './permission-profile';
import { PERMISSION_TYPES, type PermissionType, PermissionTypeSchema } from './permission-type';

/**
 * What a resource's service principal publishes, as Graph returns it
 * (`GET /servicePrincipals(appId='…')?$select=appId,displayName,oauth2PermissionScopes,appRoles`).
 * Extra fields are ignored.
 * https://learn.microsoft.com/graph/api/resources/serviceprincipal
 */
export const PublishedPermissionsSchema = z
  .looseObject({
    appId: z.string(),
    displayName: z.string().nullish(),
    /** Delegated permissions. */
    oauth2PermissionScopes: z
      .array(
        z.looseObject({ id: z.string(), value: z.string().nullish(), isEnabled: z.boolean() }).readonly(),
      )
      .readonly()
      .default([]),
    /** App roles; those whose `allowedMemberTypes` include `Application` are application permissions. */
    appRoles: z
      .array(
        z
          .looseObject({
            id: z.string(),
            value: z.string().nullish(),
            isEnabled: z.boolean(),
            allowedMemberTypes: z.array(z.string()).readonly().default(['Application']),
          })
          .readonly(),
      )
      .readonly()
      .default([]),
  })
  .readonly();

/** What a resource's service principal publishes. */
export type PublishedPermissions = z.infer<typeof PublishedPermissionsSchema>;

/** Why a requested permission cannot be granted. */
export const NotOfferedReasonSchema = z.enum([
  /** The resource publishes no permission of that name and type. */
  'not-published',
  /** The resource publishes it, but disabled (`isEnabled: false`): Entra refuses to grant it. */
  'disabled',
]);

/** Whether the resource offers one requested permission, and its ID when it does. */
export const PermissionOfferSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('offered'),
      resourceAppId: z.string(),
      type: PermissionTypeSchema,
      /** The name as the resource publishes it (its case wins over the profile's). */
      name: z.string(),
      id: z.string(),
    })
    .readonly(),
  z
    .object({
      status: z.literal('not-offered'),
      resourceAppId: z.string(),
      type: PermissionTypeSchema,
      name: z.string(),
      reason: NotOfferedReasonSchema,
      /** The disabled permission's ID; null when nothing of that name is published for the type. */
      id: z.string().nullable(),
      /** Set when the resource publishes the name as the other type: a likely mix-up in the profile. */
      publishedAs: PermissionTypeSchema.nullable(),
    })
    .readonly(),
]);

/** Whether the resource offers one requested permission. */
export type PermissionOffer = z.infer<typeof PermissionOfferSchema>;

/** A requested permission the resource offers, with the ID to grant. */
export type OfferedPermission = Extract<PermissionOffer, { readonly status: 'offered' }>;

type Published = { readonly id: string; readonly value: string; readonly isEnabled: boolean };

const publishedOfType = (published: PublishedPermissions, type: PermissionType): readonly Published[] => {
  switch (type) {
    case 'delegated':
      return published.oauth2PermissionScopes.flatMap((s) =>
        s.value ? [{ id: s.id, value: s.value, isEnabled: s.isEnabled }] : [],
      );
    case 'application':
      // An app role only for users (allowedMemberTypes ["User"]) cannot be granted to an application.
      // https://learn.microsoft.com/graph/api/resources/approle
      return published.appRoles.flatMap((r) =>
        r.value && r.allowedMemberTypes.includes('Application')
          ? [{ id: r.id, value: r.value, isEnabled: r.isEnabled }]
          : [],
      );
    default:
      return assertNever(type);
  }
};

/** Finds a permission by name: exactly first, then ignoring case as Entra does for scope values. */
const find = (list: readonly Published[], name: string): Published | undefined =>
  list.find((p) => p.value === name) ?? list.find((p) => p.value.toLowerCase() === name.toLowerCase());

/**
 * Looks one requested permission up among what a resource publishes for that type: offered (with the ID to
 * grant and the name as the resource spells it) or not offered (with the reason).
 */
export const classifyPermission = (
  published: PublishedPermissions,
  resourceAppId: string,
  type: PermissionType,
  name: string,
): PermissionOffer => {
  const match = find(publishedOfType(published, type), name);
  const base = { resourceAppId, type } as const;
  if (match?.isEnabled === true) return { ...base, status: 'offered', name: match.value, id: match.id };
  const other: PermissionType = type === 'delegated' ? 'application' : 'delegated';
  return {
    ...base,
    status: 'not-offered',
    name: match?.value ?? name,
    reason: match === undefined ? 'not-published' : 'disabled',
    id: match?.id ?? null,
    publishedAs: match === undefined && find(publishedOfType(published, other), name) ? other : null,
  };
};

/**
 * Classifies each permission a profile requests of a resource as offered (with the permission ID to grant)
 * or not offered (with the reason), in the profile's order, delegated first.
 *
 * A permission not offered is never dropped: it is reported, so the plan and the report can show it as
 * `not-offered` instead of silently granting less than was asked.
 */
export const classifyRequestedPermissions = (
  requested: ResourcePermissions,
  published: PublishedPermissions,
): readonly PermissionOffer[] =>
  PERMISSION_TYPES.flatMap((type) =>
    (requested[type] ?? []).map((permission) =>
      classifyPermission(published, requested.resourceAppId, type, permission.name),
    ),
  );
