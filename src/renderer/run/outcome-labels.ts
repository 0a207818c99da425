import type { RunView } from '../../shared/bridge/contract';
import type { RunOutcome } from '../../shared/onboarding/run-record';

/** How the checklist and the history name a run's outcome. */
export const OUTCOME_LABELS: Readonly<Record<RunOutcome | 'in-progress', string>> = {
  // Complete for everything anyone can grant; entries of the profile nobody can grant are a note, not a gap.
  verified: 'Complete',
  incomplete: 'Incomplete',
  blocked: 'Blocked',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  'in-progress': 'In progress',
};

/** The badge colour of each outcome. */
export const OUTCOME_COLORS: Readonly<
  Record<RunOutcome | 'in-progress', 'success' | 'warning' | 'danger' | 'informative' | 'brand'>
> = {
  verified: 'success',
  incomplete: 'warning',
  blocked: 'danger',
  failed: 'danger',
  cancelled: 'informative',
  interrupted: 'warning',
  'in-progress': 'brand',
};

/**
 * The note beside a complete run whose profile lists entries nobody can grant (the resource does not offer them as
 * requested): "1 entry of the profile nobody can grant".
 */
export const notGrantableNote = (count: number): string =>
  `${count === 1 ? '1 entry' : `${count} entries`} of the profile nobody can grant`;

/** A key that changes whenever the run does: the report of the run is read again when it changes. */
export const runStateKey = (view: RunView): string =>
  `${view.record.lastEntryAt}|${view.live ? 'live' : 'stored'}|${view.record.ended ? 'ended' : 'open'}`;
