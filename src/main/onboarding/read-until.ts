/** How long and how often {@link readUntil} reads again. */
export interface ReadAgainPolicy {
  /** How long to keep reading, from the first read. */
  readonly deadlineMs: number;
  readonly firstPollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Called before each pause (to say what is being waited for). */
  readonly onWait?: () => void;
}

/**
 * Reads until `done` holds for what was read or the deadline passes, pausing between reads with a doubling
 * back-off, and returns the last read. Entra ID's reads are eventually consistent, so a read that does not yet show
 * what was written is read again rather than believed:
 * https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
 */
export const readUntil = async <T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  policy: ReadAgainPolicy,
): Promise<T> => {
  const deadline = policy.now() + policy.deadlineMs;
  let pause = policy.firstPollIntervalMs;
  for (;;) {
    const value = await read();
    const timeLeft = deadline - policy.now();
    if (done(value) || timeLeft <= 0) return value;
    policy.onWait?.();
    await policy.sleep(Math.min(pause, timeLeft));
    pause = Math.min(pause * 2, policy.maxPollIntervalMs);
  }
};
