import { z } from 'zod';
import type { PermissionType } from '../profile/permission-type';
import { classifyPermission, type OfferedPermission } from '../profile/resource-offer';
import { permissionOfResourceShape } from './permission-of-resource';
import { countByStatus } from './run-status';
import {
  type DelegatedGrantSnapshot,
  holdsScope,
  type RequestedResource,
  splitScopes,
  type TenantSnapshot,
} from './tenant-snapshot';

/** Where a requested permission stands in the tenant. */
export const PermissionStatusSchema = z.enum([
  'granted',
  'missing',
  'not-offered',
  'user-consent-only',
  'app-disabled',
]);

/** Where a requested permission stands in the tenant. */
export type PermissionStatus = z.infer<typeof PermissionStatusSchema>;

/** What in the tenant proves a row's status. */
export const EvidenceSchema = z
  .object({
    /** The oauth2PermissionGrant or appRoleAssignment that holds the permission. */
    objectId: z.string().nullable(),
    kind: z.enum(['oauth2PermissionGrant', 'appRoleAssignment', 'none']),
    createdDateTime: z.string().nullable(),
    /** For user-consent-only: the users whose own consent holds the scope. */
    principalIds: z.array(z.string()).readonly(),
    note: z.string(),
  })
  .readonly();

/** One verified permission: a row of the verification table and of every report. */
export const VerificationRowSchema = z
  .object({
    ...permissionOfResourceShape,
    /** The permission's ID at the resource; null when the resource does not offer it. */
    id: z.string().nullable(),
    status: PermissionStatusSchema,
    evidence: EvidenceSchema,
  })
  .readonly();

/** One verified permission. */
export type VerificationRow = z.infer<typeof VerificationRowSchema>;

/** A permission the target app holds that the profile does not list. */
export const ExtraPermissionSchema = z
  .object({
    ...permissionOfResourceShape,
    objectId: z.string(),
  })
  .readonly();

/** A permission held but not listed. */
export type ExtraPermission = z.infer<typeof ExtraPermissionSchema>;

/** The result of verifying a tenant against a profile. */
export interface Verification {
  readonly rows: readonly VerificationRow[];
  readonly extras: readonly ExtraPermission[];
  readonly counts: Readonly<Record<PermissionStatus, number>>;
  /** Every row granted: the onboarding is complete. */
  readonly complete: boolean;
}

/** Why a permission is not offered, in words: "Microsoft Graph publishes Device.ReadWrite.All only as an application permission." */
export const notOfferedNote = (
  resourceName: string,
  type: 'delegated' | 'application',
  name: string,
  offer: {
    readonly reason: 'not-published' | 'disabled';
    readonly publishedAs: 'delegated' | 'application' | null;
  },
): string => {
  if (offer.reason === 'disabled')
    return `${resourceName} publishes ${name} as a ${type} permission, but disabled.`;
  return offer.publishedAs === null
    ? `${resourceName} publishes no ${type} permission named ${name}.`
    : `${resourceName} publishes ${name} only as an ${offer.publishedAs === 'application' ? 'application' : 'delegated'} permission, not as a ${type} one.`;
};

/** A row but for what verification found: status and evidence. */
type PermissionRow = Omit<VerificationRow, 'status' | 'evidence'>;

const none = (note: string): VerificationRow['evidence'] => ({
  objectId: null,
  kind: 'none',
  createdDateTime: null,
  principalIds: [],
  note,
});

/**
 * Classifies every requested permission against what the tenant really holds (read back from Graph).
 *
 * A delegated permission is granted only by the tenant-wide (`AllPrincipals`) grant; a scope held only in
 * single users' grants is `user-consent-only`. A granted permission of a disabled target service principal is
 * `app-disabled`: it is on record, but nobody can use it until the service principal is enabled.
 */
