/** How long and how often {@link pollUntil} checks again. */
export interface PollPolicy {
  /** How long to keep checking, from the first check; ignored when `deadline` is given. */
  readonly deadlineMs: number;
  /** The first pause between two checks; it doubles up to `maxPollIntervalMs`. */
  readonly firstPollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** How a poll ended: the last check's value, and whether it was done or the deadline passed first. */
export interface PollResult<T> {
  readonly value: T;
  readonly done: boolean;
  readonly attempts: number;
}

/**
 * Checks until `done` holds for what `check` returned or the deadline passes, pausing between checks with a
 * doubling back-off, and returns the last check. Microsoft Entra ID is eventually consistent, so a read that does
 * not yet show what was written is read again rather than believed, and a write that names an object created
 * moments ago is sent again rather than given up:
 * https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
 * https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
 *
 * Every wait of the engine for Microsoft's replication is this loop; only the checks differ.
 */
export const pollUntil = async <T>(
  options: PollPolicy & {
    /** One check; `attempt` counts from 1. */
    readonly check: (attempt: number) => Promise<T>;
    readonly done: (value: T) => boolean;
    /** An absolute deadline (ms since the epoch), to share one deadline between polls. */
    readonly deadline?: number;
    /** Called before each pause, with the last value and the pause, to say what is being waited for. */
    readonly onWait?: (value: T, waitMs: number, attempt: number) => void;
  },
): Promise<PollResult<T>> => {
  const deadline = options.deadline ?? options.now() + options.deadlineMs;
  let pause = options.firstPollIntervalMs;
  for (let attempt = 1; ; attempt += 1) {
    const value = await options.check(attempt);
    if (options.done(value)) return { value, done: true, attempts: attempt };
    const timeLeft = deadline - options.now();
    if (timeLeft <= 0) return { value, done: false, attempts: attempt };
    const wait = Math.min(pause, timeLeft);
    options.onWait?.(value, wait, attempt);
    await options.sleep(wait);
    pause = Math.min(pause * 2, options.maxPollIntervalMs);
  }
};
