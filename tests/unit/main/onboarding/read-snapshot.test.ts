import { describe, expect, it } from 'vitest';
import type { BatchItem, SendBatch } from '../../../../src/main/graph/batch';
import { readTenantSnapshot, SnapshotReadError } from '../../../../src/main/onboarding/read-snapshot';
import { GRAPH, graphSp, TARGET, targetSp } from '../../shared/onboarding/fixtures';

const sleep = async () => undefined;

/** A fake Graph answering the snapshot reads from fixed data, recording every $batch. */
const fakeGraph = (opts: { target: boolean; extraAssignmentPage?: boolean }) => {
  const batches: BatchItem[][] = [];
  const send: SendBatch = async (items) => {
    batches.push([...items]);
    return {
      requestId: `req-${batches.length}`,
      responses: items.map((item) => {
        if (item.url.includes(`appId eq '${TARGET}'`)) {
          return { id: item.id, status: 200, body: { value: opts.target ? [targetSp()] : [] } };
        }
        if (item.url.includes(`appId eq '${GRAPH}'`))
          return { id: item.id, status: 200, body: { value: [graphSp] } };
        if (item.url.endsWith('/oauth2PermissionGrants')) {
          return {
            id: item.id,
            status: 200,
            body: {
              value: [
                {
                  id: 'g1',
                  clientId: 'sp-target',
                  resourceId: 'sp-graph',
                  consentType: 'AllPrincipals',
                  principalId: null,
                  scope: 'User.Read',
                },
              ],
            },
          };
        }
        if (item.url.endsWith('/appRoleAssignments')) {
          return {
            id: item.id,
            status: 200,
            body: {
              value: [{ id: 'a1', appRoleId: 'r1', principalId: 'sp-target', resourceId: 'sp-graph' }],
              ...(opts.extraAssignmentPage ? { '@odata.nextLink': 'https://graph/next' } : {}),
            },
          };
        }
        return { id: item.id, status: 404, body: {} };
      }),
    };
  };
  return { batches, send };
};

describe('readTenantSnapshot', () => {
  it('reads a fresh tenant in one $batch', async () => {
    const graph = fakeGraph({ target: false });
    const snapshot = await readTenantSnapshot(graph.send, async () => ({}), TARGET, [GRAPH], sleep);
    expect(graph.batches).toHaveLength(1);
    expect(snapshot).toMatchObject({ client: null, resources: { [GRAPH]: { id: 'sp-graph' } }, grants: [] });
  });

  it('reads an onboarded tenant in two, following paged collections', async () => {
    const graph = fakeGraph({ target: true, extraAssignmentPage: true });
    const pages: string[] = [];
    const snapshot = await readTenantSnapshot(
      graph.send,
      async (link) => {
        pages.push(link);
        return { value: [{ id: 'a2', appRoleId: 'r2', principalId: 'sp-target', resourceId: 'sp-graph' }] };
      },
      TARGET,
      [GRAPH],
      sleep,
    );
    expect(graph.batches).toHaveLength(2);
    expect(pages).toEqual(['https://graph/next']);
    expect(snapshot.grants.map((g) => g.id)).toEqual(['g1']);
    expect(snapshot.assignments.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('escapes quotes in an appId filter', async () => {
    const graph = fakeGraph({ target: false });
    await readTenantSnapshot(graph.send, async () => ({}), "o'brien", [], sleep).catch(() => undefined);
    expect(graph.batches[0]?.[0]?.url).toContain("appId eq 'o''brien'");
  });

  it('fails with the status of a read Graph refused, rather than guessing', async () => {
    const send: SendBatch = async (items) => ({
      requestId: null,
      responses: items.map((i) => ({
        id: i.id,
        status: 403,
        body: { error: { code: 'Authorization_RequestDenied' } },
      })),
    });
    await expect(readTenantSnapshot(send, async () => ({}), TARGET, [GRAPH], sleep)).rejects.toBeInstanceOf(
      SnapshotReadError,
    );
  });
});
