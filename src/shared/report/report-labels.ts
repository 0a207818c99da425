import type { PermissionStatus } from '../onboarding/verification';
import type { PermissionType } from '../profile/permission-type';
import { removalCountsLine } from './report-removal';
import type { Report, ToolAccess, ToolAccessItem } from './report-schema';

/** How every format names each permission status, for a reader who does not know the JSON values. */
export const STATUS_LABELS: Readonly<Record<PermissionStatus, string>> = {
  granted: 'Granted',
  missing: 'Missing',
  // Neutral: the resource does not offer the entry as requested, so nobody can grant it in any tenant.
  'not-offered': 'Not grantable',
  'user-consent-only': 'User consent only',
  'app-disabled': 'App disabled',
};

/**
 * What every format says under the entries nobody can grant: neutral, and who could change it.
 * https://learn.microsoft.com/graph/permissions-reference
 */
export const NOT_GRANTABLE_ADVICE =
  'Nobody can grant these in any tenant: the resource does not offer them as the profile requests them. Nothing in this tenant is wrong. The profile’s owner can request each as the type the resource publishes (https://learn.microsoft.com/graph/permissions-reference), or remove it.';

/** The statuses in the order every format lists their counts. */
export const STATUS_ORDER: readonly PermissionStatus[] = [
  'granted',
  'missing',
  'not-offered',
  'user-consent-only',
  'app-disabled',
];

/** How every format names the two permission types. */
export const PERMISSION_TYPE_LABELS: Readonly<Record<PermissionType, string>> = {
  delegated: 'Delegated',
  application: 'Application',
};

/** How every format names a change's outcome. */
export const CHANGE_OUTCOME_LABELS: Readonly<Record<Report['changes'][number]['outcome'], string>> = {
  applied: 'Applied',
  'already-present': 'Already present',
  'already-gone': 'Already gone',
  failed: 'Failed',
  unknown: 'No answer',
};

/** How every format names what became of a part of the tool's own footprint. */
export const TOOL_ACCESS_STATUS_LABELS: Readonly<Record<ToolAccessItem['status'], string>> = {
  removed: 'Removed',
  'already-gone': 'Already gone',
  failed: 'Not removed',
  unknown: 'No answer',
  'not-attempted': 'Not attempted',
  kept: 'Left in the tenant',
};

/** The sentence every format opens its "The tool's own access" section with. */
export const toolAccessIntro = (access: ToolAccess | null): string => {
  if (access === null)
    return 'Not recorded yet: Finish removes the tool’s own access as its last writes, and the report made after Finish says what became of it.';
  if (access.skipped !== null) return access.skipped;
  const choice = access.removeGrants
    ? access.deleteEnterpriseApp
      ? 'remove the tool’s delegated grants and delete its enterprise application'
      : 'remove the tool’s delegated grants and keep its enterprise application'
    : 'leave the tool’s access as it was';
  const failed = access.items.some(
    (i) => i.status === 'failed' || i.status === 'unknown' || i.status === 'not-attempted',
  );
  return `At Finish (${formatUtc(access.at)}) the technician chose to ${choice}. ${
    access.items.length === 0
      ? 'The tool held nothing in the tenant.'
      : failed || access.stopped !== null
        ? 'Not everything chosen was removed; see below. The onboarding’s outcome does not depend on it.'
        : 'Each part of it is listed below.'
  }`;
};

/** How every format names the grant strategy. */
export const STRATEGY_LABELS: Readonly<Record<Report['run']['strategy'], string>> = {
  'direct-grant': 'Direct grant through Microsoft Graph',
  'admin-consent-page': 'Microsoft’s admin-consent page',
};

/** What every format calls the report: an onboarding's or an offboarding's. */
export const reportTitle = (report: Pick<Report, 'run'>): string =>
  report.run.kind === 'offboarding' ? 'Offboarding report' : 'Onboarding report';

/** What a run does, as the Client step offers it. */
export type RunKind = 'onboard' | 'offboard';

/** How the Client step names the two kinds of run. */
export const RUN_KIND_LABELS: Readonly<Record<RunKind, string>> = {
  onboard: 'Onboard: grant the app its permissions',
  offboard: 'Offboard: remove the app’s access from the tenant',
};

/** How every screen and format names what becomes of the app's enterprise application when offboarding. */
export const ENTERPRISE_APP_ACTION_LABELS: Readonly<Record<'disable' | 'delete', string>> = {
  disable: 'Disable it: nobody can sign in to it',
  delete: 'Delete it (restorable for 30 days)',
};

/** The mark every page of a practice run's report carries. */
export const PRACTICE_MARK = 'PRACTICE RUN: practice tenant, not a client’s';

/**
 * A timestamp as every format shows it: UTC to the second, `2026-11-29 14:03:12 UTC`. Reports are read in other
 * time zones than the technician's, so they all use one; the JSON keeps the recorded ISO 8601 value.
 */
export const formatUtc = (iso: string): string => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
};

/** A duration in words: `45 s`, `9 min 12 s`, `1 h 02 min`. */
export const formatDuration = (seconds: number): string => {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};

/** The tenant as a person names it: its organization's name and default domain, or whatever is known. */
export const tenantLabel = (report: Report): string => {
  const { displayName, defaultDomain, enteredAs } = report.tenant;
  if (displayName !== null && defaultDomain !== null) return `${displayName} (${defaultDomain})`;
  return displayName ?? defaultDomain ?? enteredAs;
};

/**
 * The counts line every format shows: "38 granted, 1 missing, 1 not offered of 40 requested", or for an offboarding
 * "40 removed, 1 not present of 41 permissions".
 */
export const countsLine = (report: Report): string => {
  if (report.removal !== null) return removalCountsLine(report.removal);
  const parts = STATUS_ORDER.filter((status) => status === 'granted' || report.counts[status] > 0).map(
    (status) => `${report.counts[status]} ${STATUS_LABELS[status].toLowerCase()}`,
  );
  return `${parts.join(', ')} of ${report.counts.total} requested`;
};

/** The administrator as a line: "Adele Vance <admin@contoso.com>, Global Administrator (active)". */
export const adminLine = (report: Report): string => {
  const admin = report.admin;
  if (admin === null) return 'Nobody signed in';
  const who =
    admin.displayName === null
      ? admin.userPrincipalName
      : `${admin.displayName} <${admin.userPrincipalName}>`;
  const roles = admin.roles.map((role) => `${role.displayName} (${role.state})`).join(', ');
  return roles === '' ? `${who}, no directory role` : `${who}, ${roles}`;
};
