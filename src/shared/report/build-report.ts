import { STEP_TITLES, type StepId } from '../checklist/steps';
import type { Guidance } from '../guidance/guidance';
import type { RunRecord, WriteRecord } from '../onboarding/run-record';
import { CHECKLIST_STEP_OF_PROBLEM, countByStatus, outcomeOf, stoppedStep } from '../onboarding/run-status';
import type { VerificationRow } from '../onboarding/verification';
import { profileName } from '../profile/permission-profile';
import { PERMISSION_TYPES, type PermissionType } from '../profile/permission-type';
import { canonicalJson } from './canonical-json';
import { redactReportStrings } from './redact-report';
import { type Sha256Hex, withDigest } from './report-digest';
import { formatUtc, PERMISSION_TYPE_LABELS, STATUS_LABELS, STATUS_ORDER } from './report-labels';
import {
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportChange,
  type ReportContent,
  ReportContentSchema,
  type ReportCounts,
  type ReportGuidance,
  type ReportPermission,
  type ReportWarning,
  type VerdictKind,
} from './report-schema';

/** What a report needs besides the run record. */
export interface ReportOptions {
  /** The version of the tool making the report. */
  readonly toolVersion: string;
  /** When the report is made, as an ISO 8601 timestamp. */
  readonly generatedAt: string;
  /**
   * Whether this process is still driving the run: its report then says "in progress" where a stored run whose
   * journal stops without an end says "interrupted". False when absent.
   */
  readonly live?: boolean;
}

/**
 * Builds a report's content from a run record: everything but the digest, redacted and checked against the
 * schema. Pure and synchronous; {@link buildReport} adds the digest.
 *
 * A run that verified gets its permission table from the latest verification. A run that never did (blocked,
 * failed, cancelled, interrupted) still gets one row per permission of its profile, each `missing` with the
 * evidence note "Not verified: …" naming the step where the run stopped, because nothing in the report proves the
 * permission granted; rows the plan found the resource does not offer are `not-offered`, since that is a fact read
 * from the tenant. The verdict, not the counts, says what happened to such a run.
 */
export const reportContent = (record: RunRecord, options: ReportOptions): ReportContent => {
  const live = options.live ?? false;
  const outcome = outcomeOf(record, live);
  const stoppedAt = stoppedStep(record, live);
  const permissions = explainNotOffered(
    record.verification === null
      ? unverifiedRows(record, stoppedAt, outcome)
      : record.verification.rows.map(reportRow),
  );
  const counts = countRows(permissions);
  const organization = record.organization;
  const identifier = record.input.identifier;
  const domains = (organization?.verifiedDomains ?? []).map((d) => ({
    name: d.name,
    isDefault: d.isDefault,
    isInitial: d.isInitial,
  }));
  const targetName = record.input.profile.targetApp.displayName;
  const changes = changesOf(record);

  const content = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: options.generatedAt,
    toolVersion: options.toolVersion,
    practice: record.practice,
    run: {
      id: record.runId,
      toolVersion: record.toolVersion,
      startedAt: record.startedAt,
      endedAt: record.ended ? record.endedAt : null,
      lastEntryAt: record.lastEntryAt,
      durationSeconds: secondsBetween(
        record.startedAt,
        (record.ended ? record.endedAt : null) ?? record.lastEntryAt,
      ),
      outcome,
      strategy: record.input.strategy,
      signInBrowser: record.input.browser,
      stoppedAt,
    },
    verdict: verdictOf(record, outcome, stoppedAt, counts, permissions),
    tenant: {
      id:
        organization?.id ??
        record.discovery?.tenantId ??
        (identifier.kind === 'tenant-id' ? identifier.tenantId : null),
      displayName: organization?.displayName ?? null,
      enteredAs: record.input.clientText,
      defaultDomain:
        domains.find((d) => d.isDefault)?.name ?? (identifier.kind === 'domain' ? identifier.domain : null),
      domains,
    },
    cloud:
      record.discovery === null
        ? null
        : {
            id: record.discovery.cloud,
            displayName: record.discovery.cloudDisplayName,
            evidence: record.discovery.evidence,
          },
    targetApp: {
      appId: record.input.profile.targetApp.appId,
      displayName: targetName,
      profileName: profileName(record.input.profile),
    },
    technician: record.input.technician,
    ticket: record.input.ticket,
    admin:
      record.account === null
        ? null
        : {
            userPrincipalName: record.account.userPrincipalName,
            displayName: record.account.displayName,
            objectId: record.account.objectId,
            tenantId: record.account.tenantId,
            roles: record.roles.map((r) => ({
              displayName: r.displayName,
              roleTemplateId: r.roleTemplateId,
              state: r.state,
            })),
          },
    guards: record.guards.map((g) => ({ guard: g.guard, passed: g.passed, message: g.message })),
    verification:
      record.verification === null
        ? null
        : { at: record.verification.at, attempt: record.verification.attempt },
    counts,
    permissions,
    extras: (record.verification?.extras ?? []).map((e) => ({
      resourceAppId: e.resourceAppId,
      resourceName: e.resourceName,
      type: e.type,
      name: e.name,
      objectId: e.objectId,
    })),
    changes,
    warnings: warningsOf(record, permissions, changes, targetName),
  };
  return ReportContentSchema.parse(redactReportStrings(content));
};

