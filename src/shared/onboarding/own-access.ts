import { z } from 'zod';
import { type DelegatedGrantSnapshot, DelegatedGrantSnapshotSchema, splitScopes } from './tenant-snapshot';

/**
 * The tool's own footprint in a client's tenant. When the client's administrator first signs in, Microsoft adds the
 * tool's sign-in app to the tenant as an enterprise application and records a delegated grant of the tool's scopes:
 * tenant-wide when the administrator consents on behalf of the organization, for that administrator alone
 * otherwise. At Finish, the run removes that access (docs/own-access.md):
 *
 * - the tool's delegated grants that are tenant-wide or the signed-in administrator's own, each by
 *   `DELETE /oauth2PermissionGrants/{id}` (https://learn.microsoft.com/graph/api/oauth2permissiongrant-delete). Access
 *   tokens already issued stay valid for their lifetime, so the run's own token still sends the last requests;
 * - on request, the tool's enterprise application too, by `DELETE /servicePrincipals/{id}`
 *   (https://learn.microsoft.com/graph/api/serviceprincipal-delete); Entra keeps it in deleted items for 30 days
 *   (https://learn.microsoft.com/entra/identity/enterprise-apps/restore-application).
 *
 * An enterprise application without grants holds no access; the next sign-in to this tenant asks an administrator
 * to consent again either way.
 */

/** What the technician chose for this run's Finish (the defaults come from Settings). */
export const OwnAccessOptionsSchema = z
  .object({
    /** Remove the tool's tenant-wide grant and the signed-in administrator's own. */
    removeGrants: z.boolean(),
    /** Delete the tool's enterprise application as well (only with `removeGrants`). */
    deleteEnterpriseApp: z.boolean(),
  })
  .readonly();

/** What the technician chose for this run's Finish. */
export type OwnAccessOptions = z.infer<typeof OwnAccessOptionsSchema>;

/** The tool's enterprise application in the client's tenant. */
export const OwnEnterpriseAppSchema = z
  .object({ id: z.string(), appId: z.string(), displayName: z.string().nullable() })
  .readonly();

/** The tool's enterprise application in the client's tenant. */
export type OwnEnterpriseApp = z.infer<typeof OwnEnterpriseAppSchema>;

/** What the tool itself holds in the tenant, read from Microsoft Graph. */
export const OwnFootprintSchema = z
  .object({
    /** The sign-in app's application (client) ID in the tenant's cloud. */
    signInAppId: z.string(),
    enterpriseApp: OwnEnterpriseAppSchema.nullable(),
    /** Every delegated grant the tool's enterprise application holds, on every resource, for every principal. */
    grants: z.array(DelegatedGrantSnapshotSchema).readonly(),
  })
  .readonly();

/** What the tool itself holds in the tenant. */
export type OwnFootprint = z.infer<typeof OwnFootprintSchema>;

/** One removal Finish makes. */
export const OwnAccessRemovalSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('grant'),
      grantId: z.string(),
      consentType: z.enum(['AllPrincipals', 'Principal']),
      principalId: z.string().nullable(),
      scope: z.string(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal('enterprise-app'),
      servicePrincipalId: z.string(),
      appId: z.string(),
      displayName: z.string().nullable(),
    })
    .readonly(),
]);

/** One removal Finish makes. */
export type OwnAccessRemoval = z.infer<typeof OwnAccessRemovalSchema>;

/** Why part of the tool's footprint stays in the tenant. */
export const KeptReasonSchema = z.enum([
  /** The technician turned the removal off for this run (or in Settings). */
  'turned-off',
  /** Deleting the enterprise application was not chosen: without grants it holds no access. */
  'enterprise-app-not-chosen',
  /** Another user consented for themselves: their grant is theirs to remove, or an administrator's in Entra. */
  'another-user',
]);

/** Why part of the tool's footprint stays in the tenant. */
export type KeptReason = z.infer<typeof KeptReasonSchema>;

/** Part of the tool's footprint that stays, and why. */
export const KeptAccessSchema = z
  .object({ item: OwnAccessRemovalSchema, reason: KeptReasonSchema })
  .readonly();

/** Part of the tool's footprint that stays, and why. */
export type KeptAccess = z.infer<typeof KeptAccessSchema>;

/** Why Finish removed nothing without reading the tenant. */
export const OwnAccessSkippedSchema = z.enum([
  /** Nobody is signed in to the run (a run resumed to be finished): nothing can be read or removed. */
  'not-signed-in',
  /** An identity guard failed: nothing may be written to this tenant. */
  'guards-failed',
]);

/** Why Finish removed nothing without reading the tenant. */
export type OwnAccessSkipped = z.infer<typeof OwnAccessSkippedSchema>;

/** How one removal ended. */
export const RemovalOutcomeSchema = z.enum([
  /** Graph answered 204 No Content. */
  'removed',
  /** Graph answered 404: the object was gone already (removed by someone else, or by a run that was cut off). */
  'already-gone',
  /** Graph refused it; the guidance says why. The onboarding's outcome does not change. */
  'failed',
]);

