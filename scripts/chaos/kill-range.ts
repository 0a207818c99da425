/** The journal entries a crash trial may kill the engine after: from `first` to `last`, counted from 1. */
export interface KillRange {
  readonly first: number;
  readonly last: number;
  /** Entries of the full run the range was taken from. */
  readonly journalLength: number;
}

/** When a crash trial kills the engine: after this journal entry is on disk, and this many milliseconds later. */
export interface KillPoint {
  readonly entry: number;
  readonly pauseMs: number;
}

/**
 * The kill range of a full onboarding whose journal held `entryTypes`, in order: after any entry but the last, since
 * once `run-ended` is on disk the run is over and there is nothing left to lose. Throws on a journal that did not
 * end the run, which is no full onboarding to measure.
 */
export const killRange = (entryTypes: readonly string[]): KillRange => {
  if (entryTypes.at(-1) !== 'run-ended')
    throw new Error(
      `The reference run's journal ends with ${entryTypes.at(-1) ?? 'nothing'}, not run-ended: it did not finish.`,
    );
  if (entryTypes.length < 2) throw new Error('The reference run journaled nothing before it ended.');
  return { first: 1, last: entryTypes.length - 1, journalLength: entryTypes.length };
};

/** A kill point drawn from `range` with `random` (uniform in [0, 1)), with a pause below `maxPauseMs`. */
export const drawKillPoint = (range: KillRange, random: () => number, maxPauseMs: number): KillPoint => ({
  entry: range.first + Math.floor(random() * (range.last - range.first + 1)),
  pauseMs: Math.floor(random() * maxPauseMs),
});

/**
 * The next kill point after a trial finished before its kill: the same entry without the pause; once there is no
 * pause, one entry earlier. A kill point past the end of the journal the trial actually wrote (`entriesWritten`)
 * first comes back to its last entry but one. Null when no earlier point is left.
 */
export const earlierKillPoint = (previous: KillPoint, entriesWritten: number): KillPoint | null => {
  const lastKillable = entriesWritten - 1;
  if (lastKillable < 1) return null;
  if (previous.entry > lastKillable) return { entry: lastKillable, pauseMs: 0 };
  if (previous.pauseMs > 0) return { entry: previous.entry, pauseMs: 0 };
  return previous.entry > 1 ? { entry: previous.entry - 1, pauseMs: 0 } : null;
};
