import { describe, expect, it } from 'vitest';
import { foldRun, unsettledWrites } from '../../../../src/shared/onboarding/run-record';
import { notGrantableCount, outcomeOf, stepStatesOf } from '../../../../src/shared/onboarding/run-status';
import {
  blockedRun,
  failedRun,
  graphErrorGuidance,
  incompleteRun,
  interruptedRun,
  missingRun,
  startRun,
  verifiedRun,
} from '../../../support/run-fixtures';

describe('folding a run’s journal', () => {
  it('is null for a journal that does not start with run-started', () => {
    expect(foldRun([])).toBeNull();
    const [, second] = verifiedRun().entries;
    expect(second === undefined ? null : foldRun([second])).toBeNull();
  });

  it('gives a verified run every step done and its outcome', () => {
    const record = verifiedRun().record();
    expect(record.ended).toBe(true);
    expect(outcomeOf(record, false)).toBe('verified');
    expect(record.verification?.complete).toBe(true);
    expect(Object.values(stepStatesOf(record, false))).toEqual(Array(8).fill('done'));
    expect(unsettledWrites(record)).toEqual([]);
  });

  it('blocks the identity step when a guard fails, and leaves the later steps not started', () => {
    const states = stepStatesOf(blockedRun().record(), false);
    expect(states.identity).toBe('blocked');
    expect(states.plan).toBe('not-started');
    expect(states.grant).toBe('not-started');
  });

  it('marks the grant step for attention when Graph refused a write', () => {
    const record = failedRun().record();
    expect(stepStatesOf(record, false).grant).toBe('needs-attention');
    expect(
      record.writes.some((w) => w.outcome === 'failed' && w.guidance?.code === 'Authorization_RequestDenied'),
    ).toBe(true);
  });

  it('shows an interrupted run with the write whose answer never came', () => {
    const record = interruptedRun().record();
    expect(record.ended).toBe(false);
    expect(outcomeOf(record, false)).toBe('interrupted');
    expect(outcomeOf(record, true)).toBe('in-progress');
    expect(unsettledWrites(record)).toHaveLength(1);
    expect(record.writes).toHaveLength(4);
  });

  it('forgets the previous sign-in’s identity and guards when the administrator signs in again', () => {
    const journal = startRun().discover().signIn().readIdentity().guards();
    expect(journal.record().guards).toHaveLength(3);
    const again = journal.append({ type: 'sign-in-started', prompt: 'login' }).record();
    expect(again.account).toBeNull();
    expect(again.guards).toEqual([]);
    expect(again.roles).toEqual([]);
  });

  it('lets a re-verification after the end change the latest verification', () => {
    const journal = verifiedRun();
    const before = journal.record().verification;
    const after = journal
      .append({
        type: 'verified',
        attempt: 1,
        rows: before?.rows ?? [],
        extras: [],
        counts: before?.counts ?? {},
        complete: false,
      })
      .record();
    expect(after.verification?.complete).toBe(false);
    expect(after.ended).toBe(true);
  });

  it('judges the grant by its latest attempt: a resumed run that made good a dropped one is done', () => {
    const network = graphErrorGuidance(503, 'ServiceUnavailable', 'The service is unavailable.');
    const dropped = interruptedRun().problem('grant', network);
    expect(stepStatesOf(dropped.record(), false).grant).toBe('needs-attention');
    const resumed = dropped.plan().confirm().write().verify();
    const record = resumed.record();
    expect(stepStatesOf(record, true).grant).toBe('done');
  });

  it('does not count a declined admin consent as granted, though Microsoft marks it admin_consent=True', () => {
    const journal = startRun({ strategy: 'admin-consent-page' })
      .discover()
      .signIn()
      .readIdentity()
      .guards()
      .plan()
      .confirm()
      .append({ type: 'admin-consent-opened', url: 'https://login.microsoftonline.com/x/v2.0/adminconsent' })
      .append({
        type: 'admin-consent-returned',
        adminConsent: true,
        error: 'access_denied',
        errorDescription: 'AADSTS65004: User declined to consent to access the app.',
      });
    const states = stepStatesOf(journal.record(), true);
    expect(states.grant).not.toBe('done');
    expect(states.verify).toBe('not-started');
  });

  it('judges an ended run by its verification: entries nobody can grant leave it verified, a missing one does not', () => {
    // Journals of builds that counted entries nobody can grant as missing recorded `incomplete` for such runs.
    const builtIn = incompleteRun().record();
    expect(builtIn.outcome).toBe('incomplete');
    expect(builtIn.verification === null ? null : notGrantableCount(builtIn.verification)).toBe(1);
    expect(outcomeOf(builtIn, false)).toBe('verified');
    expect(outcomeOf(missingRun().record(), false)).toBe('incomplete');
    expect(outcomeOf(blockedRun().record(), false)).toBe('blocked');
    expect(outcomeOf(failedRun().record(), false)).toBe('failed');
  });
});
