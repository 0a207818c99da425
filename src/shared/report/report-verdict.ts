import { assertNever } from '../assert-never';
import { STEP_TITLES, type StepId } from '../checklist/steps';
import { countRemovalRows } from '../offboarding/removal-check';
import { type RunRecord, unsettledWrites } from '../onboarding/run-record';
import { isOffboarding, type outcomeOf, verifiedOutcome } from '../onboarding/run-status';
import { formatUtc, PERMISSION_TYPE_LABELS, STATUS_LABELS, STATUS_ORDER } from './report-labels';
import { ENTERPRISE_APP_STATUS_LABELS } from './report-removal';
import type { ReportContent, ReportCounts, ReportPermission, VerdictKind } from './report-schema';

/**
 * The report's verdict: what the run achieved, from its latest verification whenever there is one (finished or
 * not), otherwise from how it stopped. Entries of the profile nobody can grant are named, not counted as missing.
 */
export const verdictOf = (
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
  const check = record.removalCheck;
  if (isOffboarding(record) && check !== null && outcome !== 'blocked') {
    const app = record.input.profile.targetApp.displayName;
    const at = formatUtc(check.at);
    const after = afterVerification(record, outcome, step);
    const counts = countRemovalRows(check.rows);
    const enterpriseApp = ENTERPRISE_APP_STATUS_LABELS[check.enterpriseApp].toLowerCase();
    if (check.complete) {
      return verdict(
        'complete',
        'Access removed',
        `Nothing of ${app}’s access is left in the tenant: ${plural(counts.removed, 'permission', 'permissions')} removed, its enterprise application ${enterpriseApp}, verified ${at}.${after}`,
      );
    }
    const left = counts['still-present'];
    return verdict(
      'incomplete',
      `Access not fully removed: ${left === 0 ? 'enterprise application' : `${left} still present`}`,
      `${plural(left, 'permission', 'permissions')} of ${app} ${left === 1 ? 'is' : 'are'} still held and its enterprise application is ${enterpriseApp}, verified ${at}; the warnings say why.${after}`,
    );
  }
  if (verification !== null && outcome !== 'blocked') {
    const at = formatUtc(verification.at);
    const named =
      notGrantable.length === 0
        ? ''
        : ` The profile also lists ${plural(notGrantable.length, 'entry', 'entries')} nobody can grant: ${notGrantable
            .map((e) => `${e.name} (${PERMISSION_TYPE_LABELS[e.type].toLowerCase()}): ${e.reason}`)
            .join(' ')}`;
    const after = afterVerification(record, outcome, step);
    if (verifiedOutcome({ counts }) === 'verified') {
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
      const unsettled = unsettledWrites(record).length;
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
