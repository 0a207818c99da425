import { describe, expect, it } from 'vitest';
import { type PollPolicy, pollUntil } from '../../../../src/main/onboarding/poll-until';

/** A clock that moves only when the poll sleeps. */
const clock = (deadlineMs: number): PollPolicy & { slept: number[]; at: () => number } => {
  let now = 1_000;
  const slept: number[] = [];
  return {
    slept,
    at: () => now,
    deadlineMs,
    firstPollIntervalMs: 2_000,
    maxPollIntervalMs: 15_000,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
};

describe('pollUntil', () => {
  it('returns the first check that is done, without pausing', async () => {
    const policy = clock(60_000);
    const result = await pollUntil({ ...policy, check: async (attempt) => attempt, done: () => true });
    expect(result).toEqual({ value: 1, done: true, attempts: 1 });
    expect(policy.slept).toEqual([]);
  });

  it('pauses with a doubling back-off up to its maximum until the check is done', async () => {
    const policy = clock(120_000);
    const waits: [number, number, number][] = [];
    const result = await pollUntil({
      ...policy,
      check: async (attempt) => attempt,
      done: (attempt) => attempt === 6,
      onWait: (value, waitMs, attempt) => waits.push([value, waitMs, attempt]),
    });
    expect(result).toEqual({ value: 6, done: true, attempts: 6 });
    expect(policy.slept).toEqual([2_000, 4_000, 8_000, 15_000, 15_000]);
    expect(waits).toEqual([
      [1, 2_000, 1],
      [2, 4_000, 2],
      [3, 8_000, 3],
      [4, 15_000, 4],
      [5, 15_000, 5],
    ]);
  });

  it('stops at the deadline with the last check, not done, its last pause cut to the time left', async () => {
    const policy = clock(10_000);
    const result = await pollUntil({ ...policy, check: async (attempt) => attempt, done: () => false });
    // 2 s + 4 s, then only the 4 s left of the 10 s, then one last check at the deadline.
    expect(policy.slept).toEqual([2_000, 4_000, 4_000]);
    expect(result).toEqual({ value: 4, done: false, attempts: 4 });
  });

  it('shares an absolute deadline between polls', async () => {
    const policy = clock(600_000);
    const deadline = policy.at() + 3_000;
    const result = await pollUntil({ ...policy, deadline, check: async () => 'x', done: () => false });
    expect(policy.slept).toEqual([2_000, 1_000]);
    expect(result.done).toBe(false);
  });

  it('lets a check that throws end the poll with its error', async () => {
    const policy = clock(60_000);
    await expect(
      pollUntil({
        ...policy,
        check: async () => {
          throw new Error('refused');
        },
        done: () => false,
      }),
    ).rejects.toThrow('refused');
    expect(policy.slept).toEqual([]);
  });
});
