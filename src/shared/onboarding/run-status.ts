import { z } from 'zod';
import { STEP_IDS, type StepId, type StepState } from '../checklist/steps';
import type { ProblemStep } from './run-entry';
import type { RunOutcome, RunRecord, VerificationRecord, WriteRecord } from './run-record';
import type { PermissionStatus, VerificationRow } from './verification';

/**
 * What a run's record means: where each checklist step stands, whether the identity guards passed, how the latest
 * grant went and how the run ends. The engine, the run manager (which sends these in the run's view), the checklist
 * and the report all read them from here, so each question has one answer.
 */

/** The checklist step each journal problem belongs to (the admin-consent page is part of Grant consent). */
export const CHECKLIST_STEP_OF_PROBLEM: Readonly<Record<ProblemStep, StepId>> = {
  discover: 'preflight',
  'sign-in': 'sign-in',
  identity: 'identity',
  plan: 'plan',
  grant: 'grant',
  'admin-consent': 'grant',
  verify: 'verify',
};

/**
 * Whether both identity guards (tenant, then role) passed for the latest sign-in: only then may anything be
 * planned or written. A new sign-in clears the guards, so they are always the current sign-in's.
 */
export const identityGuardsPassed = (record: Pick<RunRecord, 'guards'>): boolean => {
  const passed = (id: 'tenant' | 'role'): boolean => record.guards.some((g) => g.guard === id && g.passed);
  return passed('tenant') && passed('role');
};

/** How the latest confirmed plan's grant went. */
export const GrantAttemptSchema = z.enum(['none', 'pending', 'succeeded', 'failed']);

/** How the latest confirmed plan's grant went. */
export type GrantAttempt = z.infer<typeof GrantAttemptSchema>;

/**
 * How the grant of the latest confirmed plan went, judged by that attempt alone: its own writes (those started
 * after the plan was confirmed) and its own problems. A resumed run carries the writes of an earlier, interrupted
 * attempt that never got an answer; they say nothing about the attempt that followed. A refused write fails the
 * attempt even while another write of it has no answer yet.
 */
export const latestGrantAttempt = (record: RunRecord): GrantAttempt => {
  const confirmedAt = record.planConfirmedAt;
  if (confirmedAt === null) return 'none';
  const failed = record.problems.some(
    (p) => p.at >= confirmedAt && CHECKLIST_STEP_OF_PROBLEM[p.step] === 'grant',
  );
  if (failed) return 'failed';
  if (record.input.strategy === 'admin-consent-page') {
    const consent = record.adminConsent;
    if (consent === null || consent.returnedAt === null || consent.returnedAt < confirmedAt) return 'pending';
    return consent.adminConsent === true && consent.error === null ? 'succeeded' : 'failed';
  }
  const writes = latestAttemptWrites(record);
  if (writes.some((w) => w.outcome === 'failed')) return 'failed';
  if (writes.some((w) => w.outcome === null)) return 'pending';
  return 'succeeded';
};

/** The writes of the latest confirmed plan's grant: those started after it was confirmed. */
export const latestAttemptWrites = (record: RunRecord): readonly WriteRecord[] => {
  const confirmedAt = record.planConfirmedAt;
  return confirmedAt === null ? [] : record.writes.filter((w) => w.startedAt >= confirmedAt);
};

/** How many permissions have each status. */
export const countByStatus = (
  rows: readonly Pick<VerificationRow, 'status'>[],
): Record<PermissionStatus, number> => {
  const counts: Record<PermissionStatus, number> = {
    granted: 0,
    missing: 0,
    'not-offered': 0,
    'user-consent-only': 0,
    'app-disabled': 0,
  };
  for (const row of rows) counts[row.status] += 1;
  return counts;
};

/**
 * Permissions the tenant does not fully hold yet but could: missing, consented by single users only, or held by a
 * disabled service principal. Not-offered permissions are not among them (the profile, not the tenant, must change).
 */
export const fixableGaps = (verification: Pick<VerificationRecord, 'counts'>): number =>
  (verification.counts.missing ?? 0) +
  (verification.counts['user-consent-only'] ?? 0) +
  (verification.counts['app-disabled'] ?? 0);

/** How many entries of the profile nobody can grant: the resource does not offer them as requested. */
export const notGrantableCount = (verification: Pick<VerificationRecord, 'counts'>): number =>
  verification.counts['not-offered'] ?? 0;

/**
 * How a verification ends a run: `verified` when the tenant holds every permission of the profile that anyone can
 * grant (entries the resource does not offer are noted, not missing), `incomplete` while something grantable is
 * missing, consented by single users only or held by a disabled service principal, or when nothing is granted.
 */
export const verifiedOutcome = (
  verification: Pick<VerificationRecord, 'counts'>,
): Extract<RunOutcome, 'verified' | 'incomplete'> =>
  fixableGaps(verification) === 0 && (verification.counts.granted ?? 0) > 0 ? 'verified' : 'incomplete';

/**
 * The outcome Finish records: the verification's when there is one; `blocked` when a guard failed; `failed` when a
 * step stopped before anything was verified; otherwise `incomplete` (the technician finished early).
 */
