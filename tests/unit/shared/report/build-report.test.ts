import { describe, expect, it } from 'vitest';
import { sha256Hex as nodeSha256 } from '../../../../src/main/report/sha256-hex';
import type { Plan } from '../../../../src/shared/onboarding/plan';
import type { RunRecord } from '../../../../src/shared/onboarding/run-record';
import type { VerificationRow } from '../../../../src/shared/onboarding/verification';
import { buildReport, reportContent } from '../../../../src/shared/report/build-report';
import { checkReportDigest, digestInput } from '../../../../src/shared/report/report-digest';
import { ReportSchema } from '../../../../src/shared/report/report-schema';
import {
  blockedRun,
  CONTOSO,
  failedRun,
  GRANTABLE_PROFILE,
  graphErrorGuidance,
  incompleteRun,
  interruptedRun,
  missingRun,
  permissionCount,
  startRun,
  verifiedRun,
} from '../../../support/run-fixtures';
import { webCryptoSha256 } from './web-crypto';

const options = { toolVersion: '0.2.0', generatedAt: '2026-11-30T10:00:00.000Z', sha256Hex: webCryptoSha256 };
const report = (record: RunRecord, extra: { live?: boolean } = {}) =>
  buildReport(record, { ...options, ...extra });

describe('buildReport of a verified run', () => {
  it('says Complete and takes every row, ID and evidence from the verification', async () => {
    const record = verifiedRun().record();
    const r = await report(record);
    expect(r.verdict).toMatchObject({ kind: 'complete', text: 'Complete' });
    expect(r.counts).toEqual({
      granted: 40,
      missing: 0,
      'not-offered': 0,
      'user-consent-only': 0,
      'app-disabled': 0,
      total: 40,
    });
    expect(permissionCount(GRANTABLE_PROFILE)).toBe(40);
    const rows = record.verification?.rows ?? [];
    expect(r.permissions.map((p) => [p.type, p.name, p.id, p.status, p.evidence.objectId])).toEqual(
      rows.map((p) => [p.type, p.name, p.id, p.status, p.evidence.objectId]),
    );
    expect(r.verification).toEqual({ at: record.verification?.at, attempt: 1 });
  });

  it('names the tenant, cloud, app, technician, ticket, administrator and run', async () => {
    const record = verifiedRun().record();
    const r = await report(record);
    expect(r.schemaVersion).toBe(4);
    expect(r.tenant).toEqual({
      id: CONTOSO.tenantId,
      displayName: 'Contoso',
      enteredAs: 'contoso.com',
      defaultDomain: 'contoso.com',
      domains: [
        { name: 'contoso.com', isDefault: true, isInitial: false },
        { name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true },
      ],
    });
    expect(r.cloud).toMatchObject({ id: 'global', displayName: 'Global' });
    expect(r.targetApp).toEqual({
      appId: GRANTABLE_PROFILE.targetApp.appId,
      displayName: 'Pia',
      profileName: 'Pia (grantable)',
    });
    expect([r.technician, r.ticket]).toEqual(['Jordan Reyes', 'T-20931']);
    expect(r.admin).toMatchObject({
      userPrincipalName: 'admin@contoso.com',
      roles: [{ displayName: 'Global Administrator', state: 'active' }],
    });
    expect(r.run).toMatchObject({
      id: record.runId,
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      outcome: 'verified',
      kind: 'onboarding',
      strategy: 'direct-grant',
      stoppedAt: null,
    });
    expect(r.removal).toBeNull();
    expect(r.run.durationSeconds).toBe(
      (Date.parse(record.endedAt ?? '') - Date.parse(record.startedAt)) / 1000,
    );
    expect([r.toolVersion, r.run.toolVersion, r.generatedAt]).toEqual([
      '0.2.0',
      '0.1.0',
      options.generatedAt,
    ]);
  });

  it('lists every write with its time, outcome, Graph request ID and object', async () => {
    const record = verifiedRun().record();
    const r = await report(record);
    expect(r.changes).toHaveLength(record.writes.length);
    expect(
      r.changes.map((c) => [c.id, c.startedAt, c.finishedAt, c.outcome, c.requestId, c.objectId]),
    ).toEqual(
      record.writes.map((w) => [w.writeId, w.startedAt, w.finishedAt, w.outcome, w.requestId, w.objectId]),
    );
    expect(r.changes[0]).toMatchObject({
      kind: 'create-service-principal',
      method: 'POST',
      url: '/servicePrincipals',
    });
    const grant = r.changes.find((c) => c.kind === 'create-grant');
    expect(grant?.permissions).toHaveLength(19);
    // The sentence the Grant consent step's table shows for the same write.
    expect(grant?.summary).toBe(
      'Grant 19 delegated permissions of Microsoft Graph for all users (a new tenant-wide grant)',
    );
    expect(r.changes[0]?.summary).toBe('Add the enterprise application of Pia to the tenant');
    expect(r.changes.filter((c) => c.kind === 'assign-app-role')).toHaveLength(21);
    expect(r.warnings).toEqual([]);
  });

  it('carries a SHA-256 digest of the canonical JSON without the digest, the same from WebCrypto and Node', async () => {
    const r = await report(verifiedRun().record());
    expect(r.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await nodeSha256(digestInput(r))).toBe(r.digest);
    expect(await checkReportDigest(r, webCryptoSha256)).toEqual({
      valid: true,
      expected: r.digest,
      found: r.digest,
    });
    expect(ReportSchema.parse(r)).toEqual(r);
  });

  it('gives the same report for the same record and moment, and another digest at another moment', async () => {
    const record = verifiedRun().record();
    const a = await report(record);
    expect((await report(record)).digest).toBe(a.digest);
    const later = await buildReport(record, { ...options, generatedAt: '2026-11-30T10:00:01.000Z' });
    expect(later.digest).not.toBe(a.digest);
  });
});

