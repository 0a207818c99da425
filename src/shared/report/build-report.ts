import type { RunRecord } from '../onboarding/run-record';
import { isOffboarding, outcomeOf, stoppedStep } from '../onboarding/run-status';
import { profileName } from '../profile/permission-profile';
import { redactReportStrings } from './redact-report';
import { changesOf } from './report-changes';
import { type Sha256Hex, withDigest } from './report-digest';
import { removalOf } from './report-removal';
import { countRows, explainNotOffered, reportRow, unverifiedRows } from './report-rows';
import { REPORT_SCHEMA_VERSION, type Report, type ReportContent, ReportContentSchema } from './report-schema';
import { toolAccessOf } from './report-tool-access';
import { verdictOf } from './report-verdict';
import { warningsOf } from './report-warnings';

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
  // An offboarding grants nothing: its table is `removal`'s, and `permissions` stays empty.
  const permissions = isOffboarding(record)
    ? []
    : explainNotOffered(
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
      kind: isOffboarding(record) ? 'offboarding' : 'onboarding',
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
    toolAccess: toolAccessOf(record),
    removal: removalOf(record),
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
