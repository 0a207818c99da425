import {
  type HeldAccess,
  heldAccessId,
  type RemovalPlan,
  type TargetHoldings,
} from '../../shared/offboarding/removal-plan';
import type { WriteRecord } from '../../shared/onboarding/run-record';
import type { PlannedWrite } from '../onboarding/plan-requests';

/**
 * The Graph request that removes one thing the target app holds:
 * `DELETE /oauth2PermissionGrants/{id}` (https://learn.microsoft.com/graph/api/oauth2permissiongrant-delete) or
 * `DELETE /servicePrincipals/{id}/appRoleAssignments/{id}`
 * (https://learn.microsoft.com/graph/api/serviceprincipal-delete-approleassignments). Both answer 204 No Content.
 */
const removalWrite = (item: HeldAccess, servicePrincipalId: string, index: number): PlannedWrite => ({
  item: {
    id: `rm-${index}`,
    method: 'DELETE',
    url:
      item.kind === 'delegated-grant'
        ? `/oauth2PermissionGrants/${encodeURIComponent(item.grantId)}`
        : `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/appRoleAssignments/${encodeURIComponent(item.assignmentId)}`,
  },
  intent: { kind: 'remove-access', item },
});

/** The removals of a plan, one write each. */
export const accessRemovalWrites = (plan: RemovalPlan): readonly PlannedWrite[] => {
  const app = plan.enterpriseApp;
  if (app === null) return [];
  return plan.remove.map((item, index) => removalWrite(item, app.id, index));
};

/**
 * The write that disables or deletes the enterprise application, when the plan changes it: `PATCH
 * /servicePrincipals/{id}` with `accountEnabled` false (https://learn.microsoft.com/graph/api/serviceprincipal-update,
 * 204 No Content) or `DELETE /servicePrincipals/{id}` (https://learn.microsoft.com/graph/api/serviceprincipal-delete,
 * 204 No Content).
 */
export const enterpriseAppWrite = (plan: RemovalPlan): PlannedWrite | null => {
  const app = plan.enterpriseApp;
  if (app === null || plan.enterpriseAppChange === null) return null;
  const url = `/servicePrincipals/${encodeURIComponent(app.id)}`;
  return plan.enterpriseAppChange === 'disable'
    ? {
        item: { id: 'sp-disable', method: 'PATCH', url, body: { accountEnabled: false } },
        intent: { kind: 'disable-enterprise-app', app },
      }
    : { item: { id: 'sp-delete', method: 'DELETE', url }, intent: { kind: 'delete-enterprise-app', app } };
};

/** Whether the holdings still show what a settled removal of this run took away. */
const stillShown = (write: WriteRecord, holdings: TargetHoldings): boolean => {
  const intent = write.intent;
  switch (intent.kind) {
    case 'remove-access': {
      const id = heldAccessId(intent.item);
      return intent.item.kind === 'delegated-grant'
        ? holdings.grants.some((g) => g.id === id)
        : holdings.assignments.some((a) => a.id === id);
    }
    case 'delete-enterprise-app':
      return holdings.enterpriseApp?.id === intent.app.id;
    case 'disable-enterprise-app':
      return holdings.enterpriseApp?.id === intent.app.id && holdings.enterpriseApp.accountEnabled;
    default:
      return false;
  }
};

/**
 * How many removals of this run that Graph answered (done, or gone already) the holdings still show: Entra ID's
 * replicas catch up with a removal a while after Graph answered it.
 */
export const removalsNotVisible = (writes: readonly WriteRecord[], holdings: TargetHoldings): number =>
  writes.filter((w) => (w.outcome === 'applied' || w.outcome === 'already-gone') && stillShown(w, holdings))
    .length;