describe('buildReport of the built-in profile, whose delegated Device.ReadWrite.All nobody can grant', () => {
  const reason =
    'Microsoft Graph publishes Device.ReadWrite.All only as an application permission, not as a delegated one.';

  it('says Complete with the entry nobody can grant named, and why', async () => {
    const r = await report(incompleteRun().record());
    expect(r.run.outcome).toBe('verified');
    expect(r.verdict).toEqual({
      kind: 'complete-with-not-grantable',
      text: 'Complete (1 entry nobody can grant)',
      detail: `All 39 requested permissions that can be granted are granted, verified 2026-11-30 09:17:17 UTC. The profile also lists 1 entry nobody can grant: Device.ReadWrite.All (delegated): ${reason}`,
      notGrantable: [
        { resourceName: 'Microsoft Graph', type: 'delegated', name: 'Device.ReadWrite.All', reason },
      ],
    });
  });

  it('takes the verdict from the verification before Finish, and only the run says it is still open', async () => {
    const journal = startRun().discover().signIn().readIdentity().guards().plan().confirm().write().verify();
    const r = await report(journal.record(), { live: true });
    expect(r.run.outcome).toBe('in-progress');
    expect(r.run.endedAt).toBeNull();
    expect(r.verdict.kind).toBe('complete-with-not-grantable');
    expect(r.verdict.detail).not.toMatch(/in progress|last step/i);
    const closed = await report(journal.record());
    expect(closed.verdict.kind).toBe('complete-with-not-grantable');
    expect(closed.verdict.detail).toMatch(
      /The run was not finished: its journal stops at .* without an end\.$/,
    );
  });

  it('stays Incomplete while something that can be granted is missing, and still names the entry', async () => {
    const record = missingRun().record();
    expect(record.verification?.counts).toMatchObject({ granted: 38, missing: 1, 'not-offered': 1 });
    const r = await report(record);
    expect(r.run.outcome).toBe('incomplete');
    expect(r.verdict.kind).toBe('incomplete');
    expect(r.verdict.text).toBe('Incomplete: 1 missing');
    expect(r.verdict.detail).toMatch(
      /^38 of the 39 requested permissions that can be granted are granted, verified .*; the warnings say why the others are not\. The profile also lists 1 entry nobody can grant: Device\.ReadWrite\.All \(delegated\)/,
    );
    expect(r.verdict.notGrantable.map((e) => e.name)).toEqual(['Device.ReadWrite.All']);
  });

  it('explains the permission Microsoft Graph does not offer', async () => {
    const r = await report(incompleteRun().record());
    const row = r.permissions.find((p) => p.status === 'not-offered');
    expect(row).toMatchObject({ name: 'Device.ReadWrite.All', type: 'delegated', id: null });
    expect(row?.evidence.note).toBe(
      'Microsoft Graph publishes Device.ReadWrite.All only as an application permission, not as a delegated one.',
    );
    // Not a warning: nothing in the tenant is wrong. The verdict names it instead.
    expect(r.warnings).toEqual([]);
    expect(r.verdict.notGrantable).toEqual([
      expect.objectContaining({ name: 'Device.ReadWrite.All', reason: row?.evidence.note }),
    ]);
    // Verification finished: nothing more can be granted in this tenant, only the profile can change.
    expect(r.run.stoppedAt).toBeNull();
  });

  it('says so when the resource publishes the name as the other type and the profile asks for that too', async () => {
    const journal = incompleteRun();
    const record = journal.record();
    const verification = record.verification;
    if (verification === null) throw new Error('verified');
    // Mail.Send is requested as delegated (offered) and here also claimed as a not-offered application permission.
    const rows: VerificationRow[] = [
      ...verification.rows,
      {
        ...verification.rows[0],
        name: 'Mail.Read',
        type: 'application',
        id: null,
        status: 'not-offered',
        evidence: {
          objectId: null,
          kind: 'none',
          createdDateTime: null,
          principalIds: [],
          note: 'not-published',
        },
      } as VerificationRow,
    ];
    const r = await report({ ...record, verification: { ...verification, rows } });
    expect(r.permissions.at(-1)?.evidence.note).toBe(
      'Microsoft Graph does not publish Mail.Read as an application permission, so it cannot be granted as one. It is published as a delegated permission, which is requested too.',
    );
  });

  it('explains a disabled permission', async () => {
    const record = incompleteRun().record();
    const verification = record.verification;
    if (verification === null) throw new Error('verified');
    const rows = verification.rows.map((row) =>
      row.status === 'not-offered' ? { ...row, evidence: { ...row.evidence, note: 'disabled' } } : row,
    );
    const r = await report({ ...record, verification: { ...verification, rows } });
    expect(r.permissions.find((p) => p.status === 'not-offered')?.evidence.note).toBe(
      'Microsoft Graph publishes Device.ReadWrite.All as a delegated permission but has disabled it, so Microsoft Entra will not grant it.',
    );
  });
});

