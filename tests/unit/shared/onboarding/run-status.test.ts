import { describe, expect, it } from 'vitest';
import {
  countByStatus,
  finishOutcome,
  identityGuardsPassed,
  latestGrantAttempt,
  runStatusOf,
  stepStatesOf,
  stoppedStep,
} from '../../../../src/shared/onboarding/run-status';
import { verifyPermissions } from '../../../../src/shared/onboarding/verification';
import {
  blockedRun,
  CONTOSO,
  failedRun,
  graphErrorGuidance,
  incompleteRun,
  missingRun,
  startRun,
  verifiedRun,
} from '../../../support/run-fixtures';

// One answer to each question about a run's record, shared by the engine, the run's view, the checklist and the
// report. Where two places used to answer differently, the case is here.

const passedGuard = (guard: 'tenant' | 'role') => ({
  type: 'guard' as const,
  result: { guard, passed: true, message: `${guard} passed`, whatToDo: [] },
});

// A journal signed in with every guard passed, as the engine writes it (the strategy as asked).
const identified = (strategy?: 'admin-consent-page') =>
  startRun(strategy === undefined ? {} : { strategy })
    .discover()
    .signIn()
    .readIdentity()
    .guards();

const refusal = () => graphErrorGuidance(403, 'Authorization_RequestDenied', 'Insufficient privileges.');

describe('the run status of a record', () => {
  it('has the identity step done once the tenant and role guards pass, before the plan adds the target-app guard', () => {
    // Folding used to count three guards, while the engine and the checklist asked for tenant and role only.
    const record = startRun()
      .discover()
      .signIn()
      .readIdentity()
      .append(passedGuard('tenant'))
      .append(passedGuard('role'))
      .record();
    expect(record.guards.map((g) => g.guard)).toEqual(['tenant', 'role']);
    expect(identityGuardsPassed(record)).toBe(true);
    expect(stepStatesOf(record, true).identity).toBe('done');
    expect(stepStatesOf(record, true).plan).toBe('in-progress');
    expect(runStatusOf(record, true).identityPassed).toBe(true);
  });

  it('does not pass identity on the tenant guard alone, nor after a new sign-in cleared the guards', () => {
    const tenantOnly = startRun().discover().signIn().readIdentity().append(passedGuard('tenant'));
    expect(identityGuardsPassed(tenantOnly.record())).toBe(false);
    expect(stepStatesOf(tenantOnly.record(), true).identity).toBe('in-progress');
    const again = identified().append({ type: 'sign-in-started', prompt: 'login' }).record();
    expect(runStatusOf(again, true).identityPassed).toBe(false);
  });

  it('fails the grant attempt on a refused write even while another write of it has no answer', () => {
    // The checklist said "pending" here while the step states said "needs attention".
    const record = identified()
      .plan()
      .confirm()
      .write({
        refuse: (write) => (write.intent.kind === 'create-service-principal' ? refusal() : null),
        stopAfter: 2,
      })
      .record();
    expect(record.writes.map((w) => w.outcome)).toEqual(['failed', null]);
    expect(latestGrantAttempt(record)).toBe('failed');
    expect(stepStatesOf(record, true).grant).toBe('needs-attention');
  });

  it('follows the grant attempt from none to pending to succeeded', () => {
    const planned = identified().plan();
    expect(runStatusOf(planned.record(), true).grantAttempt).toBe('none');
    const unanswered = identified().plan().confirm().write({ stopAfter: 1 });
    expect(runStatusOf(unanswered.record(), true).grantAttempt).toBe('pending');
    expect(stepStatesOf(unanswered.record(), true).grant).toBe('in-progress');
    expect(stepStatesOf(unanswered.record(), false).grant).toBe('not-started');
    const written = identified().plan().confirm().write();
    expect(runStatusOf(written.record(), true).grantAttempt).toBe('succeeded');
    expect(stepStatesOf(written.record(), true).verify).toBe('in-progress');
  });

  it('waits for the admin-consent page, and puts its problems on the Grant consent step', () => {
    const opened = identified('admin-consent-page')
      .plan()
      .confirm()
      .append({
        type: 'admin-consent-opened',
        url: `https://login.microsoftonline.com/${CONTOSO.tenantId}/v2.0/adminconsent`,
      });
    expect(latestGrantAttempt(opened.record())).toBe('pending');
    const closed = opened.problem('admin-consent', refusal()).record();
    expect(latestGrantAttempt(closed)).toBe('failed');
    expect(stepStatesOf(closed, true).grant).toBe('needs-attention');
    expect(stoppedStep(closed, true)).toBe('grant');
  });

  it('puts a discovery problem on Preflight', () => {
    const record = startRun().problem('discover', refusal()).record();
    expect(stepStatesOf(record, false).preflight).toBe('needs-attention');
    expect(stoppedStep(record, false)).toBe('preflight');
  });

  it('gives Finish the verification’s outcome, or why there is none', () => {
    expect(finishOutcome(verifiedRun().record())).toBe('verified');
    // The built-in profile's entry nobody can grant does not make the run incomplete.
    expect(finishOutcome(incompleteRun().record())).toBe('verified');
    expect(finishOutcome(missingRun().record())).toBe('incomplete');
    expect(finishOutcome(blockedRun().record())).toBe('blocked');
    expect(finishOutcome(failedRun().record())).toBe('failed');
    // Finished before anything stopped or was verified: the technician ended early.
    expect(finishOutcome(startRun().discover().record())).toBe('incomplete');
  });

  it('counts permissions by status the same way for the verification and the report', () => {
    const record = missingRun().record();
    const verification = record.verification;
    if (verification === null) throw new Error('missingRun verifies');
    const counts = countByStatus(verification.rows);
    expect(counts).toEqual(verification.counts);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(verification.rows.length);
    expect(counts.missing).toBeGreaterThan(0);
    expect(countByStatus([{ status: 'granted' }, { status: 'app-disabled' }, { status: 'granted' }])).toEqual(
      {
        granted: 2,
        missing: 0,
        'not-offered': 0,
        'user-consent-only': 0,
        'app-disabled': 1,
      },
    );
    expect(
      verifyPermissions([], {
        targetAppId: CONTOSO.tenantId,
        client: null,
        resources: {},
        grants: [],
        assignments: [],
      }).counts,
    ).toEqual(countByStatus([]));
  });
});
