import { performance } from 'node:perf_hooks';
import { OnboardingRun } from '../../src/main/onboarding/onboarding-run';
import type { RunInput } from '../../src/shared/onboarding/run-entry';
import type { RunRecord } from '../../src/shared/onboarding/run-record';
import type { PermissionProfile } from '../../src/shared/profile/permission-profile';
import { checkClientIdentifier } from '../../src/shared/tenant/client-identifier';
import { type PracticeStage, startPracticeStage } from './practice-stage';

/** What the technician enters on the Client step, for the direct grant of `profile` to `client`. */
export const runInputFor = (client: string, profile: PermissionProfile): RunInput => {
  const check = checkClientIdentifier(client);
  if (!check.valid) throw new Error(`Not a client identifier: ${client}`);
  return {
    clientText: client,
    identifier: check.identifier,
    technician: 'Bench Technician',
    ticket: 'BENCH-1',
    profile,
    strategy: 'direct-grant',
    browser: 'in-app',
  };
};

/** Graph HTTP requests and wall time of one measured span. */
export interface SpanFigures {
  readonly graphRequests: number;
  readonly wallMs: number;
}

/** One onboarding of a fresh tenant, measured from signed-in to verified, then a verification alone. */
export interface OnboardingFigures {
  readonly onboard: SpanFigures;
  readonly verify: SpanFigures;
  /** From the writes' start to the verification's answer: what the Grant step waits through. */
  readonly grantToVerified: SpanFigures;
  readonly practiceStartMs: number;
  /** The finished run's record (its verification rows make the export case's report). */
  readonly record: RunRecord;
}

/**
 * The span from `startedAt` to `endedAt`. A span whose start was never seen (the run recorded no signed-in account)
 * is an error, not a span from the process's start: a figure measured from the wrong moment must not be printed.
 */
export const spanFrom = (
  startedAt: number | null,
  endedAt: number,
  graphRequests: number,
  what: string,
): SpanFigures => {
  if (startedAt === null) throw new Error(`No start was recorded for ${what}: the span cannot be measured.`);
  return { graphRequests, wallMs: endedAt - startedAt };
};

const stopOnProblem = (record: RunRecord, step: string): void => {
  const problem = record.problems.at(-1);
  if (problem !== undefined) {
    throw new Error(`The run stopped at ${step}: ${problem.guidance.title} (${problem.guidance.rawMessage})`);
  }
};

/**
 * Onboards Contoso (a fresh tenant) with `profile` by direct grant on a practice tenant of its own. The span starts
 * when the sign-in's token arrives (the journal's `signed-in` entry) and ends when verification returns; it holds
 * the identity and role read, the plan, the writes and the verification. Then verification runs once more alone.
 */
export const measureOnboarding = async (
  profile: PermissionProfile,
  options: { readonly latencyMs: number; readonly expectGranted: number },
): Promise<OnboardingFigures> => {
  const stage: PracticeStage = await startPracticeStage({ latencyMs: options.latencyMs });
  try {
    let signedInAt: number | null = null;
    let requests = 0;
    stage.hooks = {
      onRecord: (record) => {
        signedInAt ??= record.account === null ? null : performance.now();
      },
      onGraphRequest: () => {
        requests += 1;
      },
    };
    const run = await OnboardingRun.start(stage.env, runInputFor('contoso.com', profile));
    try {
      stopOnProblem(await run.discover(), 'discover');
      stopOnProblem(await run.signIn({ prompt: 'select_account' }), 'sign-in');
      stopOnProblem(await run.plan(), 'plan');
      const requestsBeforeGrant = requests;
      const grantStarted = performance.now();
      stopOnProblem(await run.apply(), 'apply');
      const verified = await run.verify();
      const verifiedAt = performance.now();
      const onboard = spanFrom(signedInAt, verifiedAt, requests, 'onboarding (the signed-in entry)');
      const grantToVerified = spanFrom(grantStarted, verifiedAt, requests - requestsBeforeGrant, 'the grant');
      stopOnProblem(verified, 'verify');
      const granted = verified.verification?.counts.granted ?? 0;
      if (granted !== options.expectGranted) {
        throw new Error(`Verification found ${granted} permissions granted, not ${options.expectGranted}.`);
      }

      requests = 0;
      const started = performance.now();
      const again = await run.verify();
      const verify: SpanFigures = { graphRequests: requests, wallMs: performance.now() - started };
      stopOnProblem(again, 'verify again');
      const record = await run.finish();
      return { onboard, verify, grantToVerified, practiceStartMs: stage.practiceStartMs, record };
    } finally {
      await run.close();
    }
  } finally {
    await stage.close();
  }
};
