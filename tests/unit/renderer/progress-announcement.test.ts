import { describe, expect, it } from 'vitest';
import {
  type LastAnnouncement,
  PROGRESS_ANNOUNCEMENT_INTERVAL_MS,
  progressSentence,
  progressToAnnounce,
} from '../../../src/renderer/announce/progress-announcement';
import type { RunProgress } from '../../../src/shared/onboarding/run-progress';

const granting = (done: number, total = 300): RunProgress => ({
  runId: 'run-1',
  phase: 'grant',
  message: 'Granting permissions…',
  done,
  total,
});

/** Every announcement a stream of progress events makes, as the hook feeds them in. */
const announced = (events: readonly { readonly at: number; readonly progress: RunProgress }[]): string[] => {
  let last: LastAnnouncement | null = null;
  const heard: string[] = [];
  for (const { at, progress } of events) {
    const next = progressToAnnounce(last, progress, at);
    if (next === null) continue;
    last = next;
    heard.push(next.sentence);
  }
  return heard;
};

describe('progress announcements', () => {
  it('say the count when the step has one', () => {
    expect(progressSentence(granting(40))).toBe('Granting permissions… 40 of 300.');
    expect(
      progressSentence({
        runId: 'r',
        phase: 'plan',
        message: 'Reading what the tenant holds…',
        done: null,
        total: null,
      }),
    ).toBe('Reading what the tenant holds…');
  });

  it('are not made per write: 300 writes answered over 12 seconds are heard 3 times', () => {
    const events = Array.from({ length: 301 }, (_, done) => ({ at: done * 40, progress: granting(done) }));
    expect(announced(events)).toEqual([
      'Granting permissions… 0 of 300.',
      'Granting permissions… 125 of 300.',
      'Granting permissions… 250 of 300.',
    ]);
    expect(PROGRESS_ANNOUNCEMENT_INTERVAL_MS).toBe(5_000);
  });

  it('say new work at once, and never the same sentence twice in a row', () => {
    const verify = (attempt: number): RunProgress => ({
      runId: 'run-1',
      phase: 'verify',
      message: `Reading the tenant’s permissions (check ${attempt})…`,
      done: attempt,
      total: null,
    });
    expect(
      announced([
        { at: 0, progress: granting(300) },
        { at: 100, progress: verify(1) },
        { at: 200, progress: verify(1) },
        { at: 300, progress: verify(2) },
      ]),
    ).toEqual([
      'Granting permissions… 300 of 300.',
      'Reading the tenant’s permissions (check 1)…',
      'Reading the tenant’s permissions (check 2)…',
    ]);
  });
});