/** Builds the report of a run: its content ({@link reportContent}) and the SHA-256 digest of that content. */
export const buildReport = (
  record: RunRecord,
  options: ReportOptions & { readonly sha256Hex: Sha256Hex },
): Promise<Report> => withDigest(reportContent(record, options), options.sha256Hex);

const secondsBetween = (from: string, to: string): number => {
  const span = Math.floor((Date.parse(to) - Date.parse(from)) / 1000);
  return Number.isFinite(span) && span > 0 ? span : 0;
};

const reportRow = (row: VerificationRow): ReportPermission => ({
  resourceAppId: row.resourceAppId,
  resourceName: row.resourceName,
  type: row.type,
  name: row.name,
  id: row.id,
  status: row.status,
  evidence: {
    kind: row.evidence.kind,
    objectId: row.evidence.objectId,
    createdDateTime: row.evidence.createdDateTime,
    principalIds: row.evidence.principalIds,
    note: row.evidence.note,
  },
});

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The profile's permissions as rows when the run never verified: nothing proves any of them granted. */
const unverifiedRows = (
  record: RunRecord,
  stoppedAt: StepId | null,
  outcome: ReturnType<typeof outcomeOf>,
): readonly ReportPermission[] => {
  const where =
    stoppedAt === null
      ? 'the run has no verification'
      : `the run ${outcome === 'in-progress' ? 'is at' : 'stopped at'} the ${STEP_TITLES[stoppedAt]} step${
          outcome === 'in-progress' ? '' : ` (${outcome})`
        } before the permissions were verified`;
  const note = `Not verified: ${where}. Nothing in this report proves it granted.`;
  const plan = record.plan;
  return record.input.profile.permissions.flatMap((resource) =>
    PERMISSION_TYPES.flatMap((type) =>
      (resource[type] ?? []).map((permission): ReportPermission => {
        const base = {
          resourceAppId: resource.resourceAppId,
          resourceName: resource.resourceDisplayName,
          type,
          name: permission.name,
        };
        const notOffered = plan?.notOffered.find(
          (n) =>
            n.resourceAppId === resource.resourceAppId &&
            n.type === type &&
            sameName(n.name, permission.name),
        );
        if (notOffered !== undefined) {
          return { ...base, id: null, status: 'not-offered', evidence: noEvidence(notOffered.reason) };
        }
        // The plan knows an application permission's app role ID; a delegated scope's ID is not in the record.
        const role =
          type === 'application'
            ? plan?.appRoleAssignments.find(
                (a) => a.resourceAppId === resource.resourceAppId && sameName(a.value, permission.name),
              )
            : undefined;
        return { ...base, id: role?.appRoleId ?? null, status: 'missing', evidence: noEvidence(note) };
      }),
    ),
  );
};

const noEvidence = (note: string): ReportPermission['evidence'] => ({
  kind: 'none',
  objectId: null,
  createdDateTime: null,
  principalIds: [],
  note,
});

const article = (type: PermissionType): string => (type === 'application' ? 'an' : 'a');

const otherType = (type: PermissionType): PermissionType =>
  type === 'delegated' ? 'application' : 'delegated';

/**
 * Says in words why a permission is not offered. Verification and plan record only the reason's code
 * (`not-published`, `disabled`); a note that is already a sentence is kept.
 * https://learn.microsoft.com/graph/permissions-reference
 */
const explainNotOffered = (rows: readonly ReportPermission[]): readonly ReportPermission[] =>
  rows.map((row) => {
    if (row.status !== 'not-offered') return row;
    const type = PERMISSION_TYPE_LABELS[row.type].toLowerCase();
    const other = otherType(row.type);
    // The record keeps no "published as the other type" fact; a row of the other type with an ID proves it.
    const publishedAsOther = rows.some(
      (r) =>
        r.resourceAppId === row.resourceAppId &&
        r.type === other &&
        sameName(r.name, row.name) &&
        r.id !== null,
    );
    const alsoOther = publishedAsOther
      ? ` It is published as ${article(other)} ${other} permission, which is requested too.`
      : '';
    switch (row.evidence.note) {
      case 'not-published':
        return {
          ...row,
          evidence: {
            ...row.evidence,
            note: `${row.resourceName} does not publish ${row.name} as ${article(row.type)} ${type} permission, so it cannot be granted as one.${alsoOther}`,
          },
        };
      case 'disabled':
        return {
          ...row,
          evidence: {
            ...row.evidence,
            note: `${row.resourceName} publishes ${row.name} as ${article(row.type)} ${type} permission but has disabled it, so Microsoft Entra will not grant it.`,
          },
        };
      default:
        return row;
    }
  });