/** How one removal ended. */
export type RemovalOutcome = z.infer<typeof RemovalOutcomeSchema>;

/** What Finish found of the tool's footprint and decided, as the journal records it. */
export const OwnAccessDecisionSchema = z
  .object({
    options: OwnAccessOptionsSchema,
    /** Set when nothing was read (and so nothing removed). */
    skipped: OwnAccessSkippedSchema.nullable(),
    /** What the tenant held; null when skipped or when the read failed (an `own-access-stopped` entry says why). */
    footprint: OwnFootprintSchema.nullable(),
    remove: z.array(OwnAccessRemovalSchema).readonly(),
    keep: z.array(KeptAccessSchema).readonly(),
  })
  .readonly();

/** What Finish found of the tool's footprint and decided. */
export type OwnAccessDecision = z.infer<typeof OwnAccessDecisionSchema>;

const grantItem = (grant: DelegatedGrantSnapshot): OwnAccessRemoval => ({
  kind: 'grant',
  grantId: grant.id,
  consentType: grant.consentType,
  principalId: grant.principalId,
  scope: grant.scope,
});

const sameId = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/**
 * What Finish removes of the tool's footprint and what it keeps: the tenant-wide grants and the signed-in
 * administrator's own are removed unless turned off; other users' own grants are kept (theirs); the enterprise
 * application is deleted only when chosen, after its grants (a grant names it as its client).
 */
export const decideOwnAccess = (
  footprint: OwnFootprint,
  administratorObjectId: string,
  options: OwnAccessOptions,
): { readonly remove: readonly OwnAccessRemoval[]; readonly keep: readonly KeptAccess[] } => {
  const remove: OwnAccessRemoval[] = [];
  const keep: KeptAccess[] = [];
  for (const grant of footprint.grants) {
    const item = grantItem(grant);
    if (grant.consentType === 'Principal' && !sameId(grant.principalId, administratorObjectId)) {
      keep.push({ item, reason: 'another-user' });
    } else if (options.removeGrants) remove.push(item);
    else keep.push({ item, reason: 'turned-off' });
  }
  const app = footprint.enterpriseApp;
  if (app !== null) {
    const item: OwnAccessRemoval = {
      kind: 'enterprise-app',
      servicePrincipalId: app.id,
      appId: app.appId,
      displayName: app.displayName,
    };
    if (!options.removeGrants) keep.push({ item, reason: 'turned-off' });
    else if (options.deleteEnterpriseApp) remove.push(item);
    else keep.push({ item, reason: 'enterprise-app-not-chosen' });
  }
  return { remove, keep };
};

/** The object a removal names: the grant, or the enterprise application (service principal). */
export const removalObjectId = (item: OwnAccessRemoval): string =>
  item.kind === 'grant' ? item.grantId : item.servicePrincipalId;

/** Whether two removals name the same object. */
export const sameRemoval = (a: OwnAccessRemoval, b: OwnAccessRemoval): boolean =>
  a.kind === b.kind && removalObjectId(a) === removalObjectId(b);

/** The removals Finish chose that were never sent. */
export const unsentRemovals = (
  chosen: readonly OwnAccessRemoval[],
  sent: readonly OwnAccessRemoval[],
): readonly OwnAccessRemoval[] => chosen.filter((item) => !sent.some((s) => sameRemoval(s, item)));

/** Why a chosen removal was not sent: removing stopped, or a grant before it was not removed. */
export const notSentReason = (stopped: boolean): string =>
  stopped
    ? 'Not sent: removing stopped before it.'
    : 'Not sent, because a grant of the tool could not be removed first.';

/** One removal in the technician's words. */
export const describeRemoval = (item: OwnAccessRemoval): string => {
  if (item.kind === 'enterprise-app') {
    return `The tool’s enterprise application${item.displayName === null ? '' : ` (${item.displayName})`}`;
  }
  const scopes = splitScopes(item.scope).join(', ') || 'no scopes';
  return item.consentType === 'AllPrincipals'
    ? `The tool’s delegated grant for all users: ${scopes}`
    : `The tool’s delegated grant for one user (${item.principalId ?? 'unknown'}): ${scopes}`;
};

/** Why an item stays, in the technician's words. */
export const KEPT_REASON_TEXT: Readonly<Record<KeptReason, string>> = {
  'turned-off': 'Removing the tool’s access was turned off for this run.',
  'enterprise-app-not-chosen':
    'Kept by choice: without grants it holds no access, and the next sign-in asks for consent again.',
  'another-user':
    'Another user consented for themselves; remove it in the Microsoft Entra admin center (Enterprise applications, the tool, Permissions) if it should go.',
};

/** Why nothing was removed, in the technician's words. */
export const SKIPPED_TEXT: Readonly<Record<OwnAccessSkipped, string>> = {
  'not-signed-in':
    'Nobody was signed in when the run finished, so the tool’s access could not be read or removed.',
  'guards-failed': 'An identity guard failed, so nothing was written to this tenant.',
};
