import type { RunProgress } from '../../shared/onboarding/run-progress';

/** The least time between two announcements of the same progress message with new counts. */
export const PROGRESS_ANNOUNCEMENT_INTERVAL_MS = 5_000;

/** The last progress sentence announced, and when. */
export interface LastAnnouncement {
  readonly message: string;
  readonly sentence: string;
  readonly at: number;
}

/** What a screen reader hears for a progress event: its message, with the count when it has one. */
export const progressSentence = (progress: RunProgress): string =>
  progress.done !== null && progress.total !== null
    ? `${progress.message} ${progress.done} of ${progress.total}.`
    : progress.message;

/**
 * Whether to announce `progress` now. A new message (the step moved on to other work) is announced at once; the
 * same message with new counts (one more write answered) at most every {@link PROGRESS_ANNOUNCEMENT_INTERVAL_MS}, so
 * a grant of hundreds of writes is heard every few seconds, not once per write.
 */
export const progressToAnnounce = (
  last: LastAnnouncement | null,
  progress: RunProgress,
  now: number,
): LastAnnouncement | null => {
  const sentence = progressSentence(progress);
  if (last !== null && last.sentence === sentence) return null;
  if (last !== null && last.message === progress.message && now - last.at < PROGRESS_ANNOUNCEMENT_INTERVAL_MS)
    return null;
  return { message: progress.message, sentence, at: now };
};