const countRows = (rows: readonly ReportPermission[]): ReportCounts => ({
  ...countByStatus(rows),
  total: rows.length,
});

const verdictOf = (
  record: RunRecord,
  outcome: ReturnType<typeof outcomeOf>,
  stoppedAt: StepId | null,
  counts: ReportCounts,
  permissions: readonly ReportPermission[],
): ReportContent['verdict'] => {
  const verification = record.verification;
  const step = stoppedAt === null ? 'the last' : `the ${STEP_TITLES[stoppedAt]}`;
  const lastProblem = record.problems.at(-1)?.guidance;
  const notGrantable = permissions
    .filter((p) => p.status === 'not-offered')
    .map((p) => ({ resourceName: p.resourceName, type: p.type, name: p.name, reason: p.evidence.note }));
  const verdict = (kind: VerdictKind, text: string, detail: string): ReportContent['verdict'] => ({
    kind,
    text,
    detail,
    notGrantable,
  });
  // What was verified decides, whether or not the run was finished: a report exported before Finish says what
  // the tenant holds. Only a guard that stops the run (wrong tenant, role, app) speaks louder.
  if (verification !== null && outcome !== 'blocked') {
    const fixable = counts.missing + counts['user-consent-only'] + counts['app-disabled'];
    const at = formatUtc(verification.at);
    const named =
      notGrantable.length === 0
        ? ''
        : ` The profile also lists ${plural(notGrantable.length, 'entry', 'entries')} nobody can grant: ${notGrantable
            .map((e) => `${e.name} (${PERMISSION_TYPE_LABELS[e.type].toLowerCase()}): ${e.reason}`)
            .join(' ')}`;
    const after = afterVerification(record, outcome, step);
    if (fixable === 0 && counts.granted > 0) {
      return notGrantable.length === 0
        ? verdict(
            'complete',
            'Complete',
            `All ${counts.total} requested permissions are granted, verified ${at}.${after}`,
          )
        : verdict(
            'complete-with-not-grantable',
            `Complete (${plural(notGrantable.length, 'entry', 'entries')} nobody can grant)`,
            `All ${counts.granted} requested permissions that can be granted are granted, verified ${at}.${named}${after}`,
          );
    }
    const shortfall = STATUS_ORDER.filter((s) => s !== 'granted' && s !== 'not-offered' && counts[s] > 0)
      .map((s) => `${counts[s]} ${STATUS_LABELS[s].toLowerCase()}`)
      .join(', ');
    const grantable = counts.total - notGrantable.length;
    return verdict(
      'incomplete',
      `Incomplete: ${shortfall || 'nothing granted'}`,
      `${counts.granted} of ${
        notGrantable.length === 0
          ? `${counts.total} requested permissions`
          : `the ${grantable} requested permissions that can be granted`
      } ${counts.granted === 1 ? 'is' : 'are'} granted, verified ${at}; the warnings say why the others are not.${named}${after}`,
    );
  }
  switch (outcome) {
    case 'verified':
    case 'incomplete':
      return verdict(
        'incomplete',
        'Incomplete: not verified',
        'The run ended without verifying the permissions.',
      );
    case 'blocked': {
      const guard = record.guards.find((g) => !g.passed);
      return verdict(
        'blocked',
        'Blocked',
        guard?.message ??
          (lastProblem === undefined ? `The run was stopped at ${step} step.` : lastProblem.title),
      );
    }
    case 'failed':
      return verdict(
        'failed',
        'Failed',
        lastProblem === undefined
          ? `The run failed at ${step} step.`
          : `${lastProblem.title} (at ${step} step). ${lastProblem.whatHappened}`,
      );
    case 'cancelled':
      return verdict('cancelled', 'Cancelled', `The technician cancelled the run at ${step} step.`);
    case 'interrupted': {
      const unsettled = record.writes.filter((w) => w.outcome === null).length;
      return verdict(
        'interrupted',
        'Interrupted',
        `The journal stops at ${formatUtc(record.lastEntryAt)}, during ${step} step, without an end: the app was closed or stopped.${
          unsettled > 0
            ? ` ${unsettled === 1 ? 'One change' : `${unsettled} changes`} had no answer and may or may not have reached the tenant.`
            : ''
        }`,
      );
    }
    case 'in-progress':
      return verdict('in-progress', 'In progress', `The run is at ${step} step.`);
    default:
      return assertNever(outcome);
  }
};