describe('buildReport of a run that never verified', () => {
  it('blocked: still lists every permission of the profile, each missing and marked not verified', async () => {
    const record = blockedRun().record();
    const r = await report(record);
    expect(r.verdict).toEqual({
      kind: 'blocked',
      text: 'Blocked',
      detail:
        'helpdesk@contoso.com is neither a Global Administrator nor a Privileged Role Administrator (active roles: Helpdesk Administrator). Nothing was written.',
      notGrantable: [],
    });
    expect(r.verification).toBeNull();
    expect(r.permissions).toHaveLength(40);
    const profile = record.input.profile.permissions[0];
    expect(r.permissions.map((p) => p.name)).toEqual([
      ...(profile?.delegated ?? []).map((p) => p.name),
      ...(profile?.application ?? []).map((p) => p.name),
    ]);
    for (const row of r.permissions) {
      expect(row).toMatchObject({ status: 'missing', id: null, evidence: { kind: 'none', objectId: null } });
      expect(row.evidence.note).toBe(
        'Not verified: the run stopped at the Confirm identity step (blocked) before the permissions were verified. Nothing in this report proves it granted.',
      );
    }
    expect(r.counts).toMatchObject({ granted: 0, missing: 40, total: 40 });
    expect(r.changes).toEqual([]);
    expect(r.warnings).toEqual([
      expect.objectContaining({ kind: 'failed-guard', title: 'The account lacks an administrator role' }),
    ]);
    expect(r.admin?.roles).toEqual([
      {
        displayName: 'Helpdesk Administrator',
        roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
        state: 'active',
      },
    ]);
  });

  it('failed: the refused write is a warning once, with Graph’s request ID; the plan gives IDs and not-offered rows', async () => {
    const record = failedRun().record();
    const r = await report(record);
    expect(r.verdict.kind).toBe('failed');
    expect(r.verdict.detail).toMatch(
      /^Not enough privileges in the client’s tenant \(at the Grant consent step\)\./,
    );
    const refused = r.changes.find((c) => c.kind === 'create-grant');
    expect(refused).toMatchObject({ outcome: 'failed', httpStatus: 403 });
    const failed = r.warnings.filter((w) => w.kind === 'failed-write');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      related: [refused?.id],
      whoCanFix: 'client-administrator',
      guidance: {
        code: 'Authorization_RequestDenied',
        httpStatus: 403,
        support: { requestId: refused?.requestId },
      },
    });
    // The same guidance was journaled as the grant step's problem: it is not repeated.
    expect(r.warnings.filter((w) => w.kind === 'problem')).toEqual([]);
    expect(r.permissions.find((p) => p.name === 'Device.ReadWrite.All')).toMatchObject({
      status: 'not-offered',
    });
    const directory = r.permissions.find(
      (p) => p.type === 'application' && p.name === 'Directory.ReadWrite.All',
    );
    expect(directory).toMatchObject({ id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', status: 'missing' });
    expect(r.counts).toMatchObject({ granted: 0, missing: 39, 'not-offered': 1 });
  });

  it('interrupted: no end, the unanswered write is unknown and a warning, the duration runs to the last entry', async () => {
    const record = interruptedRun().record();
    const r = await report(record);
    expect(r.run).toMatchObject({ outcome: 'interrupted', endedAt: null, lastEntryAt: record.lastEntryAt });
    expect(r.run.durationSeconds).toBe(
      (Date.parse(record.lastEntryAt) - Date.parse(record.startedAt)) / 1000,
    );
    expect(r.verdict.kind).toBe('interrupted');
    expect(r.verdict.detail).toContain(
      'One change had no answer and may or may not have reached the tenant.',
    );
    expect(r.changes.map((c) => c.outcome)).toEqual(['applied', 'applied', 'applied', 'unknown']);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        kind: 'unsettled-write',
        related: [r.changes[3]?.id],
        whoCanFix: 'technician',
      }),
    );
    expect(r.permissions[0]?.evidence.note).toMatch(
      /^Not verified: the run stopped at the Grant consent step \(interrupted\)/,
    );
  });

  it('in progress when this process still drives the run', async () => {
    const r = await report(interruptedRun().record(), { live: true });
    expect(r.verdict).toMatchObject({ kind: 'in-progress', text: 'In progress' });
    expect(r.permissions[0]?.evidence.note).toMatch(
      /^Not verified: the run is at the Grant consent step before/,
    );
  });
});

