import { z } from 'zod';
import {
  type DelegatedGrantSnapshot,
  DelegatedGrantSnapshotSchema,
} from '../../shared/onboarding/tenant-snapshot';
import { runBatched, type SendBatch } from '../graph/batch';
import { SnapshotReadError } from './read-snapshot';

const GrantPageSchema = z.object({
  value: z.array(DelegatedGrantSnapshotSchema),
  '@odata.nextLink': z.string().optional(),
});

/**
 * Reads the tenant-wide (`AllPrincipals`) delegated grants a client service principal holds, in one `$batch` item
 * and the pages that follow it.
 * https://learn.microsoft.com/graph/api/oauth2permissiongrant-list (`$filter` on `clientId` and `consentType`)
 */
export const readTenantWideGrants = async (
  send: SendBatch,
  fetchPage: (nextLink: string) => Promise<unknown>,
  clientId: string,
  sleep: (ms: number) => Promise<void>,
): Promise<readonly DelegatedGrantSnapshot[]> => {
  const settled = await runBatched(
    send,
    [
      {
        id: 'grants',
        method: 'GET',
        url: `/oauth2PermissionGrants?$filter=clientId eq '${clientId.replaceAll("'", "''")}' and consentType eq 'AllPrincipals'`,
      },
    ],
    { sleep },
  );
  const response = settled.get('grants')?.response;
  if (response === undefined || response.status !== 200) {
    throw new SnapshotReadError('grants', response ?? { id: 'grants', status: 0 });
  }
  let page = GrantPageSchema.parse(response.body);
  const grants = [...page.value];
  while (page['@odata.nextLink'] !== undefined) {
    page = GrantPageSchema.parse(await fetchPage(page['@odata.nextLink']));
    grants.push(...page.value);
  }
  return grants;
};
