import type { SignInBrowserEvent, SignInBrowserOutcome } from './browser-opener';

/** The event plumbing every sign-in browser shares: listeners, and outcomes queued for `nextOutcome()`. */
export interface BrowserEvents {
  emit(event: SignInBrowserEvent): void;
  onEvent(listener: (event: SignInBrowserEvent) => void): () => void;
  nextOutcome(): Promise<SignInBrowserOutcome>;
  /** Forgets outcomes of the previous page (a new page is being shown). */
  forgetQueued(): void;
  /** The browser ended: whoever waits in `nextOutcome()` gets `ended`; listeners are dropped unnotified. */
  end(): void;
  /** Whether `end()` was called. */
  readonly ended: boolean;
}

const isOutcome = (event: SignInBrowserEvent): event is SignInBrowserOutcome =>
  event.kind !== 'navigation-blocked';

/** Creates the event plumbing of one run's sign-in browser. */
export const createBrowserEvents = (): BrowserEvents => {
  const listeners = new Set<(event: SignInBrowserEvent) => void>();
  let queued: SignInBrowserOutcome[] = [];
  const waiters: ((outcome: SignInBrowserOutcome) => void)[] = [];
  let ended = false;
  return {
    emit(event) {
      for (const listener of [...listeners]) listener(event);
      if (!isOutcome(event)) return;
      const waiter = waiters.shift();
      if (waiter === undefined) queued.push(event);
      else waiter(event);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    nextOutcome() {
      const next = queued.shift();
      if (next !== undefined) return Promise.resolve(next);
      return new Promise((resolve) => waiters.push(resolve));
    },
    forgetQueued() {
      queued = [];
    },
    end() {
      ended = true;
      for (const waiter of waiters.splice(0)) waiter({ kind: 'ended' });
      listeners.clear();
    },
    get ended() {
      return ended;
    },
  };
};
