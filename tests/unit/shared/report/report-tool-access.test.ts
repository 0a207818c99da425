import { describe, expect, it } from 'vitest';
import { decideOwnAccess, type OwnFootprint } from '../../../../src/shared/onboarding/own-access';
import type { RunRecord } from '../../../../src/shared/onboarding/run-record';
import { buildReport } from '../../../../src/shared/report/build-report';
import { renderHtml } from '../../../../src/shared/report/render-html';
import { renderMarkdown } from '../../../../src/shared/report/render-markdown';
import {
  fixtureGrantId,
  fixtureId,
  graphErrorGuidance,
  type RunJournal,
  verifiedRun,
} from '../../../support/run-fixtures';
import { webCryptoSha256 } from './web-crypto';

const build = (record: RunRecord) =>
  buildReport(record, {
    toolVersion: '0.1.0',
    generatedAt: '2026-11-30T10:00:00.000Z',
    sha256Hex: webCryptoSha256,
  });

const TOOL_SP = fixtureId('sp/tool');
const SIGN_IN_APP = fixtureId('app/sign-in');
const footprint: OwnFootprint = {
  signInAppId: SIGN_IN_APP,
  enterpriseApp: { id: TOOL_SP, appId: SIGN_IN_APP, displayName: 'Pia Onboarding' },
  grants: [
    {
      id: fixtureGrantId('tool/tenant-wide'),
      clientId: TOOL_SP,
      resourceId: fixtureId('sp/graph'),
      consentType: 'AllPrincipals',
      principalId: null,
      scope: 'User.Read Application.ReadWrite.All',
    },
  ],
};

/** A verified run whose Finish removed the tool's grant and was refused the deletion of its enterprise application. */
const finishedWithRemovals = (): RunJournal => {
  const run = verifiedRun();
  const admin = run.record().account?.objectId ?? '';
  const options = { removeGrants: true, deleteEnterpriseApp: true };
  const { remove, keep } = decideOwnAccess(footprint, admin, options);
  return run
    .append({ type: 'own-access-read', decision: { options, skipped: null, footprint, remove, keep } })
    .append({
      type: 'own-access-removal-started',
      removalId: 'r1',
      removal: remove[0],
      request: { method: 'DELETE', url: `/oauth2PermissionGrants/${footprint.grants[0]?.id}`, body: null },
    })
    .append({
      type: 'own-access-removal-finished',
      removalId: 'r1',
      outcome: 'removed',
      httpStatus: 204,
      requestId: 'req-grant',
      guidance: null,
    })
    .append({
      type: 'own-access-removal-started',
      removalId: 'r2',
      removal: remove[1],
      request: { method: 'DELETE', url: `/servicePrincipals/${TOOL_SP}`, body: null },
    })
    .append({
      type: 'own-access-removal-finished',
      removalId: 'r2',
      outcome: 'failed',
      httpStatus: 403,
      requestId: 'req-app',
      guidance: graphErrorGuidance(403, 'Authorization_RequestDenied', 'Insufficient privileges.'),
    });
};

describe('the report of the tool’s own access', () => {
  it('is null before Finish, and every format says it is not recorded yet', async () => {
    const report = await build(verifiedRun().record());
    expect(report.toolAccess).toBeNull();
    expect(renderHtml(report)).toContain('Not recorded yet: Finish removes the tool’s own access');
    expect(renderMarkdown(report)).toContain('Not recorded yet: Finish removes the tool’s own access');
  });

  it('lists what was removed, what was refused and why, with request IDs, and keeps the run’s verdict', async () => {
    const before = await build(verifiedRun().record());
    const report = await build(finishedWithRemovals().record());
    expect(report.verdict).toEqual(before.verdict);
    expect(report.toolAccess).toMatchObject({
      signInAppId: SIGN_IN_APP,
      removeGrants: true,
      deleteEnterpriseApp: true,
      skipped: null,
      stopped: null,
    });
    expect(
      report.toolAccess?.items.map((i) => [i.kind, i.objectId, i.status, i.httpStatus, i.requestId]),
    ).toEqual([
      ['grant', footprint.grants[0]?.id, 'removed', 204, 'req-grant'],
      ['enterprise-app', TOOL_SP, 'failed', 403, 'req-app'],
    ]);
    expect(report.toolAccess?.items[0]?.scopes).toEqual(['User.Read', 'Application.ReadWrite.All']);
    expect(report.toolAccess?.items[1]?.guidance).toMatchObject({ code: 'Authorization_RequestDenied' });

    const html = renderHtml(report);
    expect(html).toContain('<h2 id="tool-access">The tool’s own access</h2>');
    expect(html).toMatch(
      /<tr data-tool-access="removed">\s*<th scope="row">The tool’s delegated grant for all users: User\.Read, Application\.ReadWrite\.All/,
    );
    expect(html).toContain('<tr data-tool-access="failed">');
    expect(html).toContain('Not everything chosen was removed');
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| Removed (204) | `req-grant` |');
    expect(markdown).toContain('| Not removed (403): `Authorization_RequestDenied`');
  });

  it('says why the enterprise application stays, and that an unsent removal was not attempted', async () => {
    const run = verifiedRun();
    const admin = run.record().account?.objectId ?? '';
    const options = { removeGrants: true, deleteEnterpriseApp: true };
    const { remove, keep } = decideOwnAccess(footprint, admin, options);
    const report = await build(
      run
        .append({ type: 'own-access-read', decision: { options, skipped: null, footprint, remove, keep } })
        .append({
          type: 'own-access-stopped',
          guidance: graphErrorGuidance(503, 'serviceNotAvailable', 'Service unavailable.'),
        })
        .record(),
    );
    expect(report.toolAccess?.items.map((i) => [i.kind, i.status, i.reason])).toEqual([
      ['grant', 'not-attempted', 'Not sent: removing stopped before it.'],
      ['enterprise-app', 'not-attempted', 'Not sent: removing stopped before it.'],
    ]);
    expect(report.toolAccess?.stopped).toMatchObject({ code: 'serviceNotAvailable' });

    const kept = decideOwnAccess(footprint, admin, { removeGrants: true, deleteEnterpriseApp: false });
    const keptReport = await build(
      verifiedRun()
        .append({
          type: 'own-access-read',
          decision: {
            options: { removeGrants: true, deleteEnterpriseApp: false },
            skipped: null,
            footprint,
            remove: [],
            keep: kept.keep,
          },
        })
        .record(),
    );
    expect(keptReport.toolAccess?.items).toEqual([
      expect.objectContaining({
        kind: 'enterprise-app',
        status: 'kept',
        reason: expect.stringContaining('without grants it holds no access'),
      }),
    ]);
  });
});