export const finishOutcome = (
  record: RunRecord,
): Extract<RunOutcome, 'verified' | 'incomplete' | 'blocked' | 'failed'> => {
  const checked = isOffboarding(record) ? record.removalCheck : record.verification;
  if (checked !== null && checkedOutcome(record) === 'verified') return 'verified';
  if (record.guards.some((g) => !g.passed)) return 'blocked';
  if (record.problems.length > 0 && checked === null) return 'failed';
  return 'incomplete';
};

/** Whether a run takes an app's access away (offboarding) rather than granting it. */
export const isOffboarding = (record: Pick<RunRecord, 'input'>): boolean =>
  record.input.offboard !== undefined;

/**
 * How the latest check ends a run: an onboarding's verification (see {@link verifiedOutcome}); an offboarding's
 * read-back is `verified` when nothing of the app's access is left. Null before the first check.
 */
const checkedOutcome = (record: RunRecord): Extract<RunOutcome, 'verified' | 'incomplete'> | null => {
  if (isOffboarding(record)) {
    return record.removalCheck === null ? null : record.removalCheck.complete ? 'verified' : 'incomplete';
  }
  return record.verification === null ? null : verifiedOutcome(record.verification);
};

/**
 * The outcome to show: the recorded one; `in-progress` for the run this process is driving; `interrupted` for a
 * run whose journal stops without an end and that nothing drives any more (crash, power loss, app closed).
 */
export const outcomeOf = (record: RunRecord, live: boolean): RunOutcome | 'in-progress' => {
  const recorded = record.outcome;
  if (recorded === null) return live ? 'in-progress' : 'interrupted';
  // A run that ended after verifying is judged by its verification, not by the word its end recorded: journals
  // written before profile entries nobody can grant counted as done recorded `incomplete` for every such run.
  const checked = checkedOutcome(record);
  if ((recorded === 'verified' || recorded === 'incomplete') && checked !== null) return checked;
  return recorded;
};

/** The checklist state of each step, derived from the record (steps after a blocking one stay not started). */
export const stepStatesOf = (record: RunRecord, live: boolean): Readonly<Record<StepId, StepState>> => {
  const failedGuard = record.guards.some((g) => !g.passed);
  const lastProblem = record.problems.at(-1);
  const lastProblemAt = (step: StepId): boolean =>
    lastProblem !== undefined && CHECKLIST_STEP_OF_PROBLEM[lastProblem.step] === step;
  const guardsPassed = identityGuardsPassed(record) && !failedGuard;
  const attempt = latestGrantAttempt(record);

  const state = (started: boolean, problem: boolean): StepState =>
    problem ? 'needs-attention' : started && live ? 'in-progress' : 'not-started';

  const verification = record.verification;
  return {
    client: 'done',
    preflight:
      record.discovery !== null
        ? 'done'
        : record.problems.some((p) => p.step === 'discover')
          ? 'needs-attention'
          : 'not-started',
    'sign-in': record.account !== null ? 'done' : state(record.discovery !== null, lastProblemAt('sign-in')),
    identity: failedGuard
      ? 'blocked'
      : guardsPassed
        ? 'done'
        : state(record.account !== null, lastProblemAt('identity')),
    plan:
      record.planConfirmedAt !== null
        ? 'done'
        : lastProblemAt('plan')
          ? 'needs-attention'
          : record.plan !== null || record.removalPlan !== null || (guardsPassed && live)
            ? 'in-progress'
            : 'not-started',
    grant:
      attempt === 'succeeded'
        ? 'done'
        : attempt === 'failed'
          ? 'needs-attention'
          : state(attempt === 'pending', false),
    // Done once nothing the tenant could still be given is missing: a permission the resource does not offer is
    // reported (never counted as granted) but needs a corrected profile, not another try in this tenant.
    verify: isOffboarding(record)
      ? record.removalCheck === null
        ? state(attempt === 'succeeded', lastProblemAt('verify'))
        : record.removalCheck.complete
          ? 'done'
          : 'needs-attention'
      : verification === null
        ? state(attempt === 'succeeded', lastProblemAt('verify'))
        : fixableGaps(verification) === 0
          ? 'done'
          : 'needs-attention',
    report: record.ended ? 'done' : 'not-started',
  };
};

/** The first checklist step (before Report) that is not done; null when all are. */
export const stoppedStep = (record: RunRecord, live: boolean): StepId | null => {
  const states = stepStatesOf(record, live);
  return STEP_IDS.find((step) => step !== 'report' && states[step] !== 'done') ?? null;
};

/** What a run's record means, as the run's view carries it to the checklist. */
export interface RunStatus {
  readonly outcome: RunOutcome | 'in-progress';
  readonly steps: Readonly<Record<StepId, StepState>>;
  /** Both identity guards passed for the latest sign-in. */
  readonly identityPassed: boolean;
  readonly grantAttempt: GrantAttempt;
}

/** Everything {@link RunStatus} says about a record, for a run this process drives (`live`) or a stored one. */
export const runStatusOf = (record: RunRecord, live: boolean): RunStatus => ({
  outcome: outcomeOf(record, live),
  steps: stepStatesOf(record, live),
  identityPassed: identityGuardsPassed(record),
  grantAttempt: latestGrantAttempt(record),
});
