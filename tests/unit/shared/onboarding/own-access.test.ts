import { describe, expect, it } from 'vitest';
import {
  decideOwnAccess,
  describeRemoval,
  type OwnFootprint,
} from '../../../../src/shared/onboarding/own-access';
import { graphErrorGuidance, verifiedRun } from '../../../support/run-fixtures';

const ADMIN = 'a0000000-0000-4000-8000-000000000001';
const OTHER = 'b0000000-0000-4000-8000-000000000002';
const TOOL_SP = 'c0000000-0000-4000-8000-000000000003';
const GRAPH_SP = 'd0000000-0000-4000-8000-000000000004';

const grant = (id: string, consentType: 'AllPrincipals' | 'Principal', principalId: string | null) => ({
  id,
  clientId: TOOL_SP,
  resourceId: GRAPH_SP,
  consentType,
  principalId,
  scope: 'User.Read Application.ReadWrite.All',
});

const footprint: OwnFootprint = {
  signInAppId: 'e0000000-0000-4000-8000-000000000005',
  enterpriseApp: {
    id: TOOL_SP,
    appId: 'e0000000-0000-4000-8000-000000000005',
    displayName: 'Pia Onboarding',
  },
  grants: [
    grant('tenant-wide', 'AllPrincipals', null),
    // Graph may spell an object ID in upper case; the administrator's own grant is still theirs.
    grant('mine', 'Principal', ADMIN.toUpperCase()),
    grant('theirs', 'Principal', OTHER),
  ],
};

describe('decideOwnAccess', () => {
  it('removes the tenant-wide grant and the administrator’s own, keeps another user’s and the enterprise application', () => {
    const { remove, keep } = decideOwnAccess(footprint, ADMIN, {
      removeGrants: true,
      deleteEnterpriseApp: false,
    });
    expect(remove.map((r) => (r.kind === 'grant' ? r.grantId : r.kind))).toEqual(['tenant-wide', 'mine']);
    expect(keep.map((k) => [k.item.kind === 'grant' ? k.item.grantId : k.item.kind, k.reason])).toEqual([
      ['theirs', 'another-user'],
      ['enterprise-app', 'enterprise-app-not-chosen'],
    ]);
  });

  it('deletes the enterprise application last when chosen', () => {
    const { remove } = decideOwnAccess(footprint, ADMIN, { removeGrants: true, deleteEnterpriseApp: true });
    expect(remove.map((r) => r.kind)).toEqual(['grant', 'grant', 'enterprise-app']);
  });

  it('removes nothing when turned off, and keeps the enterprise application even if its deletion was ticked', () => {
    const { remove, keep } = decideOwnAccess(footprint, ADMIN, {
      removeGrants: false,
      deleteEnterpriseApp: true,
    });
    expect(remove).toEqual([]);
    expect(keep.map((k) => k.reason)).toEqual(['turned-off', 'turned-off', 'another-user', 'turned-off']);
  });

  it('has nothing to decide where the tool has no enterprise application', () => {
    expect(
      decideOwnAccess({ ...footprint, enterpriseApp: null, grants: [] }, ADMIN, {
        removeGrants: true,
        deleteEnterpriseApp: true,
      }),
    ).toEqual({ remove: [], keep: [] });
  });

  it('describes each removal with its scopes and whom it is for', () => {
    const [tenantWide, mine, app] = decideOwnAccess(footprint, ADMIN, {
      removeGrants: true,
      deleteEnterpriseApp: true,
    }).remove;
    expect(tenantWide && describeRemoval(tenantWide)).toBe(
      'The tool’s delegated grant for all users: User.Read, Application.ReadWrite.All',
    );
    expect(mine && describeRemoval(mine)).toContain(`for one user (${ADMIN.toUpperCase()})`);
    expect(app && describeRemoval(app)).toBe('The tool’s enterprise application (Pia Onboarding)');
  });
});

describe('the record of Finish’s removals', () => {
  const { remove, keep } = decideOwnAccess(footprint, ADMIN, {
    removeGrants: true,
    deleteEnterpriseApp: false,
  });
  const decision = {
    options: { removeGrants: true, deleteEnterpriseApp: false },
    skipped: null,
    footprint,
    remove,
    keep,
  };
  const started = (removalId: string, index: number) => ({
    type: 'own-access-removal-started' as const,
    removalId,
    removal: remove[index],
    request: { method: 'DELETE', url: `/oauth2PermissionGrants/${removalId}`, body: null },
  });

  it('shows each removal as started until its answer, and a removal whose answer never came stays unknown', () => {
    const record = verifiedRun()
      .append({ type: 'own-access-read', decision })
      .append(started('r1', 0))
      .append(started('r2', 1))
      .append({
        type: 'own-access-removal-finished',
        removalId: 'r1',
        outcome: 'removed',
        httpStatus: 204,
        requestId: 'req-1',
        guidance: null,
      })
      .record();
    expect(record.ownAccess?.removals.map((r) => [r.removalId, r.outcome, r.requestId])).toEqual([
      ['r1', 'removed', 'req-1'],
      ['r2', null, null],
    ]);
    expect(record.ownAccess?.stopped).toBeNull();
    expect(record.outcome).toBe('verified');
  });

  it('starts afresh at the next Finish, and records why it stopped', () => {
    const guidance = graphErrorGuidance(503, 'serviceNotAvailable', 'Service unavailable');
    const record = verifiedRun()
      .append({ type: 'own-access-read', decision })
      .append(started('r1', 0))
      .append({ type: 'own-access-read', decision })
      .append({ type: 'own-access-stopped', guidance })
      .record();
    expect(record.ownAccess?.removals).toEqual([]);
    expect(record.ownAccess?.stopped).toEqual(guidance);
  });
});