export const verifyPermissions = (
  requested: readonly RequestedResource[],
  snapshot: TenantSnapshot,
): Verification => {
  const rows: VerificationRow[] = [];
  const extras: ExtraPermission[] = [];
  const client = snapshot.client;
  const disabled = client !== null && !client.accountEnabled;

  for (const want of requested) {
    const resource = snapshot.resources[want.resourceAppId] ?? null;
    const base = { resourceAppId: want.resourceAppId, resourceName: want.resourceName };
    const grants: readonly DelegatedGrantSnapshot[] =
      client === null || resource === null
        ? []
        : snapshot.grants.filter((g) => g.clientId === client.id && g.resourceId === resource.id);
    const tenantWide = grants.find((g) => g.consentType === 'AllPrincipals');
    const assignments =
      client === null || resource === null
        ? []
        : snapshot.assignments.filter((a) => a.principalId === client.id && a.resourceId === resource.id);

    // Both types alike: a permission of a resource without a service principal is missing, one the resource does
    // not offer is not-offered; only how an offered one is held differs.
    const verify = (
      type: PermissionType,
      held: (row: PermissionRow, offer: OfferedPermission) => VerificationRow,
    ): void => {
      for (const name of new Set(want[type])) {
        if (resource === null) {
          rows.push({ ...base, type, name, id: null, status: 'missing', evidence: none(noResource(want)) });
          continue;
        }
        const offer = classifyPermission(resource, resource.appId, type, name);
        if (offer.status === 'not-offered') {
          rows.push({
            ...base,
            type,
            name,
            id: null,
            status: 'not-offered',
            evidence: none(notOfferedNote(want.resourceName, type, name, offer)),
          });
          continue;
        }
        rows.push(held({ ...base, type, name, id: offer.id }, offer));
      }
    };

    verify('delegated', (row, offer) => {
      if (tenantWide !== undefined && holdsScope(splitScopes(tenantWide.scope), offer.name)) {
        return {
          ...row,
          status: disabled ? 'app-disabled' : 'granted',
          evidence: {
            objectId: tenantWide.id,
            kind: 'oauth2PermissionGrant',
            createdDateTime: null,
            principalIds: [],
            note: 'Admin consent for all users (AllPrincipals).',
          },
        };
      }
      const personal = grants.filter(
        (g) => g.consentType === 'Principal' && holdsScope(splitScopes(g.scope), offer.name),
      );
      if (personal.length > 0) {
        return {
          ...row,
          status: 'user-consent-only',
          evidence: {
            objectId: personal[0]?.id ?? null,
            kind: 'oauth2PermissionGrant',
            createdDateTime: null,
            principalIds: personal.flatMap((g) => (g.principalId === null ? [] : [g.principalId])),
            note: `Consented by ${personal.length === 1 ? 'one user' : `${personal.length} users`} only, not for the organization.`,
          },
        };
      }
      return { ...row, status: 'missing', evidence: none('No grant holds it.') };
    });

    verify('application', (row, offer) => {
      const assignment = assignments.find((a) => a.appRoleId === offer.id);
      return assignment === undefined
        ? { ...row, status: 'missing', evidence: none('Not assigned.') }
        : {
            ...row,
            status: disabled ? 'app-disabled' : 'granted',
            evidence: {
              objectId: assignment.id,
              kind: 'appRoleAssignment',
              createdDateTime: assignment.createdDateTime ?? null,
              principalIds: [],
              note: 'Application permission assigned.',
            },
          };
    });

    if (resource !== null) {
      for (const grant of grants.filter((g) => g.consentType === 'AllPrincipals')) {
        for (const scope of splitScopes(grant.scope).filter((s) => !holdsScope(want.delegated, s))) {
          extras.push({ ...base, type: 'delegated', name: scope, objectId: grant.id });
        }
      }
      const listedRoles = new Set(want.application);
      for (const assignment of assignments) {
        const role = resource.appRoles.find((r) => r.id === assignment.appRoleId);
        const name = role?.value ?? assignment.appRoleId;
        if (!listedRoles.has(name))
          extras.push({ ...base, type: 'application', name, objectId: assignment.id });
      }
    }
  }

  const counts = countByStatus(rows);
  return { rows, extras, counts, complete: rows.length > 0 && counts.granted === rows.length };
};

const noResource = (want: RequestedResource): string =>
  `The tenant has no enterprise application for ${want.resourceName}.`;