describe('buildReport warnings', () => {
  const plan: Plan = {
    createServicePrincipals: [],
    delegatedGrants: [],
    appRoleAssignments: [],
    pendingResources: [],
    notOffered: [],
    alreadyGranted: 40,
    warnings: [{ kind: 'target-disabled', servicePrincipalId: 'sp-target' }],
    toolFootprint: null,
  };

  it('warns once that the target app is disabled, naming the app-disabled rows', async () => {
    const journal = verifiedRun();
    const record = journal.record();
    const verification = record.verification;
    if (verification === null) throw new Error('verified');
    const rows = verification.rows.map((row, i) =>
      i < 2 ? { ...row, status: 'app-disabled' as const } : row,
    );
    const r = await report({ ...record, plan, verification: { ...verification, rows, complete: false } });
    const disabled = r.warnings.filter((w) => w.kind === 'target-disabled');
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toMatchObject({
      title: 'Pia is disabled in this tenant',
      whoCanFix: 'client-administrator',
    });
    expect(disabled[0]?.related).toEqual(rows.slice(0, 2).map((row) => `${row.type}:${row.name}`));
    expect(r.verdict.text).toBe('Incomplete: 2 app disabled');
  });

  it('groups permissions held only by users’ own consent', async () => {
    const record = verifiedRun().record();
    const verification = record.verification;
    if (verification === null) throw new Error('verified');
    const rows = verification.rows.map((row) =>
      row.name === 'Mail.Read' || row.name === 'Mail.Send'
        ? {
            ...row,
            status: 'user-consent-only' as const,
            evidence: { ...row.evidence, principalIds: ['u-1'] },
          }
        : row,
    );
    const r = await report({ ...record, verification: { ...verification, rows } });
    expect(r.warnings).toEqual([
      expect.objectContaining({
        kind: 'user-consent-only',
        related: ['delegated:Mail.Read', 'delegated:Mail.Send'],
      }),
    ]);
    expect(r.warnings[0]?.message).toMatch(/^Mail\.Read, Mail\.Send: held only through users’ own consent/);
    expect(r.counts['user-consent-only']).toBe(2);
  });

  it('shows Microsoft’s admin-consent page as a change and its error as a warning', async () => {
    const record = startRun({ strategy: 'admin-consent-page' })
      .discover()
      .signIn()
      .readIdentity()
      .guards()
      .plan()
      .confirm()
      .append({
        type: 'admin-consent-opened',
        url: 'https://login.microsoftonline.com/contoso.com/v2.0/adminconsent',
      })
      .append({
        type: 'admin-consent-returned',
        adminConsent: false,
        error: 'access_denied',
        errorDescription: 'AADSTS65004: User declined to consent to access the app.',
      })
      .end('failed')
      .record();
    const r = await report(record);
    expect(r.changes).toEqual([
      expect.objectContaining({
        id: 'admin-consent',
        kind: 'admin-consent',
        outcome: 'failed',
        method: null,
      }),
    ]);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        kind: 'admin-consent',
        message:
          'Microsoft’s admin-consent page answered access_denied: AADSTS65004: User declined to consent to access the app.',
      }),
    );
    expect(r.run.strategy).toBe('admin-consent-page');
  });

  it('keeps each problem with its guidance and support IDs, on the checklist step it belongs to', async () => {
    const throttled = graphErrorGuidance(429, 'TooManyRequests', 'Too many requests.', 'req-429');
    const record = startRun()
      .discover()
      .signIn()
      .readIdentity()
      .guards()
      .problem('discover', throttled)
      .record();
    const r = await report(record);
    expect(r.warnings).toEqual([
      expect.objectContaining({
        kind: 'problem',
        step: 'preflight',
        at: record.problems[0]?.at,
        title: throttled.title,
        whatToDo: throttled.whatToDo,
        guidance: expect.objectContaining({
          code: 'TooManyRequests',
          support: {
            requestId: 'req-429',
            clientRequestId: null,
            correlationId: null,
            traceId: null,
            timestamp: '2026-11-30T09:21:04',
          },
        }),
      }),
    ]);
  });
});

describe('reportContent', () => {
  it('makes every string well formed, so JSON tools and every format read the same text', () => {
    const record = verifiedRun().record();
    const content = reportContent(
      { ...record, input: { ...record.input, technician: 'Jo\uD800rdan', ticket: 'T-1\uDC00' } },
      options,
    );
    expect([content.technician, content.ticket]).toEqual(['Jo\uFFFDrdan', 'T-1\uFFFD']);
  });

  it('refuses a generatedAt that is not an ISO 8601 timestamp', () => {
    expect(() =>
      reportContent(verifiedRun().record(), { toolVersion: '1', generatedAt: 'yesterday' }),
    ).toThrow();
  });
});