const plural = (n: number, one: string, many: string): string => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** What happened to a run after the verification its verdict comes from, when it did not simply end. */
const afterVerification = (
  record: RunRecord,
  outcome: ReturnType<typeof outcomeOf>,
  step: string,
): string => {
  switch (outcome) {
    case 'verified':
    case 'incomplete':
    case 'in-progress':
    case 'blocked':
      return '';
    case 'cancelled':
      return ' The technician then cancelled the run.';
    case 'failed': {
      const problem = record.problems.at(-1)?.guidance;
      return ` The run then stopped at ${step} step${problem === undefined ? '' : `: ${problem.title}`}.`;
    }
    case 'interrupted':
      return ` The run was not finished: its journal stops at ${formatUtc(record.lastEntryAt)} without an end.`;
    default:
      return assertNever(outcome);
  }
};

const changeOf = (write: WriteRecord): ReportChange => {
  const base = {
    id: write.writeId,
    method: write.request.method,
    url: write.request.url,
    startedAt: write.startedAt,
    finishedAt: write.finishedAt,
    outcome: write.outcome ?? 'unknown',
    httpStatus: write.httpStatus,
    requestId: write.requestId,
    objectId: write.objectId,
  } as const;
  const intent = write.intent;
  switch (intent.kind) {
    case 'create-service-principal':
      return {
        ...base,
        kind: intent.kind,
        summary: `Service principal for ${intent.displayName} in the tenant`,
        resourceAppId: intent.appId,
        resourceName: intent.displayName,
        permissions: [],
      };
    case 'create-grant':
    case 'extend-grant':
      return {
        ...base,
        kind: intent.kind,
        summary: `${plural(intent.change.addScopes.length, 'delegated permission', 'delegated permissions')} of ${
          intent.change.resourceName
        } for all users (${intent.kind === 'create-grant' ? 'new grant' : 'added to the existing grant'})`,
        resourceAppId: intent.change.resourceAppId,
        resourceName: intent.change.resourceName,
        permissions: intent.change.addScopes,
      };
    case 'assign-app-role':
      return {
        ...base,
        kind: intent.kind,
        summary: `Application permission ${intent.change.value} of ${intent.change.resourceName}`,
        resourceAppId: intent.change.resourceAppId,
        resourceName: intent.change.resourceName,
        permissions: [intent.change.value],
      };
    default:
      return assertNever(intent);
  }
};

/** Every change in the order it started: the journal's writes, and Microsoft's admin-consent page if used. */
const changesOf = (record: RunRecord): readonly ReportChange[] => {
  const changes = record.writes.map(changeOf);
  const consent = record.adminConsent;
  if (consent === null) return changes;
  const adminConsent: ReportChange = {
    id: 'admin-consent',
    kind: 'admin-consent',
    summary: `Admin consent on Microsoft’s page for ${record.input.profile.targetApp.displayName} (every permission its registration requests)`,
    resourceAppId: null,
    resourceName: null,
    permissions: [],
    method: null,
    url: null,
    startedAt: consent.openedAt,
    finishedAt: consent.returnedAt,
    outcome:
      consent.returnedAt === null
        ? 'unknown'
        : consent.adminConsent === true && consent.error === null
          ? 'applied'
          : 'failed',
    httpStatus: null,
    requestId: null,
    objectId: null,
  };
  const at = Date.parse(consent.openedAt);
  const index = changes.findIndex((c) => Date.parse(c.startedAt) > at);
  return index < 0
    ? [...changes, adminConsent]
    : [...changes.slice(0, index), adminConsent, ...changes.slice(index)];
};

const reportGuidance = (g: Guidance): ReportGuidance => ({
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

const warningsOf = (
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
    // https://learn.microsoft.com/entra/identity/enterprise-apps/disable-user-sign-in-portal
    warnings.push({
      kind: 'target-disabled',
      at: null,
      step: 'verify',
      title: `${targetName} is disabled in this tenant`,
      message: `Its service principal is disabled (accountEnabled: false): the permissions granted to it are on record, but no token is issued for it until it is enabled.`,
      whatToDo: [
        `In the Microsoft Entra admin center, open Enterprise applications > ${targetName} > Properties and set "Enabled for users to sign-in?" to Yes.`,
        'Then verify again.',
      ],
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

const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
