import { z } from 'zod';
import type { TargetHoldings } from '../../shared/offboarding/removal-plan';
import { type BatchItem, runBatched, type SendBatch } from '../graph/batch';
import { itemRequestId, parseAnswer } from '../graph/unexpected-answer';
import type { PollPolicy } from '../onboarding/poll-until';
import { type FetchPage, readTenantSnapshot } from '../onboarding/read-snapshot';

// A resource's service principal, read by its ID for the names of what the target app holds on it. Graph v1.0's
// servicePrincipal has `appId`, `displayName` and `appRoles` (graph-v1-shapes.json); any may be null but `appRoles`.
const WireResourceSchema = z.looseObject({
  id: z.string(),
  appId: z.string().nullish(),
  displayName: z.string().nullish(),
  appRoles: z.array(z.looseObject({ id: z.string(), value: z.string().nullish() })),
});

/**
 * Reads everything the target app holds in the tenant: its enterprise application (service principal), every
 * delegated grant whose client it is and every app role assignment it holds, on any resource
 * (`/servicePrincipals/{id}/oauth2PermissionGrants` and `/appRoleAssignments`, as the onboarding snapshot reads
 * them), then the service principal of each resource they name, by ID, for its name and app roles. A resource
 * that cannot be read (deleted since: 404) is named by its ID.
 */
export const readTargetHoldings = async (
  send: SendBatch,
  fetchPage: FetchPage,
  targetAppId: string,
  wait: PollPolicy,
): Promise<TargetHoldings> => {
  const snapshot = await readTenantSnapshot(send, fetchPage, targetAppId, [], wait);
  const client = snapshot.client;
  const resourceIds = [
    ...new Set([
      ...snapshot.grants.map((g) => g.resourceId),
      ...snapshot.assignments.map((a) => a.resourceId),
    ]),
  ];
  const items: BatchItem[] = resourceIds.map((id, index) => ({
    id: `r${index}`,
    method: 'GET',
    url: `/servicePrincipals/${encodeURIComponent(id)}?$select=id,appId,displayName,appRoles`,
  }));
  const settled = items.length === 0 ? new Map() : await runBatched(send, items, { sleep: wait.sleep });
  const resources = new Map<
    string,
    { appId: string | null; displayName: string | null; appRoles: { id: string; value: string | null }[] }
  >();
  resourceIds.forEach((id, index) => {
    const item = settled.get(`r${index}`);
    if (item === undefined || item.response.status !== 200) return;
    const sp = parseAnswer(
      WireResourceSchema,
      item.response.body,
      `r${index}`,
      itemRequestId(item.response.headers) ?? item.batchRequestId,
    );
    resources.set(id, {
      appId: sp.appId ?? null,
      displayName: sp.displayName ?? null,
      appRoles: sp.appRoles.map((role) => ({ id: role.id, value: role.value ?? null })),
    });
  });
  return {
    targetAppId,
    enterpriseApp:
      client === null
        ? null
        : {
            id: client.id,
            appId: client.appId,
            displayName: client.displayName,
            accountEnabled: client.accountEnabled,
          },
    grants: snapshot.grants,
    assignments: snapshot.assignments,
    resources,
  };
};
