import { z } from 'zod';
import type {
  AppRoleAssignmentSnapshot,
  DelegatedGrantSnapshot,
  ServicePrincipalSnapshot,
  TenantSnapshot,
} from '../../shared/onboarding/tenant-snapshot';
import {
  type BatchItem,
  type BatchItemResponse,
  runBatched,
  type SendBatch,
  type SettledItem,
} from '../graph/batch';
import { itemRequestId, parseAnswer } from '../graph/unexpected-answer';
import { type PollPolicy, pollUntil } from './poll-until';

const SP_FIELDS = 'id,appId,displayName,accountEnabled,appRoles,oauth2PermissionScopes';

const odataString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

// The answers as Microsoft Graph v1.0 may send them. In Microsoft's metadata (schemas/v1.0-Prod.csdl of
// microsoftgraph/msgraph-metadata) a property may be null unless it is declared Nullable="false": of what is read
// here, only `id`, `appRoles`, `oauth2PermissionScopes`, an app role's and a scope's `id` and `isEnabled`, an app
// role's `allowedMemberTypes`, a grant's `clientId` and `resourceId`, and an assignment's `appRoleId` are. The
// answers are then brought to the snapshot's shape below.

const WireScopeSchema = z.looseObject({
  id: z.string(),
  value: z.string().nullish(),
  isEnabled: z.boolean(),
  type: z.string().nullish(),
});

const WireAppRoleSchema = z.looseObject({
  id: z.string(),
  value: z.string().nullish(),
  isEnabled: z.boolean(),
  allowedMemberTypes: z.array(z.string()),
});

const WireServicePrincipalSchema = z.looseObject({
  id: z.string(),
  appId: z.string().nullish(),
  displayName: z.string().nullish(),
  accountEnabled: z.boolean().nullish(),
  appRoles: z.array(WireAppRoleSchema),
  oauth2PermissionScopes: z.array(WireScopeSchema),
});

const WireGrantSchema = z.looseObject({
  id: z.string(),
  clientId: z.string(),
  resourceId: z.string(),
  consentType: z.string().nullish(),
  principalId: z.string().nullish(),
  scope: z.string().nullish(),
});

const WireAssignmentSchema = z.looseObject({
  id: z.string(),
  appRoleId: z.string(),
  principalId: z.string().nullish(),
  resourceId: z.string().nullish(),
  createdDateTime: z.string().nullish(),
});

const CollectionSchema = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), '@odata.nextLink': z.string().nullish() });

/** A service principal as the snapshot holds it; `appId` is the one the read asked for when Graph sends none. */
const toServicePrincipal = (
  sp: z.infer<typeof WireServicePrincipalSchema>,
  appId: string,
): ServicePrincipalSnapshot => ({
  id: sp.id,
  appId: sp.appId ?? appId,
  displayName: sp.displayName ?? null,
  // Entra disables a service principal only by setting `accountEnabled` to false.
  accountEnabled: sp.accountEnabled !== false,
  appRoles: sp.appRoles.map((role) => ({
    id: role.id,
    value: role.value ?? null,
    isEnabled: role.isEnabled,
    allowedMemberTypes: role.allowedMemberTypes,
  })),
  // A scope without a value cannot be asked for by name; one without a type is treated as needing an administrator.
  oauth2PermissionScopes: sp.oauth2PermissionScopes.flatMap((scope) =>
    scope.value === null || scope.value === undefined
      ? []
      : [{ id: scope.id, value: scope.value, isEnabled: scope.isEnabled, type: scope.type ?? 'Admin' }],
  ),
});

/** Grants of a known consent type; a missing scope string holds no scopes. */
const toGrants = (grants: readonly z.infer<typeof WireGrantSchema>[]): DelegatedGrantSnapshot[] =>
  grants.flatMap((g) =>
    g.consentType === 'AllPrincipals' || g.consentType === 'Principal'
      ? [
          {
            id: g.id,
            clientId: g.clientId,
            resourceId: g.resourceId,
            consentType: g.consentType,
            principalId: g.principalId ?? null,
            scope: g.scope ?? '',
          },
        ]
      : [],
  );

/** Assignments read from the client's `appRoleAssignments`: the client is their principal. */
const toAssignments = (
  assignments: readonly z.infer<typeof WireAssignmentSchema>[],
  clientId: string,
): AppRoleAssignmentSnapshot[] =>
  assignments.flatMap((a) =>
    a.resourceId === null || a.resourceId === undefined
      ? []
      : [
          {
            id: a.id,
            appRoleId: a.appRoleId,
            principalId: a.principalId ?? clientId,
            resourceId: a.resourceId,
            createdDateTime: a.createdDateTime ?? null,
          },
        ],
  );

/** A Graph read inside a batch failed: the snapshot cannot be trusted. */
export class SnapshotReadError extends Error {
  override readonly name = 'SnapshotReadError';
  constructor(
    readonly itemId: string,
    readonly response: BatchItemResponse,
    /**
     * The read followed another that saw the object it names, and Graph answered 404: the replica that served it
     * has not caught up yet, which reading again a moment later can cure.
     */
    readonly notVisibleYet = false,
  ) {
    super(`Reading ${itemId} from Microsoft Graph failed with status ${response.status}.`);
  }
}

