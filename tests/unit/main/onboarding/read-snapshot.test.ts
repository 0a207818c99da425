import { describe, expect, it } from 'vitest';
import type { BatchItem, SendBatch } from '../../../../src/main/graph/batch';
import { UnexpectedAnswerError } from '../../../../src/main/graph/unexpected-answer';
import type { PollPolicy } from '../../../../src/main/onboarding/poll-until';
import { readTenantSnapshot, SnapshotReadError } from '../../../../src/main/onboarding/read-snapshot';
import { GRAPH, graphSp, TARGET, targetSp } from '../../shared/onboarding/fixtures';

/** A clock that moves only when the read sleeps. */
const waitFor = (deadlineMs = 10_000): PollPolicy & { slept: number[] } => {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    deadlineMs,
    firstPollIntervalMs: 200,
    maxPollIntervalMs: 1_000,
  };
};
const sleep = waitFor();

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

describe('readTenantSnapshot across replicas', () => {
  /** Graph whose second batch answers 404 for the client's grants `misses` times, as a lagging replica does. */
  const laggingGraph = (misses: number) => {
    const graph = fakeGraph({ target: true });
    let left = misses;
    const send: SendBatch = async (items) => {
      const sent = await graph.send(items);
      if (left === 0 || !items.some((i) => i.id === 'grants')) return sent;
      left -= 1;
      return {
        ...sent,
        responses: sent.responses.map((r) =>
          r.id === 'grants'
            ? { id: r.id, status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'x' } } }
            : r,
        ),
      };
    };
    return { batches: graph.batches, send };
  };

  it('reads again when the grants of a service principal just found are not there yet', async () => {
    const graph = laggingGraph(2);
    const wait = waitFor();
    const snapshot = await readTenantSnapshot(graph.send, async () => ({}), TARGET, [GRAPH], wait);
    expect(snapshot.grants.map((g) => g.id)).toEqual(['g1']);
    expect(graph.batches).toHaveLength(6);
    expect(wait.slept).toEqual([200, 400]);
  });

  it('gives up with the 404 once the replication deadline has passed', async () => {
    const graph = laggingGraph(100);
    const error = await readTenantSnapshot(
      graph.send,
      async () => ({}),
      TARGET,
      [GRAPH],
      waitFor(3_000),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotReadError);
    expect((error as SnapshotReadError).response.status).toBe(404);
  });

  it('does not read again when a first read is refused', async () => {
    let batches = 0;
    const send: SendBatch = async (items) => {
      batches += 1;
      return { requestId: null, responses: items.map((i) => ({ id: i.id, status: 404, body: {} })) };
    };
    await expect(
      readTenantSnapshot(send, async () => ({}), TARGET, [GRAPH], waitFor()),
    ).rejects.toBeInstanceOf(SnapshotReadError);
    expect(batches).toBe(1);
  });
});

describe('readTenantSnapshot and the shapes Microsoft allows', () => {
  it('accepts the nulls Microsoft’s metadata allows', async () => {
    const send: SendBatch = async (items) => ({
      requestId: 'batch-1',
      responses: items.map((item) => {
        if (item.url.includes(`appId eq '${TARGET}'`))
          return {
            id: item.id,
            status: 200,
            body: { value: [{ ...targetSp(), appId: null, displayName: null, accountEnabled: null }] },
          };
        if (item.url.includes(`appId eq '${GRAPH}'`)) {
          const scopes = graphSp.oauth2PermissionScopes.map((s, i) => (i === 0 ? { ...s, type: null } : s));
          return {
            id: item.id,
            status: 200,
            body: { value: [{ ...graphSp, oauth2PermissionScopes: scopes }] },
          };
        }
        if (item.url.endsWith('/oauth2PermissionGrants'))
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
                  scope: null,
                },
              ],
            },
          };
        return {
          id: item.id,
          status: 200,
          body: { value: [{ id: 'a1', appRoleId: 'r1', principalId: null, resourceId: 'sp-graph' }] },
        };
      }),
    });
    const snapshot = await readTenantSnapshot(send, async () => ({}), TARGET, [GRAPH], waitFor());
    expect(snapshot.client).toMatchObject({ appId: TARGET, displayName: null, accountEnabled: true });
    expect(snapshot.resources[GRAPH]?.oauth2PermissionScopes[0]?.type).toBe('Admin');
    expect(snapshot.grants).toEqual([expect.objectContaining({ id: 'g1', scope: '' })]);
    expect(snapshot.assignments).toEqual([expect.objectContaining({ id: 'a1', principalId: 'sp-target' })]);
  });

  it('names the request of an answer it cannot read', async () => {
    const send: SendBatch = async (items) => ({
      requestId: 'batch-1',
      responses: items.map((item) => ({
        id: item.id,
        status: 200,
        headers: { 'request-id': `req-${item.id}` },
        body: { value: [{ ...graphSp, id: null }] },
      })),
    });
    const error = await readTenantSnapshot(send, async () => ({}), TARGET, [GRAPH], waitFor()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect((error as UnexpectedAnswerError).requestId).toBe('req-sp0');
  });
});
