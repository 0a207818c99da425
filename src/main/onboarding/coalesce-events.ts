/**
 * Events of a long step, thinned to what a window can use: at most one per interval for each key, sent when the
 * interval ends, always the latest. A run journals two entries per write: drawing the window for each one kept it
 * busy on the same two cores as the writes. What a step makes in less than an interval (a verification) goes out
 * only with the step's end, right before its answer, so the window draws it once. `make` gathers what is kept: a
 * run's change holds every entry since the last one sent, so nothing is lost by waiting.
 */
export interface EventCoalescer {
  /**
   * Keeps `make` to call when `key`'s interval ends, in place of any kept before; the first offer of a key starts
   * its interval. `make` runs only when its value is sent.
   */
  offer(key: string, make: () => void): void;
  /** Forgets what is kept for `key` and ends its interval: a step's last change, sent by the caller, comes last. */
  drop(key: string): void;
  /** Drops every key (the app is closing). */
  close(): void;
}

/** Timer functions, replaceable in tests. */
export interface CoalescerTimers {
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

const SYSTEM_TIMERS: CoalescerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Creates an {@link EventCoalescer} that sends at most once per `intervalMs` for each key; 0 sends every event. */
export const coalesceEvents = (
  intervalMs: number,
  timers: CoalescerTimers = SYSTEM_TIMERS,
): EventCoalescer => {
  const open = new Map<string, { handle: unknown; kept: () => void }>();

  const startInterval = (key: string, kept: () => void): void => {
    const slot = {
      kept,
      handle: timers.setTimeout(() => {
        open.delete(key);
        slot.kept();
      }, intervalMs),
    };
    open.set(key, slot);
  };

  const drop = (key: string): void => {
    const slot = open.get(key);
    if (slot === undefined) return;
    timers.clearTimeout(slot.handle);
    open.delete(key);
  };

  return {
    offer(key, make) {
      if (intervalMs <= 0) {
        make();
        return;
      }
      const slot = open.get(key);
      if (slot !== undefined) slot.kept = make;
      else startInterval(key, make);
    },
    drop,
    close() {
      for (const key of [...open.keys()]) drop(key);
    },
  };
};