const body = <T extends z.ZodType>(
  settled: ReadonlyMap<string, SettledItem>,
  id: string,
  schema: T,
  followsEarlierRead: boolean,
): z.infer<T> => {
  const item = settled.get(id);
  const response = item?.response;
  if (response === undefined || response.status !== 200) {
    throw new SnapshotReadError(
      id,
      response ?? { id, status: 0 },
      followsEarlierRead && response?.status === 404,
    );
  }
  return parseAnswer(
    schema,
    response.body,
    id,
    itemRequestId(response.headers) ?? item?.batchRequestId ?? null,
  );
};

/** Follows `@odata.nextLink` pages of a collection whose first page came in a batch. */
export type FetchPage = (nextLink: string) => Promise<unknown>;

const allPages = async <T extends z.ZodType>(
  first: { value: z.infer<T>[]; '@odata.nextLink'?: string | null | undefined },
  schema: T,
  fetchPage: FetchPage,
): Promise<z.infer<T>[]> => {
  const items = [...first.value];
  let next = first['@odata.nextLink'];
  while (next !== undefined && next !== null) {
    const link = next;
    const answer = await fetchPage(link).catch((error: unknown) => {
      // A page of a collection the first page came from: a 404 is a replica that has not caught up yet.
      const status = (error as { statusCode?: unknown } | null)?.statusCode;
      if (status === 404) throw new SnapshotReadError(link, { id: link, status: 404 }, true);
      throw error;
    });
    const page = parseAnswer(CollectionSchema(schema), answer, link, null);
    items.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return items;
};

const readOnce = async (
  send: SendBatch,
  fetchPage: FetchPage,
  targetAppId: string,
  resourceAppIds: readonly string[],
  sleep: (ms: number) => Promise<void>,
): Promise<TenantSnapshot> => {
  const appIds = [targetAppId, ...resourceAppIds];
  const servicePrincipals: BatchItem[] = appIds.map((appId, index) => ({
    id: `sp${index}`,
    method: 'GET',
    url: `/servicePrincipals?$filter=appId eq ${odataString(appId)}&$select=${SP_FIELDS}`,
  }));
  const first = await runBatched(send, servicePrincipals, { sleep });
  const SpList = CollectionSchema(WireServicePrincipalSchema);
  const found = appIds.map((appId, index) => {
    const sp = body(first, `sp${index}`, SpList, false).value[0];
    return sp === undefined ? null : toServicePrincipal(sp, appId);
  });
  const client = found[0] ?? null;
  const resources: Record<string, ServicePrincipalSnapshot | null> = {};
  resourceAppIds.forEach((appId, index) => {
    resources[appId] = found[index + 1] ?? null;
  });
  if (client === null) return { targetAppId, client, resources, grants: [], assignments: [] };

  const second = await runBatched(
    send,
    [
      { id: 'grants', method: 'GET', url: `/servicePrincipals/${client.id}/oauth2PermissionGrants` },
      { id: 'assignments', method: 'GET', url: `/servicePrincipals/${client.id}/appRoleAssignments` },
    ],
    { sleep },
  );
  const grants = await allPages(
    body(second, 'grants', CollectionSchema(WireGrantSchema), true),
    WireGrantSchema,
    fetchPage,
  );
  const assignments = await allPages(
    body(second, 'assignments', CollectionSchema(WireAssignmentSchema), true),
    WireAssignmentSchema,
    fetchPage,
  );
  return {
    targetAppId,
    client,
    resources,
    grants: toGrants(grants),
    assignments: toAssignments(assignments, client.id),
  };
};

/**
 * Reads what the tenant holds for the target app, in two `$batch` requests at most (one when the target app has
 * no service principal yet): the service principals of the target and of every resource, then the target's
 * delegated grants and app role assignments.
 *
 * Entra ID is eventually consistent across replicas, and two reads need not reach the same one: the second batch
 * can answer 404 for the service principal the first just found. That is "not there yet", not a failure: the whole
 * snapshot is read again, with a growing pause, until the replication deadline.
 * https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
 * https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
 */
export const readTenantSnapshot = async (
  send: SendBatch,
  fetchPage: FetchPage,
  targetAppId: string,
  resourceAppIds: readonly string[],
  wait: PollPolicy,
): Promise<TenantSnapshot> => {
  const { value } = await pollUntil({
    ...wait,
    check: async () => {
      try {
        return { snapshot: await readOnce(send, fetchPage, targetAppId, resourceAppIds, wait.sleep) };
      } catch (error) {
        if (error instanceof SnapshotReadError && error.notVisibleYet) return { notYet: error };
        throw error;
      }
    },
    done: (read) => 'snapshot' in read,
  });
  if ('notYet' in value) throw value.notYet;
  return value.snapshot;
};
