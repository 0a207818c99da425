import type { RunRecord } from '../../shared/onboarding/run-record';

/** How the latest confirmed plan's grant went. */
export type GrantAttempt = 'none' | 'pending' | 'succeeded' | 'failed';

/**
 * How the grant of the latest confirmed plan went, judged by that attempt alone: its own writes (those started
 * after the plan was confirmed) and its own problems. A resumed run carries the writes of an earlier, interrupted
 * attempt that never got an answer; they say nothing about the attempt that followed.
 */
export const latestGrantAttempt = (record: RunRecord): GrantAttempt => {
  const confirmedAt = record.planConfirmedAt;
  if (confirmedAt === null) return 'none';
  const failed = record.problems.some(
    (p) => p.at >= confirmedAt && (p.step === 'grant' || p.step === 'admin-consent'),
  );
  if (failed) return 'failed';
  if (record.input.strategy === 'admin-consent-page') {
    const consent = record.adminConsent;
    if (consent === null || consent.returnedAt === null || consent.returnedAt < confirmedAt) return 'pending';
    return consent.adminConsent === true && consent.error === null ? 'succeeded' : 'failed';
  }
  const writes = record.writes.filter((w) => w.startedAt >= confirmedAt);
  if (writes.some((w) => w.outcome === null)) return 'pending';
  if (writes.some((w) => w.outcome === 'failed')) return 'failed';
  return 'succeeded';
};
