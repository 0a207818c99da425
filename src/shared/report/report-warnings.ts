import { enableEnterpriseAppSteps } from '../guidance/enable-enterprise-app';
import type { Guidance } from '../guidance/guidance';
import type { RunRecord } from '../onboarding/run-record';
import { CHECKLIST_STEP_OF_PROBLEM } from '../onboarding/run-status';
import { canonicalJson } from './canonical-json';
import type { ReportChange, ReportGuidance, ReportPermission, ReportWarning } from './report-schema';

/** Guidance as the report carries it: the technician's advice and the IDs Microsoft support asks for. */
export const reportGuidance = (g: Guidance): ReportGuidance => ({
  source: g.source,
  code: g.code,
  httpStatus: g.httpStatus,
  catalogKey: g.catalogKey,
  known: g.known,
  rawMessage: g.rawMessage,
  learnMore: g.learnMore,
  support: {
    correlationId: g.support.correlationId ?? null,
    traceId: g.support.traceId ?? null,
    requestId: g.support.requestId ?? null,
    clientRequestId: g.support.clientRequestId ?? null,
    timestamp: g.support.timestamp ?? null,
  },
});

const GUARD_TITLES: Readonly<Record<RunRecord['guards'][number]['guard'], string>> = {
  tenant: 'Signed in to another tenant',
  role: 'The account lacks an administrator role',
  'target-app': 'The target app could not be confirmed',
};

/**
 * What the report warns about: failed guards, problems the run recorded (once, on the write they belong to),
 * refused and unanswered writes, disabled enterprise applications and permissions held by single users only.
 */
export const warningsOf = (
  record: RunRecord,
  permissions: readonly ReportPermission[],
  changes: readonly ReportChange[],
  targetName: string,
): readonly ReportWarning[] => {
  const warnings: ReportWarning[] = [];
  const summaryOf = (writeId: string): string => changes.find((c) => c.id === writeId)?.summary ?? writeId;

  for (const guard of record.guards.filter((g) => !g.passed)) {
    warnings.push({
      kind: 'failed-guard',
      at: null,
      step: 'identity',
      title: GUARD_TITLES[guard.guard],
      message: guard.message,
      whatToDo: guard.whatToDo,
      whoCanFix: null,
      related: [],
      guidance: null,
    });
  }

  // A refused write usually comes with a problem entry carrying the same guidance: it is shown once, on the write.
  const writeGuidance = new Set(
    record.writes.flatMap((w) => (w.guidance === null ? [] : [canonicalJson(w.guidance)])),
  );
  for (const problem of record.problems) {
    if (writeGuidance.has(canonicalJson(problem.guidance))) continue;
    const g = problem.guidance;
    warnings.push({
      kind: 'problem',
      at: problem.at,
      step: CHECKLIST_STEP_OF_PROBLEM[problem.step],
      title: g.title,
      message: g.whatHappened,
      whatToDo: g.whatToDo,
      whoCanFix: g.whoCanFix,
      related: [],
      guidance: reportGuidance(g),
    });
  }

  for (const write of record.writes) {
    if (write.outcome === 'failed') {
      const g = write.guidance;
      warnings.push({
        kind: 'failed-write',
        at: write.finishedAt,
        step: 'grant',
        title: `Refused: ${summaryOf(write.writeId)}`,
        message:
          g?.whatHappened ??
          `Microsoft Graph refused the request${write.httpStatus === null ? '' : ` (HTTP ${write.httpStatus})`}.`,
        whatToDo: g?.whatToDo ?? [],
        whoCanFix: g?.whoCanFix ?? null,
        related: [write.writeId],
        guidance: g === null ? null : reportGuidance(g),
      });
    } else if (write.outcome === null) {
      warnings.push({
        kind: 'unsettled-write',
        at: write.startedAt,
        step: 'grant',
        title: `No answer: ${summaryOf(write.writeId)}`,
        message:
          'The run stopped before Microsoft Graph answered this request, so it may or may not have reached the tenant.',
        whatToDo: [
          'Run the onboarding again: it reads the tenant first and adds only what is still missing.',
        ],
        whoCanFix: 'technician',
        related: [write.writeId],
        guidance: null,
      });
    }
  }

  const consent = record.adminConsent;
  if (
    consent !== null &&
    consent.returnedAt !== null &&
    (consent.error !== null || consent.adminConsent !== true) &&
    !record.problems.some((p) => p.step === 'admin-consent')
  ) {
    warnings.push({
      kind: 'admin-consent',
      at: consent.returnedAt,
      step: 'grant',
      title: 'Admin consent was not granted',
      message: `Microsoft’s admin-consent page answered ${consent.error ?? 'without consent'}${
        consent.errorDescription === null ? '' : `: ${consent.errorDescription}`
      }`,
      whatToDo: [],
      whoCanFix: null,
      related: ['admin-consent'],
      guidance: null,
    });
  }

  const disabledRows = permissions.filter((p) => p.status === 'app-disabled');
  if (disabledRows.length > 0 || (record.plan?.warnings ?? []).some((w) => w.kind === 'target-disabled')) {
    warnings.push({
      kind: 'target-disabled',
      at: null,
      step: 'verify',
      title: `${targetName} is disabled in this tenant`,
      message: `Its enterprise application is disabled (accountEnabled: false): the permissions granted to it are on record, but no token is issued for it until it is enabled.`,
      whatToDo: enableEnterpriseAppSteps(targetName),
      whoCanFix: 'client-administrator',
      related: disabledRows.map(permissionKey),
      guidance: null,
    });
  }

  // Entries nobody can grant are not warnings since version 2: nothing in the tenant is wrong, and nothing done in
  // it would change them. The verdict names them (`verdict.notGrantable`) with what the profile's owner can do.

  const userOnly = permissions.filter((p) => p.status === 'user-consent-only');
  if (userOnly.length > 0) {
    warnings.push({
      kind: 'user-consent-only',
      at: null,
      step: 'verify',
      title: 'Granted by single users only, not for the organization',
      message: `${userOnly.map((p) => p.name).join(', ')}: held only through users’ own consent, so ${targetName} has them only for those users. Admin consent grants them for all users.`,
      whatToDo: ['Run the onboarding again to grant them for all users.'],
      whoCanFix: 'technician',
      related: userOnly.map(permissionKey),
      guidance: null,
    });
  }
  return warnings;
};

const permissionKey = (row: ReportPermission): string => `${row.type}:${row.name}`;
