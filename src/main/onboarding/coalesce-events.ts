/**
 * Events of a long step, thinned to what a window can use: the first of a key is sent at once, then at most one per
 * interval, always the latest. A run journals two entries per write; sending the whole run view for each one made
 * the checklist's work grow with the square of the plan's size (every view carries every write, and is validated,
 * carried and rendered). Nothing is lost by skipping: each view holds everything the ones before it held.
 */
export interface EventCoalescer {
  /**
   * Sends `make()` now if nothing was sent for `key` within the interval; otherwise keeps `make` to send when the
   * interval ends, in place of any kept before. `make` runs only when its value is sent.
   */
  offer(key: string, make: () => void): void;
  /** Forgets what is kept for `key` and ends its interval: a step's final view, sent by the caller, comes last. */
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
  const open = new Map<string, { handle: unknown; kept: (() => void) | null }>();

  const startInterval = (key: string): void => {
    const slot = {
      kept: null as (() => void) | null,
      handle: timers.setTimeout(() => {
        open.delete(key);
        if (slot.kept !== null) {
          const send = slot.kept;
          startInterval(key);
          send();
        }
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
      if (slot !== undefined) {
        slot.kept = make;
        return;
      }
      startInterval(key);
      make();
    },
    drop,
    close() {
      for (const key of [...open.keys()]) drop(key);
    },
  };
};
