import { z } from 'zod';
import {
  AppRoleAssignmentSnapshotSchema,
  DelegatedGrantSnapshotSchema,
  ServicePrincipalSnapshotSchema,
  type TenantSnapshot,
} from '../../shared/onboarding/tenant-snapshot';
import { type BatchItem, type BatchItemResponse, runBatched, type SendBatch } from '../graph/batch';

const SP_FIELDS = 'id,appId,displayName,accountEnabled,appRoles,oauth2PermissionScopes';

const odataString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

const CollectionSchema = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });

/** A Graph read inside a batch failed: the snapshot cannot be trusted. */
export class SnapshotReadError extends Error {
  override readonly name = 'SnapshotReadError';
  constructor(
    readonly itemId: string,
    readonly response: BatchItemResponse,
  ) {
    super(`Reading ${itemId} from Microsoft Graph failed with status ${response.status}.`);
  }
}

const body = <T extends z.ZodType>(
  settled: ReadonlyMap<string, { response: BatchItemResponse }>,
  id: string,
  schema: T,
): z.infer<T> => {
  const response = settled.get(id)?.response;
  if (response === undefined || response.status !== 200) {
    throw new SnapshotReadError(id, response ?? { id, status: 0 });
  }
  return schema.parse(response.body);
};

/** Follows `@odata.nextLink` pages of a collection whose first page came in a batch. */
export type FetchPage = (nextLink: string) => Promise<unknown>;

const allPages = async <T extends z.ZodType>(
  first: { value: z.infer<T>[]; '@odata.nextLink'?: string | undefined },
  schema: T,
  fetchPage: FetchPage,
): Promise<z.infer<T>[]> => {
  const items = [...first.value];
  let next = first['@odata.nextLink'];
  while (next !== undefined) {
    const page = CollectionSchema(schema).parse(await fetchPage(next));
    items.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return items;
};

/**
 * Reads what the tenant holds for the target app, in two `$batch` requests at most (one when the target app has
 * no service principal yet): the service principals of the target and of every resource, then the target's
 * delegated grants and app role assignments.
 */
export const readTenantSnapshot = async (
  send: SendBatch,
  fetchPage: FetchPage,
  targetAppId: string,
  resourceAppIds: readonly string[],
  sleep: (ms: number) => Promise<void>,
): Promise<TenantSnapshot> => {
  const servicePrincipals: BatchItem[] = [targetAppId, ...resourceAppIds].map((appId, index) => ({
    id: `sp${index}`,
    method: 'GET',
    url: `/servicePrincipals?$filter=appId eq ${odataString(appId)}&$select=${SP_FIELDS}`,
  }));
  const first = await runBatched(send, servicePrincipals, { sleep });
  const SpList = CollectionSchema(ServicePrincipalSnapshotSchema);
  const [client = null] = body(first, 'sp0', SpList).value;
  const resources: Record<string, z.infer<typeof ServicePrincipalSnapshotSchema> | null> = {};
  resourceAppIds.forEach((appId, index) => {
    resources[appId] = body(first, `sp${index + 1}`, SpList).value[0] ?? null;
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
    body(second, 'grants', CollectionSchema(DelegatedGrantSnapshotSchema)),
    DelegatedGrantSnapshotSchema,
    fetchPage,
  );
  const assignments = await allPages(
    body(second, 'assignments', CollectionSchema(AppRoleAssignmentSnapshotSchema)),
    AppRoleAssignmentSnapshotSchema,
    fetchPage,
  );
  return { targetAppId, client, resources, grants, assignments };
};
