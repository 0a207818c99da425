import { describe, expect, it } from 'vitest';
import { drawKillPoint, earlierKillPoint, killRange } from '../../../scripts/chaos/kill-range';

const journal = (length: number): string[] => [
  'run-started',
  ...Array.from({ length: length - 2 }, () => 'write-finished'),
  'run-ended',
];

describe('the crash test kill range', () => {
  it('covers every entry of the measured journal but the last, run-ended', () => {
    expect(killRange(journal(61))).toEqual({ first: 1, last: 60, journalLength: 61 });
    expect(killRange(journal(12))).toEqual({ first: 1, last: 11, journalLength: 12 });
  });

  it('refuses a journal whose run did not end, which measures no full onboarding', () => {
    expect(() => killRange(['run-started', 'discovered', 'problem'])).toThrow(
      "The reference run's journal ends with problem, not run-ended: it did not finish.",
    );
  });

  it('draws kill points inside the range, its first and last entries included', () => {
    const range = killRange(journal(58));
    expect(drawKillPoint(range, () => 0, 120)).toEqual({ entry: 1, pauseMs: 0 });
    expect(drawKillPoint(range, () => 0.999_999, 120)).toEqual({ entry: 57, pauseMs: 119 });
  });
});

describe('a trial that finished before its kill', () => {
  it('is tried again at the same entry without the pause', () => {
    expect(earlierKillPoint({ entry: 57, pauseMs: 90 }, 58)).toEqual({ entry: 57, pauseMs: 0 });
  });

  it('is tried again one entry earlier once there was no pause', () => {
    expect(earlierKillPoint({ entry: 57, pauseMs: 0 }, 58)).toEqual({ entry: 56, pauseMs: 0 });
  });

  it('comes back inside the journal the trial actually wrote when the kill point lay past it', () => {
    expect(earlierKillPoint({ entry: 57, pauseMs: 40 }, 50)).toEqual({ entry: 49, pauseMs: 0 });
  });

  it('has no earlier point left after the first entry', () => {
    expect(earlierKillPoint({ entry: 1, pauseMs: 0 }, 58)).toBeNull();
  });
});
